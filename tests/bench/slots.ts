// Slot engine speed against its floor: `npx tsx tests/bench/slots.ts` (or call `main()`).
//
// The floor is the work no slot engine can skip, done with the engine's own helpers: parse every
// busy interval into epoch ms and sort them (`parseBusySorted`, the same fast ISO parser), then
// write each returned slot as two ISO strings (`formatIsoAtOffset`, offsets handed over for free).
// The engine must stay within 3× of it; both are timed interleaved in one process, median of N.
import { fileURLToPath } from 'node:url';
import {
  findFreeSlots,
  formatIsoAtOffset,
  OffsetCursor,
  parseBusySorted,
  parseInstantMs,
  type FindFreeSlotsInput,
  type WorkingHours,
} from '../../lib/scheduling/slots';

export interface BenchResult {
  scenario: string;
  engineMs: number;
  floorMs: number;
  ratio: number;
  slots: number;
  busy: number;
  pass: boolean;
}

const LIMIT = 3;
const TIME_ZONE = 'America/New_York';
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const workingHours: WorkingHours = {
  mon: [{ start: '09:00', end: '17:00' }],
  tue: [{ start: '09:00', end: '17:00' }],
  wed: [{ start: '09:00', end: '17:00' }],
  thu: [{ start: '09:00', end: '17:00' }],
  fri: [{ start: '09:00', end: '17:00' }],
  sat: [{ start: '10:00', end: '14:00' }],
  sun: [{ start: '16:00', end: '18:00' }],
};

/** mulberry32: a small seeded PRNG, so every run benches the same data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` busy intervals over the 90 days from `startMs`, as Zoho writes them (local offset), with
 * some in UTC and some with milliseconds. Starts land between 07:00 and 20:00 local, roughly,
 * except in each day's gap.
 */
function makeBusy(count: number, startMs: number, days: number, minMinutes: number, maxMinutes: number, seed: number) {
  const random = prng(seed);
  const zone = new OffsetCursor(TIME_ZONE);
  const busy: { start: string; end: string }[] = [];
  for (let i = 0; i < count; i++) {
    const day = Math.floor(random() * days);
    const minuteOfDay = 7 * 60 + Math.floor(random() * 13 * 4) * 15 + (random() < 0.2 ? 5 : 0);
    const length = minMinutes + Math.floor(random() * (maxMinutes - minMinutes + 1));
    // Each day keeps a 3-hour gap (its place varies by day) that nothing overlaps, so even the
    // 10,000-interval calendar has some free slots; an interval that would touch it moves after it.
    const gapStart = (9 + (day * 7) % 5) * 60;
    const moved = minuteOfDay + length > gapStart && minuteOfDay < gapStart + 180 ? gapStart + 180 : minuteOfDay;
    const start = startMs + day * DAY_MS + moved * MINUTE_MS;
    const end = start + length * MINUTE_MS;
    const style = random();
    if (style < 0.7) busy.push({ start: zone.format(start), end: zone.format(end) });
    else if (style < 0.9) busy.push({ start: new Date(start).toISOString().replace('.000', ''), end: new Date(end).toISOString().replace('.000', '') });
    else busy.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
  }
  return busy;
}

function scenarios(): { name: string; input: FindFreeSlotsInput }[] {
  // 2026-02-16 00:00 in New York (-05:00): 90 days, across the March 8 spring-forward.
  const startMs = Date.parse('2026-02-16T05:00:00Z');
  const window = { start: '2026-02-16T00:00:00-05:00', end: new Date(startMs + 90 * DAY_MS).toISOString() };
  const now = '2026-02-15T12:00:00Z';
  return [
    {
      name: '10000 busy / 90 days / 30-min slots',
      input: { window, busy: makeBusy(10_000, startMs, 90, 10, 45, 1), timeZone: TIME_ZONE, workingHours, durationMinutes: 30, bufferMinutes: 0, now },
    },
    {
      name: '500 busy / 90 days / 5-min step',
      input: { window, busy: makeBusy(500, startMs, 90, 15, 60, 2), timeZone: TIME_ZONE, workingHours, durationMinutes: 30, stepMinutes: 5, now },
    },
  ];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

let sink = 0;

function benchOne(name: string, input: FindFreeSlotsInput, warmup: number, runs: number): BenchResult {
  const expected = findFreeSlots(input);
  // What the floor writes: each slot's two instants and the offsets the engine wrote with them,
  // worked out here, outside the timing.
  const n = expected.length;
  const ms = new Float64Array(2 * n);
  const offsetMs = new Float64Array(2 * n);
  const offsets: string[] = new Array<string>(2 * n);
  expected.forEach((slot, i) => {
    [slot.start, slot.end].forEach((text, k) => {
      const at = parseInstantMs(text, 'slot');
      const offset = text.slice(19);
      ms[2 * i + k] = at;
      offsets[2 * i + k] = offset;
      offsetMs[2 * i + k] = (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * MINUTE_MS;
    });
  });
  const written: string[] = new Array<string>(2 * n);
  const floor = () => {
    const sorted = parseBusySorted(input.busy);
    for (let i = 0; i < 2 * n; i++) written[i] = formatIsoAtOffset(ms[i]!, offsetMs[i]!, offsets[i]!);
    sink += sorted.starts.length + written.length;
  };
  // The floor's strings are the engine's strings, or the comparison means nothing.
  floor();
  expected.forEach((slot, i) => {
    if (written[2 * i] !== slot.start || written[2 * i + 1] !== slot.end) throw new Error(`floor and engine disagree on slot ${i}: ${JSON.stringify(slot)}`);
  });

  for (let i = 0; i < warmup; i++) {
    sink += findFreeSlots(input).length;
    floor();
  }
  const engineTimes: number[] = [];
  const floorTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Interleaved, alternating which goes first, so drift and GC land on both alike.
    const order = i % 2 === 0 ? ['engine', 'floor'] : ['floor', 'engine'];
    for (const which of order) {
      const t0 = performance.now();
      if (which === 'engine') sink += findFreeSlots(input).length;
      else floor();
      const dt = performance.now() - t0;
      (which === 'engine' ? engineTimes : floorTimes).push(dt);
    }
  }
  const engineMs = median(engineTimes);
  const floorMs = median(floorTimes);
  const ratio = engineMs / floorMs;
  return { scenario: name, engineMs, floorMs, ratio, slots: n, busy: input.busy.length, pass: ratio <= LIMIT };
}

export function main({ warmup = 30, runs = 61, log = console.log }: { warmup?: number; runs?: number; log?: (line: string) => void } = {}): BenchResult[] {
  const results = scenarios().map(({ name, input }) => benchOne(name, input, warmup, runs));
  log(`Slot engine vs floor (median of ${runs} interleaved runs, limit ratio ≤ ${LIMIT}):`);
  log('scenario, engine ms, floor ms, ratio, slots');
  for (const r of results) {
    log(`${r.scenario}, ${r.engineMs.toFixed(2)}, ${r.floorMs.toFixed(2)}, ${r.ratio.toFixed(2)}, ${r.slots}  ${r.pass ? 'PASS' : 'FAIL'}`);
  }
  if (sink === -1) log(''); // keep the results alive
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = main();
  if (results.some((r) => !r.pass)) process.exitCode = 1;
}
