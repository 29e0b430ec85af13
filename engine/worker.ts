// The worker entry: exposes the engine over Comlink and validates every
// argument that arrives from the UI before it reaches the engine. The same
// bundle, started by the engine worker under SEGMENT_WORKER_NAME, is a
// segment worker instead (engine/segment-worker.ts).
import * as Comlink from 'comlink';
import * as v from 'valibot';
import { OnnxModels } from './analysis/onnx-models';
import { workerOrt } from './analysis/ort-browser';
import type { EngineApi } from './api';
import { Engine, probeWorker } from './engine';
import { loadFfmpegFactory } from './ffmpeg-core-script';
import { parseParams, TEMPLATE_IDS } from './params';
import { SEGMENT_WORKER_NAME, segmentApi } from './segment-worker';

// The project compiles against the DOM library; these are the worker globals used here.
declare const self: { name: string; location: { href: string } };

const ModelsSchema = v.record(v.string(), v.instance(Uint8Array));
const ThumbnailCanvasesSchema = v.pipe(
  v.array(v.object({ id: v.picklist(TEMPLATE_IDS), canvas: v.instance(OffscreenCanvas) })),
  v.maxLength(TEMPLATE_IDS.length),
);
const Fraction = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const PreviewPointSchema = v.tuple([Fraction, Fraction]);

function engineApi(): EngineApi {
  // Segment workers run this very bundle: the engine worker's own script.
  const engine = new Engine(() => new Worker(self.location.href, { name: SEGMENT_WORKER_NAME }));
  return {
    probe: probeWorker,
    async useFfmpeg(coreScript, wasm) {
      if (typeof coreScript !== 'string' || !(wasm instanceof WebAssembly.Module)) throw new TypeError('useFfmpeg: bad arguments');
      engine.useFfmpeg({ coreScript, wasm }, loadFfmpegFactory(coreScript));
    },
    async useModels(ortWasm, models) {
      if (!(ortWasm instanceof Uint8Array)) throw new TypeError('useModels: expected the onnxruntime wasm bytes');
      engine.useModels(new OnnxModels(workerOrt(ortWasm), v.parse(ModelsSchema, models)));
    },
    async loadImage(bytes) {
      if (!(bytes instanceof Uint8Array)) throw new TypeError('loadImage: expected image bytes');
      return engine.loadImage(bytes);
    },
    analyse: () => engine.analyse(),
    async attachPreview(canvas) {
      if (!(canvas instanceof OffscreenCanvas)) throw new TypeError('attachPreview: expected an OffscreenCanvas');
      engine.attachPreview(canvas);
    },
    async setPreview(params) {
      engine.setPreview(params === null ? null : parseParams(params));
    },
    async attachThumbnails(canvases) {
      engine.attachThumbnails(v.parse(ThumbnailCanvasesSchema, canvases));
    },
    async previewPointToImage(...point) {
      return engine.previewPointToImage(...v.parse(PreviewPointSchema, point));
    },
    async render(params, onProgress) {
      const result = await engine.render(parseParams(params), onProgress);
      return Comlink.transfer(result, [result.bytes.buffer]);
    },
    async release() {
      engine.release();
    },
  };
}

Comlink.expose(self.name === SEGMENT_WORKER_NAME ? segmentApi : engineApi());
