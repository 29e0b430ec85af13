// Render parameters remembered on a node, for its "Re-animate" relaunch button.
import { parseParams, type RenderParams } from '../engine/params';

/** Plugin data key; its value is the JSON of the RenderParams the clip was made with. */
export const RELAUNCH_DATA_KEY = 'stillmotion';
/** The manifest's relaunch command. */
export const RELAUNCH_COMMAND = 'reanimate';

/** The node's stored params, or null when it has none or they no longer validate. */
export function readRelaunchParams(node: SceneNode | undefined): RenderParams | null {
  const stored = node?.getPluginData(RELAUNCH_DATA_KEY);
  if (!stored) return null;
  try {
    return parseParams(JSON.parse(stored));
  } catch {
    return null;
  }
}

/** Remembers a clip's params on its node and shows the "Re-animate" button there. */
export function writeRelaunchData(node: BaseNode, params: RenderParams): void {
  node.setPluginData(RELAUNCH_DATA_KEY, JSON.stringify(params));
  node.setRelaunchData({
    [RELAUNCH_COMMAND]: `${params.template}, ${params.duration} s, ${params.width}×${params.height}`,
  });
}
