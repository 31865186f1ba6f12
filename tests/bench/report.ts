// The bench's one table: each figure's median and min–max over the runs, its budget and whether
// it holds, and the JSON kept for comparing two runs (tests/bench/latest.json).

export interface Figure {
  id: string;
  label: string;
  unit: 'ms' | 'calls' | 'credits' | 'KB' | 'MB' | '×';
  /** One value per run (a figure measured once has one). */
  values: number[];
  /** The budget: the median must be at most this; null when the issue sets none (reported only). */
  budget: number | null;
  /** Extra words after the figure, e.g. "= 6.8 × latency" or "before any answer: yes". */
  note?: string;
  /** Anything else worth keeping in the JSON (paths called, chunks, per-run details). */
  detail?: unknown;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summary(figure: Figure) {
  const values = figure.values.filter((value) => Number.isFinite(value));
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN, pass: null as boolean | null };
  const mid = median(values);
  return { median: mid, min: Math.min(...values), max: Math.max(...values), pass: figure.budget === null ? null : mid <= figure.budget };
}

function format(value: number, unit: Figure['unit']): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === 'KB' || unit === 'MB') return value.toFixed(1);
  if (unit === '×') return value.toFixed(2);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** The table as Markdown (the README's Performance section prints the same). */
export function table(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => {
    const s = summary(figure);
    const range = figure.values.length > 1 ? `${format(s.min, figure.unit)}–${format(s.max, figure.unit)}` : '';
    const verdict = s.pass === null ? (Number.isFinite(s.median) ? '—' : 'not measured') : s.pass ? 'pass' : '**FAIL**';
    const budget = figure.budget === null ? '—' : `≤ ${format(figure.budget, figure.unit)} ${figure.unit}`;
    return `| ${figure.label} | ${format(s.median, figure.unit)} ${figure.unit} | ${range} | ${budget} | ${verdict} | ${figure.note ?? ''} |`;
  });
  return ['| figure | median | min–max | budget | | |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

export function asJson(figures: readonly Figure[], meta: Record<string, unknown>) {
  return {
    ...meta,
    figures: Object.fromEntries(
      figures.map((figure) => {
        const s = summary(figure);
        return [figure.id, { label: figure.label, unit: figure.unit, values: figure.values, ...s, budget: figure.budget, note: figure.note ?? null, detail: figure.detail ?? null }];
      }),
    ),
  };
}
