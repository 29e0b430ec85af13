// The MediaRecorder investigation (issue 5): can a canvas recorded by
// MediaRecorder inside the plugin's window give a frame-exact clip?
// Draws numbered frames (the index as a row of black/white blocks) onto a
// canvas in the UI frame of each host mode, records them in real time with
// captureStream(0) + requestFrame(), and reads the recording back with ffmpeg:
// which frame numbers survive, how often, and at what timestamps.
//   npx tsx bench/media-recorder.ts [--frames N] [--fps F] [--size WxH]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../cli/chromium';
import { openHarness } from '../cli/drive';
import { startServer } from '../host/server';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '90' }, fps: { type: 'string', default: '30' }, size: { type: 'string', default: '1280x720' } } });
const frames = Number(values.frames);
const fps = Number(values.fps);
const [width, height] = values.size!.split('x').map(Number) as [number, number];
const BITS = 12;

interface Recording {
  mimeType: string | null;
  base64: string;
  wallMs: number;
}

async function record(host: 'figma' | 'secure'): Promise<Recording> {
  const server = await startServer({ root: process.cwd() });
  const browser = await launchChromium();
  try {
    const { ui } = await openHarness(browser, server.url, host);
    // tsx keeps function names with a helper the page does not have.
    await ui.evaluate('globalThis.__name = (f) => f');
    return await ui.evaluate(
      async ({ frames, fps, width, height, BITS }) => {
        const types = ['video/mp4;codecs=avc1.640028', 'video/mp4;codecs=avc1', 'video/mp4', 'video/webm;codecs=vp9', 'video/webm'];
        const mimeType = types.find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
        if (!mimeType) return { mimeType, base64: '', wallMs: 0 };
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const ctx = canvas.getContext('2d')!;
        const stream = canvas.captureStream(0);
        const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
        const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: Math.round(width * height * fps * 0.15) });
        const chunks: Blob[] = [];
        recorder.ondataavailable = (e) => chunks.push(e.data);
        const stopped = new Promise((resolve) => (recorder.onstop = resolve));
        const block = width / BITS;
        const draw = (i: number) => {
          ctx.fillStyle = `hsl(${(i * 7) % 360} 40% 50%)`;
          ctx.fillRect(0, 0, width, height);
          for (let b = 0; b < BITS; b++) {
            ctx.fillStyle = (i >> b) & 1 ? '#fff' : '#000';
            ctx.fillRect(b * block, 0, block, height / 3);
          }
        };
        draw(0);
        recorder.start();
        const started = performance.now();
        for (let i = 0; i < frames; i++) {
          draw(i);
          track.requestFrame();
          // Real time: each frame is due at its own timestamp.
          const due = started + ((i + 1) * 1000) / fps;
          await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
        }
        recorder.stop();
        await stopped;
        const wallMs = performance.now() - started;
        const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return { mimeType, base64: btoa(binary), wallMs };
      },
      { frames, fps, width, height, BITS },
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Frame numbers read back from the decoded recording, in presentation order, with their timestamps. */
function readBack(path: string): { codes: number[]; pts: number[] } {
  const w = BITS * 4;
  const raw = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-vf', `crop=iw:ih/3:0:0,scale=${w}:1:flags=area`, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { maxBuffer: 1 << 28 }).stdout;
  const codes: number[] = [];
  for (let f = 0; f + w <= raw.length; f += w) {
    let code = 0;
    for (let b = 0; b < BITS; b++) if (raw[f + b * 4 + 2]! > 128) code |= 1 << b;
    codes.push(code);
  }
  const pts = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', path], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map(Number);
  return { codes, pts };
}

for (const host of ['figma', 'secure'] as const) {
  const rec = await record(host);
  if (!rec.mimeType) {
    console.log(`${host}: MediaRecorder supports none of the video types`);
    continue;
  }
  const path = join(mkdtempSync(join(tmpdir(), 'stillmotion-recorder-')), rec.mimeType.includes('mp4') ? 'rec.mp4' : 'rec.webm');
  writeFileSync(path, Buffer.from(rec.base64, 'base64'));
  const { codes, pts } = readBack(path);
  const seen = new Set(codes);
  const missing = Array.from({ length: frames }, (_, i) => i).filter((i) => !seen.has(i));
  const repeats = codes.length - seen.size;
  const steps = pts.slice(1).map((t, i) => t - pts[i]!);
  const ideal = 1 / fps;
  const worst = Math.max(...steps.map((s) => Math.abs(s - ideal)));
  console.log(
    `${host}: ${rec.mimeType}, ${frames} frames at ${fps} fps ${width}x${height} drawn in ${(rec.wallMs / 1000).toFixed(2)} s; ` +
      `decoded ${codes.length} frames, ${missing.length} missing, ${repeats} repeated; worst timestamp step error ${(worst * 1000).toFixed(1)} ms (ideal ${(ideal * 1000).toFixed(1)} ms); file ${path}`,
  );
}
