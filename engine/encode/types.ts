// The one interface every video encoder implements. An encoder pulls frames
// from a FrameSource as it is ready for them, so frames stream from the
// renderer into the encoder and no frame list is ever held.
import type { RenderParams } from '../params';

export interface FrameSource {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
  /** Draws frame i and copies its RGBA pixels, top row first, into dst (width × height × 4 bytes). */
  readRGBA(i: number, dst: Uint8Array): void;
}

export type EncoderId = 'ffmpeg' | 'webcodecs';

/** What to make: the container, the codec (ignored for GIF), the quality and the GIF palette. */
export type OutputSpec = Pick<RenderParams, 'format' | 'codec' | 'quality' | 'gif'>;

export const MIME_TYPES = { mp4: 'video/mp4', webm: 'video/webm', gif: 'image/gif' } as const;

export interface EncodeOptions {
  onProgress?: (framesDone: number) => void;
  signal?: AbortSignal;
}

export interface EncodedClip {
  bytes: Uint8Array;
  mimeType: string;
  /** Short description of the codec settings, for the UI and logs. */
  codec: string;
}

export interface VideoEncoderBackend {
  readonly id: EncoderId;
  readonly label: string;
  encode(source: FrameSource, output: OutputSpec, options?: EncodeOptions): Promise<EncodedClip>;
}

/** Keyframe spacing: one every two seconds, so seeking stays quick without hurting size. */
export const keyframeInterval = (fps: number): number => Math.max(1, Math.round(fps * 2));
