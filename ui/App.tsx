import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { WorkerCapabilities } from '../engine/api';
import { DEFAULT_PARAMS, parseParams, sizeForAspect, type Aspect, type RenderParams } from '../engine/params';
import type { NodeSummary, ToUi } from '../plugin/messages';
import { AnalysisInfo, type AnalysisState } from './components/AnalysisInfo';
import { Controls } from './components/Controls';
import { HostInfo } from './components/HostInfo';
import { Preview, type PreviewPoint } from './components/Preview';
import { Privacy } from './components/Privacy';
import { QuickView } from './components/QuickView';
import { RenderPanel, type Phase, type Placing } from './components/RenderPanel';
import { batchFileName, finishedClip, type FinishedClip } from './clips';
import { downloadBytes, zipClips } from './download';
import { longSide, matchAspect, type Size } from './output-size';
import { Placer } from './place';
import { probeHost, reportHost, type HostReport } from './probe';
import { onSandboxMessage, sendToSandbox } from './sandbox';
import { CancelledError, EngineCrashedError, Session } from './session';

interface Notice {
  level: 'info' | 'warning' | 'error';
  text: string;
}

interface CurrentImage extends Size {
  node: NodeSummary;
}

/** A selected node's picture as the sandbox sent it, kept for "Render all". */
interface NodePicture {
  node: NodeSummary;
  bytes: Uint8Array;
}

/** Whether a render with these params needs ffmpeg.wasm handed to the worker first. */
const needsFfmpeg = (p: RenderParams, report: HostReport) =>
  p.encoder === 'ffmpeg' || p.format === 'gif' || (p.encoder === 'auto' && report.encoder === 'ffmpeg');

