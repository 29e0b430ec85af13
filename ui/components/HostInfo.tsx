import type { WorkerCapabilities } from '../../engine/api';
import type { HostCapabilities, HostReport } from '../probe';

const mark = (ok: boolean) => (ok ? '✓' : '✗');

export function HostInfo({ host, worker, report }: { host: HostCapabilities; worker: WorkerCapabilities | null; report: HostReport }) {
  return (
    <details class="host" data-encoder={report.encoder}>
      <summary>
        Encoder: {report.encoder === 'webcodecs' ? 'WebCodecs (H.264)' : 'ffmpeg.wasm (libx264)'}
      </summary>
      <p>{report.reason}</p>
      <ul class="caps">
        <li>Secure context {mark(host.secureContext)}</li>
        <li>WebCodecs H.264 {mark(worker?.webCodecsH264 ?? false)}</li>
        <li>WebGL2 in workers {mark(worker?.webgl2 ?? false)}</li>
        <li>WebGPU {mark(host.webGpu)}</li>
        <li>DecompressionStream {mark(host.decompressionStream)}</li>
        <li>WebAssembly {mark(host.wasm)} · SIMD {mark(host.wasmSimd)}</li>
        <li>SharedArrayBuffer {mark(host.sharedArrayBuffer)}</li>
      </ul>
    </details>
  );
}
