/** Plain-text tables: first column left-aligned, the rest right-aligned. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const fmt = {
  /** 12,345 */
  count: (n: number) => (Number.isFinite(n) ? grouped.format(n) : '–'),
  /** 0.123 / 1.23 / 12.3 — three significant-ish digits for latencies. */
  ms: (n: number) => {
    if (!Number.isFinite(n)) return '–';
    if (n < 1) return n.toFixed(3);
    if (n < 10) return n.toFixed(2);
    if (n < 100) return n.toFixed(1);
    return n.toFixed(0);
  },
  mb: (bytes: number) => (bytes > 0 ? (bytes / 1024 / 1024).toFixed(0) : '–'),
  ratio: (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–'),
  /** Like ratio, with two significant digits below 0.1: 0.0091× rather than 0.01×. */
  fineRatio: (n: number) => {
    if (!Number.isFinite(n)) return '–';
    return n > 0 && n < 0.1 ? `${n.toPrecision(2)}×` : `${n.toFixed(2)}×`;
  },
  percent: (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(0)} %` : '–'),
};

export function section(title: string): string {
  return `\n== ${title} ${'='.repeat(Math.max(0, 96 - title.length))}`;
}
