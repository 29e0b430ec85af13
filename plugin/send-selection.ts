// Sends the selection to the UI: a summary of the usable nodes, notices for the
// skipped ones, then one image per message (Figma structured-clones each post).
import type { RenderParams } from '../engine/params';
import { exportImage } from './export-image';
import type { ToUi } from './messages';
import { errorText, notices, toast, type Notice } from './notices';
import { classify, MAX_NODES, summarize } from './selection';

export interface SelectionSender {
  /** Starts a pass over the current selection; an older pass stops at its next step. */
  send(params: RenderParams): Promise<void>;
}

export function createSelectionSender(
  figma: Pick<PluginAPI, 'currentPage' | 'getImageByHash' | 'notify'>,
  post: (message: ToUi) => void,
): SelectionSender {
  let generation = 0;
  // Toasts already shown for the previous pass: re-selecting or resizing must
  // not repeat the same toast, while the window still gets every notice.
  let toastedBefore = new Set<string>();
  let toasted = new Set<string>();

  const tell = (n: Notice) => {
    if (!toastedBefore.has(n.toast) && !toasted.has(n.toast)) toast(figma, n);
    toasted.add(n.toast);
  };
  const report = (n: Notice) => {
    post({ type: 'notice', level: n.level, text: n.text });
    tell(n);
  };

  return {
    async send(params) {
      const pass = ++generation;
      toastedBefore = toasted;
      toasted = new Set();

      const selected = figma.currentPage.selection;
      const usable: SceneNode[] = [];
      const problems: Notice[] = selected.length > MAX_NODES ? [notices.capped(selected.length)] : [];
      for (const node of selected.slice(0, MAX_NODES)) {
        const verdict = classify(node);
        if (verdict.usable) usable.push(node);
        else problems.push(verdict.reason === 'no-pixels' ? notices.noPixels(node.name) : notices.tooLarge(node.name));
      }

      if (usable.length === 0) {
        const problem = selected.length === 0 ? notices.nothingSelected() : notices.nothingUsable(problems);
        post({ type: 'selection', nodes: [], problem: problem.text });
        tell(problem);
        return;
      }

      // Summaries are taken now: a node deleted mid-pass can no longer be read.
      const targets = usable.map((node) => ({ node, summary: summarize(node) }));
      post({ type: 'selection', nodes: targets.map((t) => t.summary) });
      problems.forEach(report);

      const getImageByHash = (hash: string) => figma.getImageByHash(hash);
      for (const [index, { node, summary }] of targets.entries()) {
        let image;
        try {
          image = await exportImage(node, params, getImageByHash);
        } catch (error) {
          if (pass !== generation) return;
          report(notices.exportFailed(summary.name, errorText(error)));
          continue;
        }
        if (pass !== generation) return;
        post({ type: 'image', node: summary, bytes: image.bytes, source: image.source, index, count: targets.length });
      }
    },
  };
}
