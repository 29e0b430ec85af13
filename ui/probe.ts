// What the host offers, probed once at start on the UI's main thread (the
// worker probes its own side). Every check is a feature test, never a guess
// from the user agent.
import type { WorkerCapabilities } from '../engine/api';
import { chooseEncoder } from '../engine/encode/choose';
import type { EncoderId } from '../engine/encode/types';
import { DEFAULT_PARAMS, type RenderParams } from '../engine/params';

export interface HostCapabilities {
  secureContext: boolean;
  webCodecs: boolean;
  webGpu: boolean;
  decompressionStream: boolean;
  wasm: boolean;
  wasmSimd: boolean;
  sharedArrayBuffer: boolean;
  offscreenTransfer: boolean;
}

/** A minimal module using a v128 instruction: validates only where wasm SIMD exists. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

export function probeHost(): HostCapabilities {
  const wasm = typeof WebAssembly === 'object';
  return {
    secureContext: globalThis.isSecureContext === true,
    webCodecs: typeof VideoEncoder !== 'undefined',
    webGpu: 'gpu' in navigator,
    decompressionStream: typeof DecompressionStream !== 'undefined',
    wasm,
    wasmSimd: wasm && WebAssembly.validate(SIMD_PROBE),
    sharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined',
    offscreenTransfer: typeof HTMLCanvasElement !== 'undefined' && 'transferControlToOffscreen' in HTMLCanvasElement.prototype,
  };
}

export interface HostReport {
  /** The encoder these settings will use here (null: none can make them), and why, in one line. */
  encoder: EncoderId | null;
  reason: string;
  /** Missing capabilities that stop Stillmotion from working here, in plain words. */
  blockers: string[];
}

const NO_CODECS = { h264: false, vp9: false, av1: false };

export function reportHost(host: HostCapabilities, worker: WorkerCapabilities | null, params: RenderParams = DEFAULT_PARAMS): HostReport {
  const blockers: string[] = [];
  if (!host.wasm) blockers.push('This host has no WebAssembly, which the video encoder needs.');
  if (!host.decompressionStream) blockers.push('This host cannot unpack the bundled encoder (no DecompressionStream).');
  if (worker && !worker.webgl2) blockers.push('This host has no WebGL2 in workers, which rendering needs.');
  if (!host.offscreenTransfer) blockers.push('This host cannot hand a canvas to a worker, so there is no live preview.');
  // The worker's probe decides; until it answers, the frame's own view of WebCodecs stands in.
  const choice = chooseEncoder(params, {
    secureContext: worker?.secureContext ?? host.secureContext,
    webCodecs: worker?.webCodecs ?? false,
    codecs: worker?.webCodecsCodecs ?? NO_CODECS,
  });
  return choice.ok ? { encoder: choice.encoder, reason: choice.reason, blockers } : { encoder: null, reason: choice.error, blockers };
}
