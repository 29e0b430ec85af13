// The user's last render parameters, the only thing the plugin keeps in
// clientStorage (5 MB, per user): never pixels or anything about an image.
import { DEFAULT_PARAMS, parseParams, type RenderParams } from '../engine/params';

export const SETTINGS_KEY = 'settings';

/** Stored settings, or the defaults when there are none or they no longer validate. */
export async function loadSettings(storage: ClientStorageAPI): Promise<RenderParams> {
  try {
    return parseParams(await storage.getAsync(SETTINGS_KEY));
  } catch {
    return DEFAULT_PARAMS;
  }
}

export async function saveSettings(storage: ClientStorageAPI, params: RenderParams): Promise<void> {
  // Re-validated so nothing but a params object can ever reach the store.
  await storage.setAsync(SETTINGS_KEY, parseParams(params));
}
