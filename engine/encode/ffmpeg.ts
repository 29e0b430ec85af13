// H.264 through ffmpeg.wasm (single-threaded @ffmpeg/core): the encoder that
// works inside Figma, whose iframe has no WebCodecs. Frames stream in through
// a character device: ffmpeg reads /dev/stillmotion-frames and every read
// renders the next frame on demand, so only one frame is ever in memory.
// exec() blocks the worker until the clip is done: a job is cancelled by
// terminating the worker, which frees every byte of it.
import { keyframeInterval, type EncodedClip, type EncodeOptions, type FrameSource, type VideoEncoderBackend } from './types';

/** The parts of the Emscripten module from @ffmpeg/core that this encoder uses. */
interface FfmpegCore {
  FS: EmscriptenFs;
  exec(...args: string[]): number;
  reset(): void;
  setLogger(logger: (entry: { type: string; message: string }) => void): void;
}

interface EmscriptenStream {
  position: number;
}

interface EmscriptenFs {
  makedev(major: number, minor: number): number;
  registerDevice(dev: number, ops: {
    open?(stream: EmscriptenStream): void;
    close?(stream: EmscriptenStream): void;
    read(stream: EmscriptenStream, buffer: Int8Array, offset: number, length: number, position: number): number;
  }): void;
  mkdev(path: string, dev: number): void;
  readFile(path: string): Uint8Array;
  unlink(path: string): void;
  analyzePath(path: string): { exists: boolean };
}

export type CreateFfmpegCore = (module: Record<string, unknown>) => Promise<FfmpegCore>;

export interface FfmpegCoreAssets {
  /** The @ffmpeg/core UMD factory (createFFmpegCore), already loaded into this worker. */
  factory: CreateFfmpegCore;
  /** The compiled ffmpeg-core.wasm. */
  module: WebAssembly.Module;
}

const DEVICE_PATH = '/dev/stillmotion-frames';
const OUTPUT_PATH = '/stillmotion.mp4';
const DEVICE_MAJOR = 240;

/** The x264 settings: fast enough for wasm, High profile (CABAC and 8×8 transforms on). */
export function ffmpegArgs(source: Pick<FrameSource, 'width' | 'height' | 'fps'>, input: string, output: string): string[] {
  const { width, height, fps } = source;
  return [
    '-nostdin', '-y', '-hide_banner',
    '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps),
    '-i', input,
    // RGB → limited-range BT.709 Y'CbCr with full chroma precision, so the tags below describe the pixels.
    '-vf', 'scale=out_color_matrix=bt709:out_range=tv:flags=accurate_rnd+full_chroma_int,format=yuv420p',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'high',
    '-x264-params', `cabac=1:8x8dct=1:deblock=1:keyint=${keyframeInterval(fps)}`,
    '-crf', '18',
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    '-movflags', '+faststart',
    output,
  ];
}

export class FfmpegEncoder implements VideoEncoderBackend {
  readonly id = 'ffmpeg' as const;
  readonly label = 'ffmpeg.wasm (libx264)';
  private core: Promise<FfmpegCore> | null = null;
  private log: string[] = [];
  private pull: ((buffer: Int8Array, offset: number, length: number) => number) | null = null;

  constructor(private readonly assets: FfmpegCoreAssets) {}

  async encode(source: FrameSource, options: EncodeOptions = {}): Promise<EncodedClip> {
    const core = await this.load();
    const frameBytes = source.width * source.height * 4;
    const frame = new Uint8Array(frameBytes);
    let index = 0;
    let offsetInFrame = frameBytes;
    let failure: unknown = null;
    this.log = [];
    this.pull = (buffer, offset, length) => {
      if (failure) return 0;
      if (offsetInFrame === frameBytes) {
        if (index === source.frames) return 0;
        try {
          source.readRGBA(index, frame);
        } catch (e) {
          failure = e;
          return 0;
        }
        index++;
        offsetInFrame = 0;
        options.onProgress?.(index);
      }
      const n = Math.min(length, frameBytes - offsetInFrame);
      buffer.set(new Int8Array(frame.buffer, offsetInFrame, n), offset);
      offsetInFrame += n;
      return n;
    };
    try {
      core.reset();
      const code = core.exec(...ffmpegArgs(source, DEVICE_PATH, OUTPUT_PATH));
      if (failure) throw failure;
      if (code !== 0 || index !== source.frames) {
        throw new Error(`ffmpeg failed (exit ${code}, ${index}/${source.frames} frames): ${this.log.slice(-3).join(' | ')}`);
      }
      const bytes = core.FS.readFile(OUTPUT_PATH);
      return { bytes, mimeType: 'video/mp4', codec: 'H.264 High, yuv420p, BT.709' };
    } finally {
      this.pull = null;
      if (core.FS.analyzePath(OUTPUT_PATH).exists) core.FS.unlink(OUTPUT_PATH);
    }
  }

  private load(): Promise<FfmpegCore> {
    this.core ??= (async () => {
      const { factory, module } = this.assets;
      const core = await factory({
        // The wasm is compiled by the UI (it travels as a Module); nothing is fetched.
        instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) {
          WebAssembly.instantiate(module, imports).then(done);
          return {};
        },
        print: () => {},
        printErr: () => {},
      });
      core.setLogger(({ message }) => {
        this.log.push(message);
        if (this.log.length > 50) this.log.shift();
      });
      const dev = core.FS.makedev(DEVICE_MAJOR, 0);
      core.FS.registerDevice(dev, {
        read: (_stream, buffer, offset, length) => (this.pull ? this.pull(buffer, offset, length) : 0),
      });
      core.FS.mkdev(DEVICE_PATH, dev);
      return core;
    })();
    return this.core;
  }
}
