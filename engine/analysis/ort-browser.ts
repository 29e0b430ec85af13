// onnxruntime-web in the engine worker. The './wasm' entry bundles the
// Emscripten glue, so with the wasm bytes given there is nothing to fetch or
// import at run time (a data: frame could not: no URL resolves there).
import * as ort from 'onnxruntime-web/wasm';
import { configureOrt, type Ort } from './onnx-models';

/** Configures ort with the CPU wasm (ort-wasm-simd-threaded.wasm) the UI unpacked. */
export function workerOrt(wasmBinary: Uint8Array): Ort {
  return configureOrt(ort, { wasmBinary });
}
