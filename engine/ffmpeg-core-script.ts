// Loads the @ffmpeg/core script text (sent by the UI, passed on to segment
// workers) into this worker and returns its factory. Worker-only: importScripts.
import type { CreateFfmpegCore } from './encode/ffmpeg';

// The project compiles against the DOM library; these are the worker globals used here.
declare const self: { importScripts(...urls: string[]): void; createFFmpegCore?: CreateFfmpegCore };

export function loadFfmpegFactory(coreScript: string): CreateFfmpegCore {
  const url = URL.createObjectURL(new Blob([coreScript], { type: 'text/javascript' }));
  try {
    self.importScripts(url);
  } finally {
    URL.revokeObjectURL(url);
  }
  const factory = self.createFFmpegCore;
  if (!factory) throw new Error('The ffmpeg core script did not define createFFmpegCore.');
  return factory;
}
