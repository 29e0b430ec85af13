// An in-memory file made of fixed-size chunks, for ffmpeg.wasm's output.
// Emscripten's MEMFS grows a file by copying it into an array 1.125× larger,
// and every old copy stays garbage until the worker collects it: a 27 MB 4K
// segment left some 200 MB of them behind. Chunks never move once written.

const CHUNK_BYTES = 1 << 20;

export class ChunkedFile {
  private chunks: Uint8Array[] = [];
  private length = 0;

  get size(): number {
    return this.length;
  }

  /** Writes bytes at a position (a gap before it reads as zeros); returns how many were written. */
  write(bytes: Uint8Array, position: number): number {
    let done = 0;
    while (done < bytes.length) {
      const at = position + done;
      const index = Math.floor(at / CHUNK_BYTES);
      const offset = at % CHUNK_BYTES;
      while (this.chunks.length <= index) this.chunks.push(new Uint8Array(CHUNK_BYTES));
      const n = Math.min(bytes.length - done, CHUNK_BYTES - offset);
      this.chunks[index]!.set(bytes.subarray(done, done + n), offset);
      done += n;
    }
    this.length = Math.max(this.length, position + bytes.length);
    return done;
  }

  /** Reads into `into` from a position; returns how many bytes were read (0 at the end). */
  read(into: Uint8Array, position: number): number {
    const end = Math.min(this.length, position + into.length);
    let done = 0;
    while (position + done < end) {
      const at = position + done;
      const offset = at % CHUNK_BYTES;
      const n = Math.min(end - at, CHUNK_BYTES - offset);
      into.set(this.chunks[Math.floor(at / CHUNK_BYTES)]!.subarray(offset, offset + n), done);
      done += n;
    }
    return done;
  }

  /** The whole file as one array. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    this.read(out, 0);
    return out;
  }
}
