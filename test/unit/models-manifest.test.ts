import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModels, manifestJson, manifestOf, MODEL_SOURCES, readModelSource, type BuiltModel, type Manifest } from '../../models/build-models.js';

const committedText = readFileSync(new URL('../../models/manifest.json', import.meta.url), 'utf8');
const committed = JSON.parse(committedText) as Manifest;
const rootPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
};

let built: BuiltModel[];
beforeAll(() => {
  built = buildModels();
});

describe('models/manifest.json', () => {
  it('is exactly what a fresh conversion of the installed packages gives', () => {
    expect(manifestJson(manifestOf(built))).toBe(committedText);
  });

  it('records every shipped model once', () => {
    expect(committed.models.map((m) => m.id)).toEqual(MODEL_SOURCES.map((s) => s.id));
  });

  it.each(MODEL_SOURCES.map((s) => s.id))('%s: source matches the installed, pinned package', (id) => {
    const entry = committed.models.find((m) => m.id === id)!;
    const { tflite, version, licence } = readModelSource(id);
    expect(entry.source.version).toBe(version);
    expect(rootPackage.dependencies[entry.source.package]).toBe(version);
    expect(licence).toBe('Apache-2.0');
    expect(entry.source.sha256).toBe(createHash('sha256').update(tflite).digest('hex'));
  });

  it('describes the ONNX bytes the build returns', () => {
    for (const m of built) {
      expect(m.manifest.onnx.sha256).toBe(createHash('sha256').update(m.onnx).digest('hex'));
      expect(m.manifest.onnx.bytes).toBe(m.onnx.length);
    }
  });
});
