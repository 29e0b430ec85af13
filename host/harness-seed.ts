// What an automated run may set before the plugin starts (through
// `window.harnessSeed`, e.g. from Playwright's addInitScript): the figma.command
// the plugin is launched with and the clientStorage it finds.
export interface HarnessSeed {
  command?: string;
  storage?: Record<string, unknown>;
}

export function readSeed(): HarnessSeed {
  const seed = (globalThis as { harnessSeed?: unknown }).harnessSeed;
  if (!seed || typeof seed !== 'object') return {};
  const { command, storage } = seed as HarnessSeed;
  return {
    ...(typeof command === 'string' ? { command } : {}),
    ...(storage && typeof storage === 'object' ? { storage } : {}),
  };
}
