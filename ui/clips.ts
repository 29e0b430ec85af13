// A finished clip as the UI keeps it: its bytes, what it was made from and
// with, and its file name. A batch holds only these, one per node.
import type { RenderResult } from '../engine/api';
import type { RenderParams } from '../engine/params';
import type { NodeSummary } from '../plugin/messages';
import { clipFileName } from './download';

export interface FinishedClip {
  node: NodeSummary;
  params: RenderParams;
  result: RenderResult;
  fileName: string;
}

export function finishedClip(node: NodeSummary, params: RenderParams, result: RenderResult): FinishedClip {
  return { node, params, result, fileName: clipFileName(node.name, result.template, result.width, result.height, result.mimeType) };
}

/** The zip's name for a batch: how many clips, which template, which size. */
export function batchFileName(clips: readonly FinishedClip[]): string {
  const first = clips[0]!.result;
  return `stillmotion-${clips.length}-clips-${first.template}-${first.width}x${first.height}.zip`;
}
