// What an automated run may set before the plugin starts (through
// `window.harnessSeed`, e.g. from Playwright's addInitScript): the figma.command
// the plugin is launched with, the clientStorage it finds, whether the file's
// plan allows video, and image nodes already on the canvas and selected
// (with plugin data, as a node with a Re-animate button has).
export interface SeedImage {
  name: string;
  /** The encoded image, base64. */
  base64: string;
  pluginData?: Record<string, string>;
}

export interface HarnessSeed {
  command?: string;
  storage?: Record<string, unknown>;
  videoAllowed?: boolean;
  images?: SeedImage[];
}

const isSeedImage = (value: unknown): value is SeedImage =>
  !!value && typeof value === 'object' && typeof (value as SeedImage).name === 'string' && typeof (value as SeedImage).base64 === 'string';

export function readSeed(): HarnessSeed {
  const seed = (globalThis as { harnessSeed?: unknown }).harnessSeed;
  if (!seed || typeof seed !== 'object') return {};
  const { command, storage, videoAllowed, images } = seed as HarnessSeed;
  return {
    ...(typeof command === 'string' ? { command } : {}),
    ...(storage && typeof storage === 'object' ? { storage } : {}),
    ...(typeof videoAllowed === 'boolean' ? { videoAllowed } : {}),
    ...(Array.isArray(images) ? { images: images.filter(isSeedImage) } : {}),
  };
}
