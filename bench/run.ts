// Benchmark, not a test: it reports timings and never fails on them (exit 0 unless it crashes).
// `npm run bench`: for every flow of rules/, the median time of one warm evaluation, in a plain
// sequential loop on one core; then how many cases per second the case suite runs.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runCase } from '../engine/authoring/cases.ts';
import { createEvaluator, formatDiagnostic, type Facts } from '../engine/index.ts';
import { loadProject } from '../cli/project.ts';

/** Target for one evaluation of a flow: fast enough to re-run on every form change. */
const TARGET_MS = 1;
const WARMUP = 200;
const MAX_ITERATIONS = 3000;
/** Time budget per flow, so the whole run stays well under 30 s. */
const BUDGET_MS = 1200;
const SUITE_BUDGET_MS = 3000;
const AT = '2025-06-16';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const project = loadProject('rules');
  if (!project.pack) {
    for (const d of project.diagnostics) console.error(formatDiagnostic(d));
    throw new Error('rules/ has errors; run policylens validate');
  }
  const pack = project.pack;
  const cases = project.suites.flatMap((s) => s.cases);
  console.log(
    `policylens bench — ${pack.flows.length} flows, ${cases.length} cases; node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
  console.log(
    `one evaluation per flow, warm (${WARMUP} warm-up runs), sequential, up to ${MAX_ITERATIONS} runs or ${BUDGET_MS} ms per flow\n`,
  );

  const evaluator = createEvaluator(pack);
  const rows: string[][] = [];
  let misses = 0;
  for (const flow of pack.flows) {
    // The flow's own case facts, in turn: realistic mixes of known, unknown and failing facts.
    const inputs: Facts[] = cases.filter((c) => c.flow === flow.id).map((c) => c.facts);
    if (inputs.length === 0) inputs.push({});
    for (let i = 0; i < WARMUP; i++) {
      await evaluator.evaluate(flow.id, inputs[i % inputs.length]!, { at: AT, lang: 'en' });
    }
    const times: number[] = [];
    const start = performance.now();
    while (times.length < MAX_ITERATIONS && performance.now() - start < BUDGET_MS) {
      const facts = inputs[times.length % inputs.length]!;
      const t0 = performance.now();
      await evaluator.evaluate(flow.id, facts, { at: AT, lang: 'en' });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = percentile(times, 0.5);
    const meets = median < TARGET_MS;
    if (!meets) misses++;
    rows.push([
      flow.id,
      String(flow.rules.length),
      String(times.length),
      median.toFixed(3),
      percentile(times, 0.95).toFixed(3),
      Math.round(1000 / median).toLocaleString('en-US'),
      meets ? 'yes' : 'NO',
    ]);
  }
  console.log(
    table(['flow', 'rules', 'runs', 'median ms', 'p95 ms', 'evals/s', `< ${TARGET_MS} ms`], rows),
  );
  console.log(
    `\n${pack.flows.length - misses} of ${pack.flows.length} flows meet the target (median < ${TARGET_MS} ms).`,
  );

  // The case suite as `policylens test` runs it: each case evaluated, messages compared.
  for (const c of cases) await runCase(evaluator, c);
  let ran = 0;
  let failed = 0;
  const suiteStart = performance.now();
  while (performance.now() - suiteStart < SUITE_BUDGET_MS) {
    for (const c of cases) {
      if (!(await runCase(evaluator, c)).isOk) failed++;
      ran++;
    }
  }
  const seconds = (performance.now() - suiteStart) / 1000;
  console.log(
    `case suite: ${ran.toLocaleString('en-US')} cases in ${seconds.toFixed(2)} s = ${Math.round(ran / seconds).toLocaleString('en-US')} cases/s` +
      (failed > 0 ? ` (${failed} case runs failed: run policylens test)` : ''),
  );
}

await main();
