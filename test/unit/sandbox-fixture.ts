// Runs the real sandbox against the fake figma and records what the UI receives.
import { createFakeFigma, type FakeFigmaOptions } from '../../host/fake-figma';
import { parseToUi, type ToUi } from '../../plugin/messages';
import { startPlugin } from '../../plugin/start-plugin';

export const UI_HTML = '<!doctype html><title>ui</title>';

/** Lets every pending promise in the sandbox and the fake run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function runSandbox(options: Omit<FakeFigmaOptions, 'toUi' | 'onShowUI'> = {}) {
  const toUi: ToUi[] = [];
  /** Messages that failed the UI's own validation: must stay empty. */
  const invalid: { message: unknown; error: string }[] = [];
  const shown: { html: string; options: ShowUIOptions | undefined }[] = [];
  const fake = createFakeFigma({
    ...options,
    onShowUI: (html, showOptions) => shown.push({ html, options: showOptions }),
    toUi: (message) => {
      const parsed = parseToUi(message);
      if (parsed.ok) toUi.push(parsed.message);
      else invalid.push({ message, error: parsed.error });
    },
  });
  startPlugin(fake.figma, UI_HTML);

  const ofType = <T extends ToUi['type']>(type: T) =>
    toUi.filter((m): m is Extract<ToUi, { type: T }> => m.type === type);

  return {
    fake,
    toUi,
    invalid,
    shown,
    ofType,
    /** The UI says it is ready, and the sandbox answers. */
    async ready() {
      fake.fromUi({ type: 'ui-ready' });
      await settle();
    },
    /** Changes the selection and waits for the sandbox to send it. */
    async select(nodes: readonly SceneNode[]) {
      fake.select(nodes);
      await settle();
    },
    clear() {
      toUi.length = 0;
      fake.notifications.length = 0;
      fake.exports.length = 0;
    },
  };
}
