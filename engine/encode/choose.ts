// Which encoder makes a clip, and why, from the settings and what the host
// offers. Pure: the worker calls it with what it probed at the clip's size,
// the UI with the worker's start-up probe, and both say the same thing.
import type { RenderParams, VideoCodec } from '../params';
import type { EncoderId } from './types';

export interface EncoderSupport {
  secureContext: boolean;
  /** VideoEncoder exists. */
  webCodecs: boolean;
  /** Which codecs VideoEncoder accepts (at the clip's size where the caller knows it). */
  codecs: Record<VideoCodec, boolean>;
}

export type EncoderChoice = { ok: true; encoder: EncoderId; reason: string } | { ok: false; error: string };

const NAMES: Record<VideoCodec, string> = { h264: 'H.264', vp9: 'VP9', av1: 'AV1' };

type Settings = Pick<RenderParams, 'format' | 'codec' | 'quality' | 'encoder'>;

/** Why WebCodecs cannot make this codec here (null when it can). */
function webCodecsGap(codec: VideoCodec, support: EncoderSupport): string | null {
  if (!support.secureContext) return 'this frame (like Figma’s) is not a secure context, so it has no WebCodecs';
  if (!support.webCodecs) return 'this host has no WebCodecs';
  if (!support.codecs[codec]) return `WebCodecs here cannot encode ${NAMES[codec]} at this size`;
  return null;
}

export function chooseEncoder(p: Settings, support: EncoderSupport): EncoderChoice {
  const name = NAMES[p.codec];
  if (p.format === 'gif') {
    if (p.encoder === 'webcodecs') return { ok: false, error: 'WebCodecs does not make GIFs; use the auto or ffmpeg encoder.' };
    return { ok: true, encoder: 'ffmpeg', reason: 'ffmpeg.wasm: GIFs are made with its palette filters' };
  }
  if (p.format === 'webm' && p.codec === 'h264') return { ok: false, error: 'WebM holds VP9 or AV1, not H.264; choose MP4 for H.264.' };
  const gap = webCodecsGap(p.codec, support);
  if (p.codec === 'av1') {
    if (p.encoder === 'ffmpeg') return { ok: false, error: 'AV1 needs WebCodecs; the ffmpeg.wasm encoder makes H.264 and GIF.' };
    if (gap) return { ok: false, error: `AV1 needs WebCodecs, and ${gap}; choose H.264 or VP9.` };
    return { ok: true, encoder: 'webcodecs', reason: 'WebCodecs: this host encodes AV1' };
  }
  if (p.encoder === 'webcodecs') {
    if (gap) return { ok: false, error: `The WebCodecs encoder was chosen, but ${gap}; choose auto or ffmpeg.` };
    return { ok: true, encoder: 'webcodecs', reason: `WebCodecs: chosen in the settings; this host encodes ${name}` };
  }
  if (p.codec === 'vp9') {
    // @ffmpeg/core 0.12.10's libvpx-vp9 crashes (memory access out of bounds): VP9 is WebCodecs' alone.
    if (p.encoder === 'ffmpeg') return { ok: false, error: 'VP9 needs WebCodecs; the ffmpeg.wasm encoder makes H.264 and GIF.' };
    if (gap) return { ok: false, error: `VP9 needs WebCodecs, and ${gap}; choose H.264.` };
    return { ok: true, encoder: 'webcodecs', reason: 'WebCodecs: this host encodes VP9' };
  }
  if (p.encoder === 'ffmpeg') return { ok: true, encoder: 'ffmpeg', reason: 'ffmpeg.wasm x264: chosen in the settings' };
  if (p.quality === 'high') return { ok: true, encoder: 'ffmpeg', reason: 'ffmpeg.wasm x264: High quality uses x264 veryfast at CRF 20 (the same look in a third of the file)' };
  if (!gap) return { ok: true, encoder: 'webcodecs', reason: 'WebCodecs: this host encodes H.264' };
  return { ok: true, encoder: 'ffmpeg', reason: `ffmpeg.wasm x264: ${gap}` };
}
