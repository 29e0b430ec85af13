// onnxruntime-web under Node (the CLI and unit tests): its Node build finds and
// loads its own wasm file from node_modules.
import * as ort from 'onnxruntime-web';
import { configureOrt, type Ort } from './onnx-models';

export function nodeOrt(): Ort {
  return configureOrt(ort);
}
