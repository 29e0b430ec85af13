// H.264 and GIF through ffmpeg.wasm (single-threaded @ffmpeg/core): the
// encoder that works inside Figma, whose iframe has no WebCodecs. Frames stream in through
// a character device: ffmpeg reads /dev/stillmotion-frames and every read
// renders the next frame on demand, so only one frame is ever in memory
// (a GIF reads the frames twice: once for its palette, once to write them).
// The clip goes out through another device into a ChunkedFile, which grows
// without copying (MEMFS's copies left hundreds of MB of garbage at 4K).
// exec() blocks the worker until the clip is done: a job is cancelled by
// terminating the worker, which frees every byte of it.
import type { Quality } from '../params';
import { ChunkedFile } from './chunked-file';
import { gifArgs, gifPaletteArgs, videoArgs, X264 } from './ffmpeg-args';
import { MIME_TYPES, type EncodedClip, type EncodeOptions, type FrameSource, type OutputSpec, type VideoEncoderBackend } from './types';

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
    write?(stream: EmscriptenStream, buffer: Int8Array, offset: number, length: number, position: number): number;
    llseek?(stream: EmscriptenStream, offset: number, whence: number): number;
  }): void;
  mkdev(path: string, dev: number): void;
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
const OUTPUT_PATH = '/dev/stillmotion-clip';
const PALETTE_PATH = '/stillmotion-palette.png';
const DEVICE_MAJOR = 240;
const SEEK_CUR = 1;
const SEEK_END = 2;

const describeH264 = (q: Quality) => `H.264 High, yuv420p, BT.709 (x264 ${X264[q].preset}, CRF ${X264[q].crf})`;

export class FfmpegEncoder implements VideoEncoderBackend {
  readonly id = 'ffmpeg' as const;
  readonly label = 'ffmpeg.wasm';
  private core: Promise<FfmpegCore> | null = null;
  private log: string[] = [];
  private pull: ((buffer: Int8Array, offset: number, length: number) => number) | null = null;
  /** The clip being written; ffmpeg also reads it back to move the index to the front (faststart). */
  private output: ChunkedFile | null = null;

  constructor(private readonly assets: FfmpegCoreAssets) {}

  async encode(source: FrameSource, output: OutputSpec, options: EncodeOptions = {}): Promise<EncodedClip> {
    const core = await this.load();
    this.output = new ChunkedFile();
    try {
      if (output.format === 'gif') {
        // Two passes over the same deterministic frames: the palette needs all of them before the first is written.
        const half = (pass: number) => (done: number) => options.onProgress?.(Math.floor((pass * source.frames + done) / 2));
        this.run(core, source, gifPaletteArgs(source, output.gif, DEVICE_PATH, PALETTE_PATH), half(0));
        this.run(core, source, gifArgs(source, output.gif, DEVICE_PATH, PALETTE_PATH, OUTPUT_PATH), half(1));
        const dither = output.gif.dither === 'ordered' ? 'ordered (Bayer)' : output.gif.dither === 'diffusion' ? 'diffusion (Sierra)' : 'no';
        return { bytes: this.output.bytes(), mimeType: MIME_TYPES.gif, codec: `GIF, ${output.gif.colours}-colour palette, ${dither} dither, ${output.gif.loop ? 'loops' : 'plays once'}` };
      }
      this.run(core, source, videoArgs(source, output, DEVICE_PATH, OUTPUT_PATH), (done) => options.onProgress?.(done));
      return { bytes: this.output.bytes(), mimeType: MIME_TYPES[output.format], codec: describeH264(output.quality) };
    } finally {
      this.output = null;
      if (core.FS.analyzePath(PALETTE_PATH).exists) core.FS.unlink(PALETTE_PATH);
    }
  }

  /** One ffmpeg run that reads every frame of the source once, in order, from the frame device. */
  private run(core: FfmpegCore, source: FrameSource, args: string[], onFrame: (done: number) => void): void {
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
        onFrame(index);
      }
      const n = Math.min(length, frameBytes - offsetInFrame);
      buffer.set(new Int8Array(frame.buffer, offsetInFrame, n), offset);
      offsetInFrame += n;
      return n;
    };
    try {
      core.reset();
      const code = core.exec(...args);
      if (failure) throw failure;
      if (code !== 0 || index !== source.frames) {
        throw new Error(`ffmpeg failed (exit ${code}, ${index}/${source.frames} frames): ${this.log.slice(-3).join(' | ')}`);
      }
    } finally {
      this.pull = null;
    }
  }

  private load(): Promise<FfmpegCore> {
    this.core ??= (async () => {
      const { factory, module } = this.assets;
      // Emscripten waits for `done` for ever: a failed instantiation (no memory for it) must fail the load instead.
      let failed!: (e: unknown) => void;
      const failure = new Promise<never>((_, reject) => (failed = reject));
      const core = await Promise.race([
        factory({
          // The wasm is compiled by the UI (it travels as a Module); nothing is fetched.
          instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) {
            WebAssembly.instantiate(module, imports).then(done, (e: unknown) => failed(new Error(`ffmpeg.wasm could not start: ${e instanceof Error ? e.message : String(e)}`)));
            return {};
          },
          print: () => {},
          printErr: () => {},
        }),
        failure,
      ]);
      core.setLogger(({ message }) => {
        this.log.push(message);
        if (this.log.length > 50) this.log.shift();
      });
      const dev = core.FS.makedev(DEVICE_MAJOR, 0);
      core.FS.registerDevice(dev, {
        read: (_stream, buffer, offset, length) => (this.pull ? this.pull(buffer, offset, length) : 0),
      });
      core.FS.mkdev(DEVICE_PATH, dev);
      const view = (buffer: Int8Array, offset: number, length: number) => new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length);
      const clip = () => {
        if (!this.output) throw new Error('ffmpeg wrote a clip outside an encode');
        return this.output;
      };
      const outDev = core.FS.makedev(DEVICE_MAJOR, 1);
      core.FS.registerDevice(outDev, {
        read: (_stream, buffer, offset, length, position) => clip().read(view(buffer, offset, length), position),
        write: (_stream, buffer, offset, length, position) => clip().write(view(buffer, offset, length), position),
        llseek: (stream, offset, whence) => offset + (whence === SEEK_CUR ? stream.position : whence === SEEK_END ? clip().size : 0),
      });
      core.FS.mkdev(OUTPUT_PATH, outDev);
      return core;
    })().catch((e: unknown) => {
      // The next render tries again.
      this.core = null;
      throw e;
    });
    return this.core;
  }
}
