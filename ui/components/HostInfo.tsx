import type { WorkerCapabilities } from '../../engine/api';
import type { HostCapabilities, HostReport } from '../probe';

const mark = (ok: boolean) => (ok ? '✓' : '✗');

const ENCODER_NAMES = { webcodecs: 'WebCodecs', ffmpeg: 'ffmpeg.wasm' } as const;

export function HostInfo({ host, worker, report }: { host: HostCapabilities; worker: WorkerCapabilities | null; report: HostReport }) {
  const codecs = worker?.webCodecsCodecs;
  return (
    <details class="host" data-encoder={report.encoder ?? 'none'}>
      <summary>Encoder: {report.encoder ? ENCODER_NAMES[report.encoder] : 'none for these settings'}</summary>
      <p data-testid="encoder-reason">{report.reason}</p>
      <ul class="caps">
        <li>Secure context {mark(host.secureContext)}</li>
        <li>
          WebCodecs H.264 {mark(codecs?.h264 ?? false)} · VP9 {mark(codecs?.vp9 ?? false)} · AV1 {mark(codecs?.av1 ?? false)}
        </li>
        <li>WebGL2 in workers {mark(worker?.webgl2 ?? false)}</li>
        <li>WebGPU {mark(host.webGpu)}</li>
        <li>DecompressionStream {mark(host.decompressionStream)}</li>
        <li>WebAssembly {mark(host.wasm)} · SIMD {mark(host.wasmSimd)}</li>
        <li>SharedArrayBuffer {mark(host.sharedArrayBuffer)}</li>
      </ul>
    </details>
  );
}
