// The UI's side of "Place on canvas": sends one clip at a time to the sandbox
// and matches each `placed` answer to its request.
import { PLACEABLE_TYPES, type ToUi } from '../plugin/messages';
import { MAX_PLACE_BYTES, tooLargeText } from '../plugin/place-limits';
import type { FinishedClip } from './clips';
import { baseType } from './download';
import { sendToSandbox } from './sandbox';

export type PlaceAnswer = Omit<Extract<ToUi, { type: 'placed' }>, 'type' | 'requestId'>;

export class Placer {
  private next = 1;
  private readonly pending = new Map<number, (answer: PlaceAnswer) => void>();

  /** Places a clip beside its node; refusals come back as answers, never as errors. */
  place(clip: FinishedClip): Promise<PlaceAnswer> {
    const { result, node } = clip;
    const mimeType = PLACEABLE_TYPES.find((t) => t === baseType(result.mimeType));
    if (!mimeType) return Promise.resolve({ outcome: 'failed', text: `Figma cannot show ${result.mimeType} on the canvas. Download the clip instead.` });
    // Checked here too, so a clip Figma would refuse is never copied into the sandbox.
    if (result.bytes.byteLength > MAX_PLACE_BYTES) return Promise.resolve({ outcome: 'too-large', text: tooLargeText(result.bytes.byteLength) });
    const requestId = this.next++;
    const answer = new Promise<PlaceAnswer>((resolve) => this.pending.set(requestId, resolve));
    sendToSandbox({
      type: 'place',
      requestId,
      nodeId: node.id,
      name: node.name,
      bytes: result.bytes as Uint8Array<ArrayBuffer>,
      mimeType,
      width: result.width,
      height: result.height,
      params: clip.params,
    });
    return answer;
  }

  /** Hands a `placed` message to the request waiting for it. */
  answer(message: Extract<ToUi, { type: 'placed' }>): void {
    const resolve = this.pending.get(message.requestId);
    this.pending.delete(message.requestId);
    const { type, requestId, ...answer } = message;
    resolve?.(answer);
  }
}
