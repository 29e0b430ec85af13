// Plain-text tables for the benchmark's report: columns padded to their
// widest cell, numbers right-aligned, missing values shown as a dash.
export type Cell = string | number | null | undefined;

export interface Column {
  header: string;
  /** Decimal places for numbers (default 0). */
  digits?: number;
}

export function formatCell(value: Cell, digits = 0): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

export function formatTable(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => columns.map((c, i) => formatCell(row[i], c.digits)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...text.map((r) => r[i]!.length)));
  // A column of numbers (or dashes) reads best right-aligned.
  const numeric = columns.map((_, i) => rows.every((r) => typeof r[i] !== 'string'));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}
