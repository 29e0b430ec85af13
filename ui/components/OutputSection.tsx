import {
  FORMATS,
  GIF_DITHERS,
  LIMITS,
  QUALITIES,
  SOCIAL_PRESET_SETTINGS,
  SOCIAL_PRESETS,
  applySocialPreset,
  matchSocialPreset,
  type EncoderChoice,
  type Format,
  type GifDither,
  type Quality,
  type RenderParams,
  type VideoCodec,
} from '../../engine/params';
import { codecsFor, encodersFor, withCodec, withFormat } from '../output-options';
import { SelectField } from './SelectField';

const FORMAT_LABELS: Readonly<Record<Format, string>> = { mp4: 'MP4', webm: 'WebM', gif: 'GIF' };
const CODEC_LABELS: Readonly<Record<VideoCodec, string>> = { h264: 'H.264', vp9: 'VP9', av1: 'AV1' };
const QUALITY_LABELS: Readonly<Record<Quality, string>> = { standard: 'Standard', high: 'High' };
const ENCODER_LABELS: Readonly<Record<EncoderChoice, string>> = { auto: 'Auto', webcodecs: 'WebCodecs', ffmpeg: 'ffmpeg.wasm' };
const DITHER_LABELS: Readonly<Record<GifDither, string>> = { ordered: 'Ordered', diffusion: 'Error diffusion', none: 'None' };
const COLOURS = [16, 32, 64, 128, 256].filter((n) => n >= LIMITS.gifMinColours && n <= LIMITS.gifMaxColours);
const WORKERS = Array.from({ length: LIMITS.maxWorkers }, (_, i) => i + 1);

interface Props {
  params: RenderParams;
  onChange(params: RenderParams): void;
}

/** Format, codec and quality up front; the encoder, its workers and the GIF palette folded under "Advanced". */
export function OutputSection({ params, onChange }: Props) {
  const set = (patch: Partial<RenderParams>) => onChange({ ...params, ...patch });
  const pick = <T extends string>(choices: readonly T[], value: string) => choices.find((c) => c === value);
  const preset = matchSocialPreset(params);
  const isGif = params.format === 'gif';
  const colours = COLOURS.includes(params.gif.colours) ? COLOURS : [...COLOURS, params.gif.colours].sort((a, b) => a - b);
  return (
    <section class="output" data-testid="output">
      <h2>Output</h2>
      <div class="presets" role="group" aria-label="Social presets">
        {SOCIAL_PRESETS.map((id) => (
          <button
            key={id}
            type="button"
            class="preset"
            aria-pressed={preset === id}
            data-preset={id}
            title={`${SOCIAL_PRESET_SETTINGS[id].label}, 30 fps, H.264 MP4`}
            onClick={() => onChange(applySocialPreset(params, id))}
          >
            {SOCIAL_PRESET_SETTINGS[id].label.split(' · ')[0]}
          </button>
        ))}
      </div>
      <div class="fields">
        <SelectField
          label="Format"
          name="format"
          value={params.format}
          options={FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }))}
          onChange={(value) => onChange(withFormat(params, pick(FORMATS, value) ?? params.format))}
        />
        {!isGif && (
          <SelectField
            label="Codec"
            name="codec"
            value={params.codec}
            options={codecsFor(params.format).map((c) => ({ value: c, label: CODEC_LABELS[c] }))}
            onChange={(value) => onChange(withCodec(params, pick(codecsFor(params.format), value) ?? params.codec))}
          />
        )}
        <SelectField
          label="Quality"
          name="quality"
          value={params.quality}
          options={QUALITIES.map((q) => ({ value: q, label: QUALITY_LABELS[q] }))}
          onChange={(value) => set({ quality: pick(QUALITIES, value) ?? params.quality })}
        />
      </div>
      {isGif && (
        <div class="fields">
          <SelectField
            label="Colours"
            name="gif-colours"
            value={String(params.gif.colours)}
            options={colours.map((n) => ({ value: String(n), label: String(n) }))}
            onChange={(value) => set({ gif: { ...params.gif, colours: Number(value) } })}
          />
          <SelectField
            label="Dither"
            name="gif-dither"
            value={params.gif.dither}
            options={GIF_DITHERS.map((d) => ({ value: d, label: DITHER_LABELS[d] }))}
            onChange={(value) => set({ gif: { ...params.gif, dither: pick(GIF_DITHERS, value) ?? params.gif.dither } })}
          />
          <SelectField
            label="Plays"
            name="gif-loop"
            value={params.gif.loop ? 'forever' : 'once'}
            options={[
              { value: 'forever', label: 'Loop forever' },
              { value: 'once', label: 'Once' },
            ]}
            onChange={(value) => set({ gif: { ...params.gif, loop: value === 'forever' } })}
          />
        </div>
      )}
      <details class="advanced">
        <summary>Advanced</summary>
        <div class="fields">
          <SelectField
            label="Encoder"
            name="encoder"
            value={params.encoder}
            options={encodersFor(params).map((e) => ({ value: e, label: ENCODER_LABELS[e] }))}
            onChange={(value) => set({ encoder: pick(encodersFor(params), value) ?? params.encoder })}
          />
          <SelectField
            label="Workers"
            name="workers"
            value={params.workers === null ? 'auto' : String(params.workers)}
            options={[{ value: 'auto', label: 'Auto' }, ...WORKERS.map((n) => ({ value: String(n), label: String(n) }))]}
            onChange={(value) => set({ workers: value === 'auto' ? null : Number(value) })}
          />
        </div>
      </details>
    </section>
  );
}
