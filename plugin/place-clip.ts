// Puts a finished clip on the canvas: a new frame beside its source node,
// same parent, the clip's aspect, filled with the video (or a GIF as an image).
import type { PlaceOutcome, ToSandbox } from './messages';
import { errorText } from './notices';
import { MAX_PLACE_BYTES, tooLargeText } from './place-limits';
import { writeRelaunchData } from './relaunch';

/** Space between the source node and the placed clip, in canvas pixels. */
export const PLACE_GAP = 40;

export type PlaceRequest = Extract<ToSandbox, { type: 'place' }>;
export interface PlaceResult {
  outcome: PlaceOutcome;
  frameId?: string;
  text: string;
}

export type PlaceFigma = Pick<PluginAPI, 'createFrame' | 'createImage' | 'createVideoAsync' | 'currentPage' | 'getNodeByIdAsync'>;

export const placedName = (name: string) => `${name} (animated)`;

export async function placeClip(figma: PlaceFigma, request: PlaceRequest): Promise<PlaceResult> {
  const isGif = request.mimeType === 'image/gif';
  if (request.bytes.byteLength > MAX_PLACE_BYTES) {
    return { outcome: 'too-large', text: tooLargeText(request.bytes.byteLength) };
  }

  let fill: Paint;
  if (isGif) {
    try {
      fill = { type: 'IMAGE', imageHash: figma.createImage(request.bytes).hash, scaleMode: 'FILL' };
    } catch (error) {
      return { outcome: 'failed', text: `Figma would not take the GIF (${errorText(error)}). Download it instead.` };
    }
  } else {
    try {
      fill = { type: 'VIDEO', videoHash: (await figma.createVideoAsync(request.bytes)).hash, scaleMode: 'FILL' };
    } catch (error) {
      // Figma refuses video uploads in files of free Starter teams; other refusals (type, size) are checked above or by the encoder.
      return {
        outcome: 'no-video',
        text: `Figma would not add the video (${errorText(error)}). Video can be added only to files in paid Professional, Organization and Education teams. Download the clip instead.`,
      };
    }
  }

  const source = await figma.getNodeByIdAsync(request.nodeId);
  const frame = figma.createFrame();
  frame.name = placedName(request.name);
  const anchor = source && 'x' in source && 'width' in source ? source : null;
  // The clip's aspect at the source's height, so it sits level with it.
  const height = anchor ? anchor.height : request.height;
  frame.resize(Math.max(1, Math.round((height * request.width) / request.height)), Math.max(1, Math.round(height)));
  const parent = anchor?.parent && canHoldChildren(anchor.parent) ? anchor.parent : figma.currentPage;
  parent.appendChild(frame);
  if (anchor) {
    frame.x = anchor.x + anchor.width + PLACE_GAP;
    frame.y = anchor.y;
  }
  frame.fills = [fill];
  writeRelaunchData(frame, request.params);
  const where = anchor ? ` beside “${request.name}”` : '';
  return { outcome: 'placed', frameId: frame.id, text: `Placed “${frame.name}”${where}.` };
}

/** Instances and other fixed structures take no new children; the clip then goes on the page. */
function canHoldChildren(parent: BaseNode): parent is BaseNode & ChildrenMixin {
  return 'appendChild' in parent && parent.type !== 'INSTANCE';
}
