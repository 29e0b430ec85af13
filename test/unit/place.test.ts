// "Place on canvas" in the sandbox, against the fake figma: the new frame, its
// fill and relaunch data, and each refusal answered with a validated message.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type RenderParams } from '../../engine/params';
import { VIDEO_ERRORS } from '../../host/fake-figma';
import { MAX_PLACE_BYTES } from '../../plugin/place-limits';
import { PLACE_GAP } from '../../plugin/place-clip';
import { RELAUNCH_DATA_KEY } from '../../plugin/relaunch';
import { runSandbox, settle } from './sandbox-fixture';

const params: RenderParams = { ...DEFAULT_PARAMS, template: 'pan-right', duration: 2, width: 1080, height: 1920 };
/** The start of an MP4 (an ftyp box), which is all the fake checks of a video. */
const mp4 = (size = 64) => {
  const bytes = new Uint8Array(size);
  bytes.set([0, 0, 0, 24, ...'ftypisom'].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c)));
  return bytes;
};
/** A GIF header: 160 × 90 logical screen. */
const gif = () => new Uint8Array([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([160, 0, 90, 0, 0, 0, 0, 0x3b]));

async function setUp(options: { videoAllowed?: boolean } = {}) {
  const s = runSandbox(options);
  const node = s.fake.frame({ name: 'Hero', width: 400, height: 300 });
  node.x = 100;
  node.y = 50;
  s.fake.select([node]);
  await s.ready();
  s.clear();
  return { s, node };
}

function placeMessage(node: SceneNode, bytes: Uint8Array, mimeType = 'video/mp4', requestId = 1) {
  return { type: 'place', requestId, nodeId: node.id, name: node.name, bytes, mimeType, width: params.width, height: params.height, params };
}

describe('place on canvas', () => {
  it('inserts a video-filled frame beside the node, sized to the clip, named after the node, with relaunch data', async () => {
    const { s, node } = await setUp();
    const bytes = mp4();
    s.fake.fromUi(placeMessage(node, bytes));
    await settle();
    const [answer] = s.ofType('placed');
    expect(answer).toMatchObject({ type: 'placed', requestId: 1, outcome: 'placed' });
    const frame = s.fake.nodeById(answer!.frameId!) as FrameNode;
    expect(frame.type).toBe('FRAME');
    expect(frame.name).toBe('Hero (animated)');
    expect(frame.parent).toBe(node.parent);
    // The clip's 9:16 at the node's height, to its right with a gap.
    expect([frame.x, frame.y, frame.width, frame.height]).toEqual([100 + 400 + PLACE_GAP, 50, Math.round((300 * 1080) / 1920), 300]);
    const fills = frame.fills as Paint[];
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ type: 'VIDEO', scaleMode: 'FILL' });
    expect(s.fake.videoBytes((fills[0] as VideoPaint).videoHash!)).toEqual(bytes);
    expect(frame.getPluginDataKeys()).toEqual([RELAUNCH_DATA_KEY]);
    expect(JSON.parse(frame.getPluginData(RELAUNCH_DATA_KEY))).toEqual(params);
    expect(frame.getRelaunchData()).toEqual({ reanimate: 'pan-right, 2 s, 1080×1920' });
    expect(s.fake.notifications).toEqual([{ text: 'Placed “Hero (animated)” beside “Hero”.', error: false }]);
    expect(s.invalid).toEqual([]);
  });

  it('puts the frame in the node’s parent frame', async () => {
    const s = runSandbox();
    const board = s.fake.frame({ name: 'Board' });
    const child = (board as FrameNode).children[0]!;
    await s.ready();
    s.fake.fromUi(placeMessage(child, mp4()));
    await settle();
    const frame = s.fake.nodeById(s.ofType('placed')[0]!.frameId!)!;
    expect(frame.parent).toBe(board);
    expect((board as FrameNode).children).toContain(frame);
  });

  it('inserts a GIF as an image fill', async () => {
    const { s, node } = await setUp();
    s.fake.fromUi({ ...placeMessage(node, gif(), 'image/gif'), width: 160, height: 90 });
    await settle();
    const [answer] = s.ofType('placed');
    expect(answer?.outcome).toBe('placed');
    const frame = s.fake.nodeById(answer!.frameId!)!;
    expect((frame as FrameNode).fills).toEqual([expect.objectContaining({ type: 'IMAGE', scaleMode: 'FILL' })]);
    expect(s.fake.imageOf(frame)).toMatchObject({ width: 160, height: 90, bytes: gif() });
    expect([frame.width, frame.height]).toEqual([Math.round((300 * 160) / 90), 300]);
  });

  it('says so, adding nothing, where the plan does not allow video', async () => {
    const { s, node } = await setUp({ videoAllowed: false });
    const before = s.fake.figma.currentPage.children.length;
    s.fake.fromUi(placeMessage(node, mp4(), 'video/mp4', 7));
    await settle();
    const [answer] = s.ofType('placed');
    expect(answer).toMatchObject({ requestId: 7, outcome: 'no-video' });
    expect(answer!.frameId).toBeUndefined();
    expect(answer!.text).toContain(VIDEO_ERRORS.plan);
    expect(answer!.text).toMatch(/paid Professional, Organization and Education teams.*Download/);
    expect(s.fake.figma.currentPage.children).toHaveLength(before);
    // A GIF is an image, which every plan takes.
    s.fake.fromUi({ ...placeMessage(node, gif(), 'image/gif', 8), width: 160, height: 90 });
    await settle();
    expect(s.ofType('placed')[1]).toMatchObject({ requestId: 8, outcome: 'placed' });
  });

  it('refuses a clip over 100 MB before handing it to Figma', async () => {
    const { s, node } = await setUp();
    s.fake.fromUi(placeMessage(node, mp4(MAX_PLACE_BYTES + 1)));
    await settle();
    const [answer] = s.ofType('placed');
    expect(answer).toMatchObject({ outcome: 'too-large' });
    expect(answer!.text).toMatch(/over Figma's 100 MB limit.*Download/);
    // Exactly 100 MB is still taken.
    s.fake.fromUi(placeMessage(node, mp4(MAX_PLACE_BYTES), 'video/mp4', 2));
    await settle();
    expect(s.ofType('placed')[1]).toMatchObject({ requestId: 2, outcome: 'placed' });
  }, 60_000);

  it('places on the page, still named after it, when the node is gone', async () => {
    const { s, node } = await setUp();
    s.fake.fromUi({ ...placeMessage(node, mp4()), nodeId: '9:999' });
    await settle();
    const [answer] = s.ofType('placed');
    expect(answer).toMatchObject({ outcome: 'placed', text: 'Placed “Hero (animated)”.' });
    expect(s.fake.nodeById(answer!.frameId!)!.parent).toBe(s.fake.figma.currentPage);
  });

  it('rejects a place message that fails validation', async () => {
    const { s, node } = await setUp();
    for (const bad of [
      { ...placeMessage(node, mp4()), mimeType: 'video/quicktime' },
      { ...placeMessage(node, mp4()), params: { ...params, format: 'webm', codec: 'h264' } },
      { ...placeMessage(node, mp4()), bytes: [1, 2, 3] },
    ]) {
      s.fake.fromUi(bad);
    }
    await settle();
    expect(s.ofType('placed')).toEqual([]);
    expect(s.fake.notifications.every((n) => n.error && n.text.startsWith('Ignored a malformed message'))).toBe(true);
    expect(s.fake.notifications).toHaveLength(3);
  });
});
