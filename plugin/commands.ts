// Maps the manifest's menu and relaunch commands to what the UI is told at start.
import { TEMPLATE_IDS, type RenderParams, type TemplateId } from '../engine/params';
import type { ToUi } from './messages';
import { readRelaunchParams, RELAUNCH_COMMAND } from './relaunch';

export type StartMessage = Extract<ToUi, { type: 'start' }>;

const QUICK_PREFIX = 'quick:';
/** Quick animate with the last settings as they are, template included. */
export const QUICK_LAST_COMMAND = 'quick:last';

function quickTemplate(command: string): TemplateId | null {
  if (!command.startsWith(QUICK_PREFIX)) return null;
  const id = command.slice(QUICK_PREFIX.length);
  return TEMPLATE_IDS.find((template) => template === id) ?? null;
}

/** Commands that render at once in the small window. */
export const isQuickCommand = (command: string): boolean => command === QUICK_LAST_COMMAND || quickTemplate(command) !== null;

/**
 * The start message for a command. Unknown commands (and the empty one Figma
 * gives a plugin run without a menu item) open the editor.
 */
export function startMessage(
  command: string,
  settings: RenderParams,
  selection: readonly SceneNode[],
): StartMessage {
  const template = quickTemplate(command);
  if (template) return { type: 'start', command: 'quick', params: { ...settings, template } };
  if (command === QUICK_LAST_COMMAND) return { type: 'start', command: 'quick', params: settings };
  if (command === RELAUNCH_COMMAND) {
    // The relaunch button belongs to one node, which Figma selects before running us.
    return { type: 'start', command: 'reanimate', params: readRelaunchParams(selection[0]) ?? settings };
  }
  return { type: 'start', command: 'animate', params: settings };
}
