// Jitter of a clip on disk: ffmpeg decodes it to 8-bit gray frames, streamed
// (a 4K clip would not fit in memory whole), and the markers are tracked frame by frame.
import { spawn } from 'node:child_process';
import { MarkerTracker } from './markers';
import { clipJitter, type Jitter } from './trajectory';

export function measureClipJitter(path: string, width: number, height: number): Promise<Jitter> {
  return new Promise((resolve, reject) => {
    const ffmpeg = spawn('ffmpeg', ['-v', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', 'gray', '-s', `${width}x${height}`, '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const tracker = new MarkerTracker();
    const size = width * height;
    let frame = new Uint8Array(size);
    let filled = 0;
    let errors = '';
    ffmpeg.stdout.on('data', (chunk: Buffer) => {
      let offset = 0;
      while (offset < chunk.length) {
        const n = Math.min(size - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === size) {
          tracker.push({ width, height, data: frame });
          frame = new Uint8Array(size);
          filled = 0;
        }
      }
    });
    ffmpeg.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    ffmpeg.on('error', reject);
    ffmpeg.on('close', (code) => {
      if (code !== 0) reject(new Error(`ffmpeg could not decode ${path}: ${errors.trim().split('\n').pop()}`));
      else resolve(clipJitter(tracker.trajectories()));
    });
  });
}
