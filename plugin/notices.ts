// What the sandbox tells the user. Each notice goes both to Figma's toast
// (short: about 100 characters fit) and to the plugin window (in full).
import type { ToUi } from './messages';
import { MAX_NODES } from './selection';

export type Level = Extract<ToUi, { type: 'notice' }>['level'];

export interface Notice {
  level: Level;
  /** Shown in the plugin window. */
  text: string;
  /** Shown as Figma's toast; the text itself when short enough. */
  toast: string;
}

const TOAST_MAX = 100;
const NAME_MAX = 40;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function notice(level: Level, text: string, toast = text): Notice {
  return { level, text, toast: shorten(toast, TOAST_MAX) };
}

const quoted = (name: string) => `“${shorten(name, NAME_MAX)}”`;

export const notices = {
  nothingSelected: () => notice('info', 'Select a frame, group or image to animate.'),
  noPixels: (name: string) => notice('warning', `${quoted(name)} has no visible pixels, so it was skipped.`),
  tooLarge: (name: string) => notice('error', `${quoted(name)} is too large to export, so it was skipped.`),
  exportFailed: (name: string, detail: string) =>
    notice(
      'error',
      `Couldn't export ${quoted(name)} (${detail}); it may be too large to export. It was skipped.`,
      `Couldn't export ${quoted(name)}; it may be too large to export.`,
    ),
  /** Everything selected was skipped: one notice for the whole selection. */
  nothingUsable: (problems: readonly Notice[]) => {
    const only = problems.length === 1 ? problems[0] : undefined;
    if (only) return only;
    const level = problems.some((p) => p.level === 'error') ? 'error' : 'warning';
    const text = problems.map((p) => p.text).join(' ');
    return notice(level, text, 'None of the selected layers can be animated; the plugin window says why.');
  },
  capped: (selected: number) =>
    notice('warning', `Only the first ${MAX_NODES} of the ${selected} selected layers are used.`),
  badMessage: (detail: string) =>
    notice('error', `Ignored a malformed message from the plugin window: ${detail}`),
  saveFailed: (detail: string) => notice('error', `Couldn't save your settings: ${detail}`),
  failed: (detail: string) => notice('error', `Something went wrong: ${detail}`),
};

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Figma's toast for a notice; errors get Figma's error style. */
export function toast(figma: Pick<PluginAPI, 'notify'>, n: Notice): void {
  figma.notify(n.toast, n.level === 'error' ? { error: true } : undefined);
}
