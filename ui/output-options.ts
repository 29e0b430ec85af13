// The Output section's choices as changes to RenderParams. Each change also
// moves the other fields it would otherwise contradict, so the UI never holds
// (or sends) params that combinationProblem() refuses.
import {
  FPS_CHOICES,
  LIMITS,
  sizeForAspect,
  type EncoderChoice,
  type Format,
  type RenderParams,
  type VideoCodec,
} from '../engine/params';
import { longSide } from './output-size';

/** The long side a clip gets on switching to GIF: what GIFs are embedded at; larger files grow fast. */
export const GIF_LONG_SIDE = 640;

/** The codecs a container offers: WebM holds VP9 and AV1 only. */
export const codecsFor = (format: Format): readonly VideoCodec[] => (format === 'webm' ? ['vp9', 'av1'] : format === 'mp4' ? ['h264', 'vp9', 'av1'] : []);

/** The encoders that can make this format and codec. */
export function encodersFor(p: Pick<RenderParams, 'format' | 'codec'>): readonly EncoderChoice[] {
  if (p.format === 'gif') return ['auto', 'ffmpeg'];
  // ffmpeg.wasm makes H.264 only (its libvpx-vp9 crashes, and it has no AV1).
  if (p.codec !== 'h264') return ['auto', 'webcodecs'];
  return ['auto', 'webcodecs', 'ffmpeg'];
}

/** Frame rates a format plays true. */
export const fpsChoicesFor = (format: Format) => FPS_CHOICES.filter((f) => format !== 'gif' || f <= LIMITS.gifMaxFps);

/** The longest side a format takes. */
export const maxSideFor = (format: Format) => (format === 'gif' ? LIMITS.gifMaxSide : LIMITS.maxSide);

export function withFormat(p: RenderParams, format: Format): RenderParams {
  let next: RenderParams = { ...p, format };
  if (format === 'gif') {
    if (longSide(next) > GIF_LONG_SIDE) next = { ...next, ...sizeForAspect('source', GIF_LONG_SIDE, next) };
    if (next.fps > LIMITS.gifMaxFps) next = { ...next, fps: LIMITS.gifMaxFps };
  } else if (!codecsFor(format).includes(next.codec)) {
    next = { ...next, codec: codecsFor(format)[0]! };
  }
  return withValidEncoder(next);
}

export const withCodec = (p: RenderParams, codec: VideoCodec): RenderParams => withValidEncoder({ ...p, codec });

/** An encoder that cannot make the format and codec goes back to auto. */
function withValidEncoder(p: RenderParams): RenderParams {
  return encodersFor(p).includes(p.encoder) ? p : { ...p, encoder: 'auto' };
}