export function App() {
  const session = useMemo(() => new Session(), []);
  const placer = useMemo(() => new Placer(), []);
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
  const [placing, setPlacing] = useState<Placing>({ kind: 'idle' });
  /** The quick-animate window: a compact progress view that renders at once. */
  const [quick, setQuick] = useState(false);
  /** Every selected node's picture (encoded, as sent), in selection order: what "Render all" renders. */
  const pictures = useRef<(NodePicture | undefined)[]>([]);
  const [picturesReady, setPicturesReady] = useState(0);
  /** The node whose picture the worker holds. */
  const loadedNode = useRef<string | null>(null);
  /** The first picture's load and analysis: a batch waits for it before it takes the worker over. */
  const firstLoaded = useRef<Promise<unknown>>(Promise.resolve());
  /** A cancel's worker swap, which any new render waits for. */
  const restarting = useRef<Promise<void>>(Promise.resolve());
  const [generation, setGeneration] = useState(0);
  const autoRender = useRef(false);
  /** Counts render jobs: progress from a cancelled job may still be in flight and must not revive it. */
  const job = useRef(0);
  const started = useRef(false);

  useEffect(() => {
    // The session has already restarted the worker with the picture: end the job, say so, re-attach the canvases.
    session.onCrash = (error) => {
      job.current++;
      setPhase({ kind: 'idle' });
      setNotice({ level: 'error', text: error.message });
      setGeneration((g) => g + 1);
    };
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
        setQuick(message.command === 'quick');
        return;
      case 'selection':
        setNodes(message.nodes);
        pictures.current = message.nodes.map(() => undefined);
        setPicturesReady(0);
        setNotice(message.problem ? { level: 'warning', text: message.problem } : null);
        if (message.nodes.length === 0) {
          imageCount.current++;
          setImage(null);
          setAnalysis({ kind: 'none' });
          await session.clearImage();
        }
        return;
      case 'image': {
        if (message.count === pictures.current.length) {
          pictures.current[message.index] = { node: message.node, bytes: message.bytes };
          setPicturesReady(pictures.current.filter(Boolean).length);
        }
        // The first usable node is the one the editor shows and "Render" animates.
        if (message.index === 0) {
          const loaded = loadFirst({ node: message.node, bytes: message.bytes });
          firstLoaded.current = loaded.then(({ analysed }) => analysed);
          await loaded;
        }
        // A quick command renders once every selected picture is here: one clip, or the batch.
        if (autoRender.current && message.index === message.count - 1) {
          autoRender.current = false;
          await firstLoaded.current;
          if (message.count === 1) void render(message.node);
          else void renderAll();
        }
        return;
      }
      case 'notice':
        setNotice({ level: message.level, text: message.text });
        return;
      case 'placed':
        placer.answer(message);
        return;
    }
  }

  /** Loads the first node's picture into the worker and shows it; resolves once shown, its analysis still running. */
  async function loadFirst({ node, bytes }: NodePicture): Promise<{ analysed: Promise<void> }> {
    setLoading(true);
    try {
      const current = ++imageCount.current;
      setAnalysis({ kind: 'none' });
      loadedNode.current = node.id;
      const info = await session.setImage(bytes);
      setImage({ node, width: info.width, height: info.height });
      fitToImage(node.id, info);
      if (info.originalSize) {
        setNotice({ level: 'info', text: `Large image reduced from ${info.originalSize.width}×${info.originalSize.height} to ${info.width}×${info.height}.` });
      }
      return { analysed: analyse(current) };
    } catch (e) {
      setImage(null);
      setNotice({ level: 'error', text: e instanceof Error ? e.message.replace(/^.*?Error: /, '') : String(e) });
      return { analysed: Promise.resolve() };
    } finally {
      setLoading(false);
    }
  }

  async function analyse(current: number) {
    setAnalysis({ kind: 'running' });
    try {
      const summary = await session.analyse();
      if (imageCount.current === current) setAnalysis({ kind: 'done', summary });
    } catch (e) {
      if (imageCount.current !== current) return;
      // Cancelling a render or a crash restarts the worker mid-analysis; the fresh one analyses the same image.
      if (e instanceof CancelledError || e instanceof EngineCrashedError) return analyse(current);
      setAnalysis({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  function changeParams(next: RenderParams) {
    // The controls keep every combination valid; this is the guard that nothing else slips through.
    try {
      parseParams(next);
    } catch (e) {
      setNotice({ level: 'error', text: e instanceof Error ? e.message : String(e) });
      return;
    }
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

  /** Renders one clip of the worker's current picture; null when cancelled or failed (the phase says which). */
  async function renderOne(node: NodeSummary, p: RenderParams, item: number, count: number, current: number): Promise<FinishedClip | null> {
    const waiting = needsFfmpeg(p, report);
    await restarting.current;
    setPhase({ kind: 'rendering', item, count, name: node.name, done: 0, total: Math.max(2, Math.round(p.duration * p.fps)), waitingForEncoder: waiting });
    try {
      const result = await session.render(p, waiting, ({ done, total }) => {
        if (job.current === current) setPhase({ kind: 'rendering', item, count, name: node.name, done, total, waitingForEncoder: false });
      });
      const clip = finishedClip(node, p, result);
      const { bytes, mimeType, encoderLabel, codec, ...stats } = result;
      sendToSandbox({ type: 'rendered', nodeId: node.id, params: p, stats: { ...stats, bytes: bytes.byteLength } });
      return clip;
    } catch (e) {
      if (job.current !== current) return null;
      if (e instanceof CancelledError) {
        setPhase({ kind: 'idle' });
        setNotice({ level: 'info', text: e.message });
      } else {
        setPhase({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
      }
      return null;
    }
  }

  async function render(node: NodeSummary | undefined = image?.node) {
    if (!node) return;
    const current = ++job.current;
    setPlacing({ kind: 'idle' });
    const clip = await renderOne(node, paramsRef.current, 0, 1, current);
    if (clip && job.current === current) setPhase({ kind: 'done', clips: [clip] });
  }

  /**
   * One clip per selected node, in turn, with the same settings: each node's
   * own picture and analysis (a focus point stays with the node it was set on).
   * Only the finished clips are kept; the worker holds one picture at a time.
   */
  async function renderAll() {
    const items = pictures.current.filter((p): p is NodePicture => !!p);
    if (items.length === 0) return;
    const current = ++job.current;
    setPlacing({ kind: 'idle' });
    await Promise.all([firstLoaded.current, restarting.current]);
    const clips: FinishedClip[] = [];
    const base = paramsRef.current;
    for (const [i, item] of items.entries()) {
      if (job.current !== current) break;
      const p = item.node.id === lastNode.current ? base : { ...base, focus: null };
      setPhase({ kind: 'rendering', item: i, count: items.length, name: item.node.name, done: 0, total: Math.max(2, Math.round(p.duration * p.fps)), waitingForEncoder: false });
      if (loadedNode.current !== item.node.id) {
        loadedNode.current = item.node.id;
        // Throws only when cancelled.
        if (!(await session.switchImage(item.bytes).then(() => true, () => false))) break;
      }
      const clip = await renderOne(item.node, p, i, items.length, current);
      if (!clip) break;
      clips.push(clip);
    }
    if (job.current === current && clips.length === items.length) setPhase({ kind: 'done', clips });
    // The editor shows the first node again.
    const first = items[0]!;
    if (loadedNode.current !== first.node.id) {
      loadedNode.current = first.node.id;
      const current = ++imageCount.current;
      // After a cancel, the fresh worker is the one to load it.
      firstLoaded.current = restarting.current
        .then(() => session.setImage(first.bytes))
        // It loaded before; should it fail now, the next render says so.
        .then(() => analyse(current), () => {});
    }
  }

  function cancel() {
    job.current++;
    setPhase({ kind: 'idle' });
    setNotice({ level: 'info', text: 'Render cancelled.' });
    // The controls come back first (preact commits in a microtask); the worker is swapped in the
    // task after, and the next render waits for the fresh one to hold the picture.
    restarting.current = new Promise<void>((resolve) =>
      setTimeout(() => {
        void session.cancel();
        setGeneration((g) => g + 1);
        resolve();
      }, 0),
    );
  }

  function download() {
    if (phase.kind !== 'done') return;
    const [only] = phase.clips;
    if (phase.clips.length === 1 && only) downloadBytes(only.result.bytes, only.fileName, only.result.mimeType);
    else downloadBytes(zipClips(phase.clips.map((c) => ({ name: c.fileName, bytes: c.result.bytes }))), batchFileName(phase.clips), 'application/zip');
  }

  /** Places each clip beside its node, one at a time (each crosses to the sandbox as a copy). */
  async function place() {
    if (phase.kind !== 'done') return;
    const answers = [];
    for (const [i, clip] of phase.clips.entries()) {
      setPlacing({ kind: 'busy', done: i, count: phase.clips.length });
      answers.push(await placer.place(clip));
    }
    setPlacing({ kind: 'finished', answers });
  }

  const rendering = phase.kind === 'rendering';
  const canRender = !!image && !loading && !rendering && report.blockers.length === 0;
  const batchSize = nodes.length > 1 && picturesReady === nodes.length ? nodes.length : 0;
  const more = nodes.length > 1 ? ` (+${nodes.length - 1} more selected)` : '';
  const panel = (
    <RenderPanel
      phase={phase}
      placing={placing}
      canRender={canRender}
      batchSize={batchSize}
      compact={quick}
      onRender={() => void render()}
      onRenderAll={() => void renderAll()}
      onCancel={cancel}
      onDownload={download}
      onPlace={() => void place()}
    />
  );

  if (quick) {
    return (
      <QuickView title={image ? `${image.node.name}${more}` : loading ? 'Loading image…' : 'Nothing to animate yet'} template={params.template} notice={notice} blockers={report.blockers}>
        {panel}
      </QuickView>
    );
  }

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
      {panel}
      <footer>
        <HostInfo host={host} worker={worker} report={report} />
        <Privacy />
      </footer>
    </main>
  );
}
