import { describe, expect, it } from 'vitest';
import { formatCell, formatTable } from '../../bench/table';

describe('formatTable', () => {
  it('pads columns to their widest cell, numbers right and text left, with a rule under the headers', () => {
    const text = formatTable(
      [{ header: 'case' }, { header: 'fps', digits: 1 }, { header: 'MB', digits: 2 }],
      [
        ['zoom-1080p', 31.25, 4.5],
        ['gif', 7, null],
      ],
    );
    expect(text.split('\n')).toEqual([
      'case         fps    MB',
      '----------  ----  ----',
      'zoom-1080p  31.3  4.50',
      'gif          7.0     –',
    ]);
  });

  it('leaves a column with text in it left-aligned (a failure message in place of a figure)', () => {
    const text = formatTable([{ header: 'a' }, { header: 'b' }], [['x', 1], ['y', 'FAILED']]);
    expect(text.split('\n')[2]).toBe('x  1');
    expect(text.split('\n')[3]).toBe('y  FAILED');
  });
});

describe('formatCell', () => {
  it('shows missing and non-finite figures as a dash', () => {
    expect(formatCell(undefined)).toBe('–');
    expect(formatCell(NaN, 2)).toBe('–');
    expect(formatCell(Infinity)).toBe('–');
    expect(formatCell(0.1234, 3)).toBe('0.123');
  });
});
