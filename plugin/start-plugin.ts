// The sandbox's wiring: opens the UI, answers its messages and follows the
// selection. Takes `figma` as an argument so tests can run it against a fake.
import { type RenderParams } from '../engine/params';
import { isQuickCommand, startMessage } from './commands';
import { parseToSandbox, type ToSandbox, type ToUi } from './messages';
import { errorText, notices, toast, type Notice } from './notices';
import { wantedSide } from './selection';
import { placeClip } from './place-clip';
import { createSelectionSender } from './send-selection';
import { writeRelaunchData } from './relaunch';
import { loadSettings, saveSettings } from './settings';

/** The part of Figma's plugin API the sandbox uses. */
export type SandboxFigma = Pick<
  PluginAPI,
  | 'command'
  | 'currentPage'
  | 'showUI'
  | 'ui'
  | 'notify'
  | 'clientStorage'
  | 'getImageByHash'
  | 'getNodeByIdAsync'
  | 'createFrame'
  | 'createImage'
  | 'createVideoAsync'
  | 'closePlugin'
  | 'on'
>;

export const UI_OPTIONS: ShowUIOptions = { width: 360, height: 640, themeColors: true, title: 'Stillmotion' };
/** Quick commands show only their progress and the finished clip's buttons. */
export const QUICK_UI_OPTIONS: ShowUIOptions = { width: 300, height: 140, themeColors: true, title: 'Stillmotion' };

export function startPlugin(figma: SandboxFigma, html: string): void {
  figma.showUI(html, isQuickCommand(figma.command) ? QUICK_UI_OPTIONS : UI_OPTIONS);
  const post = (message: ToUi) => figma.ui.postMessage(message);
  const sender = createSelectionSender(figma, post);
  const settingsLoaded = loadSettings(figma.clientStorage);
  /** The params in use; null until the UI is ready to receive anything. */
  let params: RenderParams | null = null;

  const report = (n: Notice) => {
    toast(figma, n);
    try {
      post({ type: 'notice', level: n.level, text: n.text });
    } catch {
      // The toast already told the user; the window may be gone.
    }
  };
  // Event handlers must never throw into Figma: every failure becomes a notice.
  const fail = (error: unknown) => report(notices.failed(errorText(error)));

  async function handle(message: ToSandbox): Promise<void> {
    switch (message.type) {
      case 'ui-ready': {
        const start = startMessage(figma.command, await settingsLoaded, figma.currentPage.selection);
        params = start.params;
        post(start);
        await sender.send(params);
        return;
      }
      case 'settings': {
        // The export depends only on the wanted side, so only a change there re-exports.
        const resend = params !== null && wantedSide(params) !== wantedSide(message.params);
        if (params !== null) params = message.params;
        try {
          await saveSettings(figma.clientStorage, message.params);
        } catch (error) {
          report(notices.saveFailed(errorText(error)));
        }
        if (resend && params) await sender.send(params);
        return;
      }
      case 'notify':
        figma.notify(message.text, message.error ? { error: true } : undefined);
        return;
      case 'rendered': {
        const node = await figma.getNodeByIdAsync(message.nodeId);
        if (node) writeRelaunchData(node, message.params);
        return;
      }
      case 'place': {
        const result = await placeClip(figma, message).catch((error: unknown) => ({
          outcome: 'failed' as const,
          text: `Couldn't place the clip: ${errorText(error)}. Download it instead.`,
        }));
        post({ type: 'placed', requestId: message.requestId, ...result });
        if (result.outcome === 'placed') figma.notify(result.text);
        return;
      }
      case 'close':
        figma.closePlugin();
        return;
      default:
        message satisfies never;
    }
  }

  figma.ui.onmessage = (raw: unknown) => {
    const parsed = parseToSandbox(raw);
    if (!parsed.ok) {
      toast(figma, notices.badMessage(parsed.error));
      return;
    }
    handle(parsed.message).catch(fail);
  };

  figma.on('selectionchange', () => {
    if (params) sender.send(params).catch(fail);
  });
}
