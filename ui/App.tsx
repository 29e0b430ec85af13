import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { WorkerCapabilities } from '../engine/api';
import { DEFAULT_PARAMS, sizeForAspect, type Aspect, type RenderParams } from '../engine/params';
import type { NodeSummary, ToUi } from '../plugin/messages';
import { AnalysisInfo, type AnalysisState } from './components/AnalysisInfo';
import { Controls } from './components/Controls';
import { HostInfo } from './components/HostInfo';
import { Preview, type PreviewPoint } from './components/Preview';
import { Privacy } from './components/Privacy';
import { RenderPanel, type Phase } from './components/RenderPanel';
import { clipFileName, downloadBytes } from './download';
import { longSide, matchAspect, type Size } from './output-size';
import { probeHost, reportHost } from './probe';
import { onSandboxMessage, sendToSandbox } from './sandbox';
import { CancelledError, Session } from './session';

interface Notice {
  level: 'info' | 'warning' | 'error';
  text: string;
}

interface CurrentImage extends Size {
  node: NodeSummary;
}

export function App() {
  const session = useMemo(() => new Session(), []);
  const host = useMemo(probeHost, []);
  const [worker, setWorker] = useState<WorkerCapabilities | null>(null);
  const [params, setParams] = useState<RenderParams>(DEFAULT_PARAMS);
  const report = reportHost(host, worker, params);
  /** The aspect preset the size follows (null: a custom size, kept as is); `source` follows each new image. */
  const [aspect, setAspect] = useState<Aspect | null>(matchAspect(DEFAULT_PARAMS, null));
  const aspectRef = useRef(aspect);
  aspectRef.current = aspect;
  /** Where the designer clicked to aim the camera, for the mark on the preview. */
  const [marker, setMarker] = useState<PreviewPoint | null>(null);
  /** The node last loaded: a focus point belongs to its picture and is dropped for another one. */
  const lastNode = useRef<string | null>(null);
  const [nodes, setNodes] = useState<NodeSummary[]>([]);
  const [image, setImage] = useState<CurrentImage | null>(null);
  const [loading, setLoading] = useState(false);
  const [analysis, setAnalysis] = useState<AnalysisState>({ kind: 'none' });
  /** Counts images: an analysis that finishes after its image was replaced is ignored. */
  const imageCount = useRef(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [generation, setGeneration] = useState(0);
  const autoRender = useRef(false);
  /** Counts render jobs: progress from a cancelled job may still be in flight and must not revive it. */
  const job = useRef(0);
  const started = useRef(false);

  useEffect(() => {
    session.probe().then(
      (caps) => {
        setWorker(caps);
        // The UI is up; where the encoder must be wasm, unpack and compile it in the background now.
        if (reportHost(host, caps).encoder === 'ffmpeg') session.prepareFfmpeg();
      },
      (e) => setNotice({ level: 'error', text: `The engine did not start: ${String(e)}` }),
    );
    const stop = onSandboxMessage(
      (message) => void handle(message),
      (error) => setNotice({ level: 'error', text: `Ignored a malformed message from Figma: ${error}` }),
    );
    sendToSandbox({ type: 'ui-ready' });
    return stop;
  }, []);

  async function handle(message: ToUi) {
    switch (message.type) {
      case 'start':
        started.current = true;
        setParams(message.params);
        paramsRef.current = message.params;
        setAspect(matchAspect(message.params, null));
        void session.preview(message.params);
        autoRender.current = message.command === 'quick';
        return;
      case 'selection':
        setNodes(message.nodes);
        setNotice(message.problem ? { level: 'warning', text: message.problem } : null);
        if (message.nodes.length === 0) {
          imageCount.current++;
          setImage(null);
          setAnalysis({ kind: 'none' });
          await session.clearImage();
        }
        return;
      case 'image':
        // One clip per job for now: the first usable node is the one animated.
        if (message.index !== 0) return;
        setLoading(true);
        try {
          const current = ++imageCount.current;
          setAnalysis({ kind: 'none' });
          const info = await session.setImage(message.bytes);
          setImage({ node: message.node, width: info.width, height: info.height });
          fitToImage(message.node.id, info);
          void analyse(current);
          if (info.originalSize) {
            setNotice({ level: 'info', text: `Large image reduced from ${info.originalSize.width}×${info.originalSize.height} to ${info.width}×${info.height}.` });
          }
          if (autoRender.current) {
            autoRender.current = false;
            void render(message.node);
          }
        } catch (e) {
          setImage(null);
          setNotice({ level: 'error', text: e instanceof Error ? e.message.replace(/^.*?Error: /, '') : String(e) });
        } finally {
          setLoading(false);
        }
        return;
      case 'notice':
        setNotice({ level: message.level, text: message.text });
        return;
    }
  }

  async function analyse(current: number) {
    setAnalysis({ kind: 'running' });
    try {
      const summary = await session.analyse();
      if (imageCount.current === current) setAnalysis({ kind: 'done', summary });
    } catch (e) {
      if (imageCount.current !== current) return;
      // Cancelling a render restarts the worker mid-analysis; the fresh one analyses the same image.
      if (e instanceof CancelledError) return analyse(current);
      setAnalysis({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  function changeParams(next: RenderParams) {
    setParams(next);
    paramsRef.current = next;
    void session.preview(next);
    sendToSandbox({ type: 'settings', params: next });
  }

  // The latest params, for renders started from message handlers.
  const paramsRef = useRef(params);
  paramsRef.current = params;

  /** A new picture: `source` takes its aspect, a custom size may turn out to be its aspect, and another node's focus point goes. */
  function fitToImage(nodeId: string, image: Size) {
    const current = paramsRef.current;
    let next = current;
    if (aspectRef.current === 'source') next = { ...next, ...sizeForAspect('source', longSide(next), image) };
    if (aspectRef.current === null) setAspect(matchAspect(next, image));
    if (lastNode.current !== null && lastNode.current !== nodeId) {
      next = { ...next, focus: null };
      setMarker(null);
    }
    lastNode.current = nodeId;
    if (next.width !== current.width || next.height !== current.height || next.focus !== current.focus) changeParams(next);
  }

  function chooseAspect(next: Aspect) {
    if (next === 'source' && !image) return;
    setAspect(next);
    changeParams({ ...params, ...sizeForAspect(next, longSide(params), image ?? params) });
  }

  async function aim(point: PreviewPoint) {
    if (rendering || !image) return;
    const focus = await session.previewPointToImage(point.u, point.v);
    if (!focus) return;
    setMarker(point);
    changeParams({ ...paramsRef.current, focus });
  }

  function autoFocus() {
    setMarker(null);
    changeParams({ ...params, focus: null });
  }

  async function render(node: NodeSummary | undefined = image?.node) {
    if (!node) return;
    const p = paramsRef.current;
    const needsFfmpeg = report.encoder === 'ffmpeg';
    const current = ++job.current;
    setPhase({ kind: 'rendering', done: 0, total: Math.max(2, Math.round(p.duration * p.fps)), waitingForEncoder: needsFfmpeg });
    try {
      const result = await session.render(p, needsFfmpeg, ({ done, total }) => {
        if (job.current === current) setPhase({ kind: 'rendering', done, total, waitingForEncoder: false });
      });
      const fileName = clipFileName(node.name, result.template, result.width, result.height, result.format);
      setPhase({ kind: 'done', result, fileName });
      const { bytes, mimeType, encoderLabel, codec, ...stats } = result;
      sendToSandbox({ type: 'rendered', nodeId: node.id, stats: { ...stats, bytes: bytes.byteLength } });
    } catch (e) {
      if (e instanceof CancelledError) {
        setPhase({ kind: 'idle' });
        setNotice({ level: 'info', text: e.message });
      } else {
        setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  async function cancel() {
    job.current++;
    setLoading(true);
    try {
      await session.cancel();
    } finally {
      setLoading(false);
      setGeneration((g) => g + 1);
    }
  }

  function download() {
    if (phase.kind !== 'done') return;
    downloadBytes(phase.result.bytes, phase.fileName, phase.result.mimeType);
  }

  const rendering = phase.kind === 'rendering';
  const canRender = !!image && !loading && !rendering && report.blockers.length === 0;
  const more = nodes.length > 1 ? ` (+${nodes.length - 1} more selected; one clip at a time for now)` : '';

  return (
    <main>
      <header>
        <h1>Stillmotion</h1>
        <p class="subject" title={image?.node.name}>
          {image ? `${image.node.name} · ${image.width}×${image.height}${more}` : loading ? 'Loading image…' : started.current ? 'Nothing to animate yet' : 'Starting…'}
        </p>
      </header>
      {report.blockers.map((b) => (
        <p key={b} class="notice error" role="alert">
          {b}
        </p>
      ))}
      {notice && <p class={`notice ${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>{notice.text}</p>}
      <Preview
        key={generation}
        attach={(c) => session.attachCanvas(c)}
        aspect={params.width / params.height}
        empty={!image}
        marker={params.focus ? marker : null}
        onPick={(point) => void aim(point)}
      />
      <AnalysisInfo state={analysis} />
      <Controls
        params={params}
        aspect={aspect}
        image={image}
        disabled={rendering}
        generation={generation}
        attachThumbnails={(canvases) => session.attachThumbnails(canvases)}
        onChange={changeParams}
        onAspect={chooseAspect}
        onFocusAuto={autoFocus}
      />
      <RenderPanel phase={phase} canRender={canRender} onRender={() => void render()} onCancel={() => void cancel()} onDownload={download} />
      <footer>
        <HostInfo host={host} worker={worker} report={report} />
        <Privacy />
      </footer>
    </main>
  );
}
