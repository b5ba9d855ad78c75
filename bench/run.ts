// Benchmark, not a test: it reports timings and ratios and never fails on them (exit 0 unless
// it crashes). `npm run bench` (it builds dist/ first) measures, each side by side with what
// it is compared to, in one run:
//
//   1. start-up: `policylens eval` as a whole process against `node -e 0`, on this pack and
//      on one 100 times larger, with its compiled-flow cache and without;
//   2. evaluation: one evaluation of each flow in process, against plain json-rules-engine
//      given the same conditions and facts;
//   3. case throughput: cases per second, in process and as `policylens test` does it;
//   4. lint: `policylens lint` on packs 1, 10, 30 and 100 times this one, and how its time grows;
//   5. facts files: `policylens eval` on facts files with 5k to 40k names it does not know
//      (one warning each, at its line), JSON and YAML, and how its time grows.
//
// Comparisons alternate A B A B so that a machine whose speed drifts affects both alike; each
// ratio is the median of the ratios of pairs. The machine is shared: read medians and ratios,
// and run it again when they look noisy. `npm run bench -- evaluation` runs one part (startup,
// evaluation, throughput, lint, facts).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pathToFileURL } from 'node:url';
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { runCase } from '../engine/authoring/cases.ts';
import { factsOf } from '../engine/check-condition.ts';
import { isWithin } from '../engine/dates.ts';
import { DATE_FACT } from '../engine/evaluate.ts';
import { readFact } from '../engine/facts.ts';
import type * as Api from '../cli/api.ts';
import type { CompiledFlow, Condition, Facts } from '../engine/index.ts';
import { OPERATORS } from '../engine/operators.ts';
import { loadProject } from '../cli/project.ts';
import { writeLargePack } from './large-pack.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'policylens.js');

// What is timed is the build users run (dist/), not the TypeScript sources as tsx runs them.
const { createEvaluator } = (await import(
  pathToFileURL(join(ROOT, 'dist', 'index.js')).href
)) as typeof Api;
const AT = '2025-06-16';
const FACTS_FILE = join(ROOT, 'examples', 'facts', 'frozen-reseller-applicant.json');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Wall time of a whole process, in milliseconds; throws if it fails. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    // A warning a line for 40k unknown facts is several MB: more than spawnSync's 1 MB default.
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  return ms;
}

/** A and B in turn, `runs` times each after one of each to warm up: medians and pair ratio. */
function sideBySide(a: () => number, b: () => number, runs: number) {
  a();
  b();
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(a());
    bs.push(b());
  }
  return { a: median(as), b: median(bs), ratio: median(as.map((x, i) => x / bs[i]!)) };
}

function startUp(largePack: string): void {
  console.log('\n1. Start-up: `policylens eval` as a whole process, against `node -e 0`');
  const cache = mkdtempSync(join(tmpdir(), 'policylens-bench-cache-'));
  const node = () => timeProcess(['-e', '0']);
  // cached: the compiled flow is kept from the run before. rule changed: only the vocabulary
  // is (the flow's file changed since). first run: nothing is, as after installing.
  const evalOn = (rules: string, cached: 'cached' | 'rule changed' | 'first run') => () => {
    if (cached === 'rule changed') {
      for (const name of readdirSync(cache))
        if (name.startsWith('pack-')) rmSync(join(cache, name));
    }
    return timeProcess(
      [CLI, 'eval', '--rules', rules, '--flow', 'reseller.join', '--facts', FACTS_FILE],
      cached === 'first run' ? { POLICYLENS_CACHE: 'off' } : { POLICYLENS_CACHE_DIR: cache },
    );
  };
  const rows: string[][] = [];
  for (const [label, rules] of [
    ['rules/', join(ROOT, 'rules')],
    ['rules/ x100', largePack],
  ] as const) {
    for (const cached of ['cached', 'rule changed', 'first run'] as const) {
      const m = sideBySide(evalOn(rules, cached), node, 15);
      rows.push([`${label}, ${cached}`, m.a.toFixed(0), m.b.toFixed(0), `${m.ratio.toFixed(2)}x`]);
    }
  }
  rmSync(cache, { recursive: true, force: true });
  console.log(table(['eval on', 'eval ms', 'node -e 0 ms', 'ratio'], rows));
  console.log('target: within 3x of `node -e 0`, and about the same on the larger pack');
}

/** Plain json-rules-engine: one rule per rule version, the same conditions and operators. */
function plainEngine(flow: CompiledFlow): { engine: Engine; reads: string[] } {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, def] of Object.entries(OPERATORS)) {
    const evaluate = def.evaluate;
    if (evaluate) engine.addOperator(name, (a: unknown, b: unknown) => evaluate(a, b));
  }
  const toEngine = (c: Condition): object =>
    'all' in c
      ? { all: c.all.map(toEngine) }
      : 'any' in c
        ? { any: c.any.map(toEngine) }
        : 'not' in c
          ? { not: toEngine(c.not) }
          : { fact: c.fact, operator: c.operator, value: c.value };
  const reads: string[] = [];
  for (const rule of flow.rules) {
    for (const [i, v] of rule.versions.entries()) {
      if (!isWithin(AT, v.from, v.until)) continue;
      // The conditions a rule has: when, require, and the cause of each fail text.
      const parts = [v.when, v.require, ...(v.fail ?? rule.fail ?? []).map((f) => f.when)].filter(
        (c): c is Condition => c !== undefined,
      );
      if (parts.length === 0) continue;
      for (const part of parts) factsOf(part, reads);
      const props: RuleProperties = {
        name: `${rule.id}#${i}`,
        conditions: { all: parts.map(toEngine) } as TopLevelCondition,
        event: { type: rule.id },
      };
      engine.addRule(props);
    }
  }
  return { engine, reads };
}

/** CPU time of this process so far, in milliseconds: unlike the clock, it does not count the
 * time other processes on a shared machine take the processor away. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The mean CPU time of one call over a batch, in microseconds. */
async function batch(call: () => Promise<unknown>, size: number): Promise<number> {
  const started = cpuMs();
  for (let i = 0; i < size; i++) await call();
  return ((cpuMs() - started) / size) * 1000;
}

/** Ours and theirs in turn, batch by batch: median µs of each and median ratio of pairs. */
async function compare(ours: () => Promise<unknown>, theirs: () => Promise<unknown>) {
  for (let warm = 0; warm < 300; warm++) {
    await ours();
    await theirs();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < 25; round++) {
    a.push(await batch(ours, 100));
    b.push(await batch(theirs, 100));
  }
  return { ours: median(a), theirs: median(b), ratio: median(a.map((x, k) => x / b[k]!)) };
}

async function evaluation(): Promise<void> {
  console.log(
    '\n2. One evaluation in process (CPU time), against plain json-rules-engine on the same conditions',
  );
  const project = loadProject(join(ROOT, 'rules'));
  const pack = project.pack!;
  const cases = project.suites.flatMap((s) => s.cases);
  const evaluator = createEvaluator(pack);
  const plain = new Map(pack.flows.map((flow) => [flow.id, plainEngine(flow)]));
  // json-rules-engine is given the facts its conditions read, by name, as it expects them,
  // read from the same nested facts PolicyLens is given, in the timed call as PolicyLens
  // reads them in its own: both start from the same input.
  const runtimeOf = (flow: string, facts: Facts) => {
    const runtime: Record<string, unknown> = {};
    for (const name of plain.get(flow)!.reads) {
      const value = name === DATE_FACT ? AT : readFact(facts, name);
      if (value !== undefined) runtime[name] = value;
    }
    return runtime;
  };
  const measure = (inputs: { flow: string; facts: Facts }[]) => {
    let i = 0;
    let j = 0;
    return compare(
      () => {
        const c = inputs[i++ % inputs.length]!;
        return evaluator.evaluate(c.flow, c.facts, { at: AT, lang: 'en' });
      },
      () => {
        const c = inputs[j++ % inputs.length]!;
        return plain.get(c.flow)!.engine.run(runtimeOf(c.flow, c.facts));
      },
    );
  };
  // Once over every case first, unrecorded, so that both sides' code is compiled and warm
  // before the first flow is timed.
  await measure(cases);
  const rows: string[][] = [];
  for (const flow of pack.flows) {
    const inputs = cases.filter((c) => c.flow === flow.id);
    const m = await measure(inputs.length > 0 ? inputs : [{ flow: flow.id, facts: {} }]);
    rows.push([
      flow.id,
      String(flow.rules.length),
      m.ours.toFixed(1),
      m.theirs.toFixed(1),
      `${m.ratio.toFixed(2)}x`,
    ]);
  }
  const all = await measure(cases);
  rows.push([
    `every case (${cases.length})`,
    '',
    all.ours.toFixed(1),
    all.theirs.toFixed(1),
    `${all.ratio.toFixed(2)}x`,
  ]);
  console.log(table(['flow', 'rules', 'policylens µs', 'plain jre µs', 'ratio'], rows));
  console.log(
    'target: at most 1x: no slower than plain json-rules-engine, and every result explained',
  );
}

async function throughput(largePack: string): Promise<void> {
  console.log('\n3. Case throughput');
  const rows: string[][] = [];
  for (const [label, rules] of [
    ['rules/', join(ROOT, 'rules')],
    ['rules/ x100', largePack],
  ] as const) {
    const project = loadProject(rules);
    const cases = project.suites.flatMap((s) => s.cases);
    const evaluator = createEvaluator(project.pack!);
    // Warm, then as many passes over the cases as fit in two seconds.
    for (const c of cases.slice(0, 500)) await runCase(evaluator, c);
    let ran = 0;
    const started = performance.now();
    do {
      for (const c of cases) await runCase(evaluator, c);
      ran += cases.length;
    } while (performance.now() - started < 2000);
    const perSecond = ran / ((performance.now() - started) / 1000);
    const whole = timeProcess([CLI, 'test', rules]);
    rows.push([
      label,
      String(cases.length),
      Math.round(perSecond).toLocaleString('en-US'),
      (whole / 1000).toFixed(2),
      Math.round(cases.length / (whole / 1000)).toLocaleString('en-US'),
    ]);
  }
  console.log(table(['pack', 'cases', 'in process cases/s', '`test` s', '`test` cases/s'], rows));
}

function lintScaling(packs: { times: number; dir: string; files: number }[]): void {
  console.log('\n4. `policylens lint` as the pack grows');
  const rows: string[][] = [];
  const points: { files: number; ms: number }[] = [];
  for (const pack of packs) {
    const runs = pack.times >= 100 ? 3 : 5;
    const ms = median(Array.from({ length: runs }, () => timeProcess([CLI, 'lint', pack.dir])));
    points.push({ files: pack.files, ms });
    rows.push([
      `x${pack.times}`,
      String(pack.files),
      (ms / 1000).toFixed(2),
      (ms / pack.files).toFixed(2),
    ]);
  }
  console.log(table(['pack', 'files', 'lint s', 'ms per file'], rows));
  const [small, large] = [points.at(-2)!, points.at(-1)!];
  const exponent = Math.log(large.ms / small.ms) / Math.log(large.files / small.files);
  console.log(
    `growth between the two largest: time ∝ files^${exponent.toFixed(2)} (linear is 1; start-up weighs on the small ones)`,
  );
}

function unknownFacts(work: string): void {
  console.log('\n5. `policylens eval` on facts files full of names it does not know');
  const rows: string[][] = [];
  for (const format of ['json', 'yaml'] as const) {
    const points: { keys: number; ms: number }[] = [];
    for (const keys of [5_000, 10_000, 20_000, 40_000]) {
      const names = Array.from({ length: keys }, (_, i) => `unknown${i.toString(36)}`);
      const text =
        format === 'json'
          ? `{\n${names.map((n, i) => `  "${n}": ${i}`).join(',\n')}\n}\n`
          : names.map((n, i) => `${n}: ${i}\n`).join('');
      const file = join(work, `unknown-${keys}.${format}`);
      writeFileSync(file, text);
      const ms = median(
        Array.from({ length: 5 }, () =>
          timeProcess([CLI, 'eval', '--flow', 'reseller.join', '--facts', file]),
        ),
      );
      points.push({ keys, ms });
      rows.push([
        format,
        keys.toLocaleString('en-US'),
        (text.length / 1024).toFixed(0),
        ms.toFixed(0),
      ]);
    }
    const [small, large] = [points.at(-2)!, points.at(-1)!];
    const exponent = Math.log(large.ms / small.ms) / Math.log(large.keys / small.keys);
    rows.push([format, 'growth', '', `keys^${exponent.toFixed(2)}`]);
  }
  console.log(table(['format', 'unknown names', 'KiB', 'eval ms'], rows));
  console.log('growth between the two largest: linear is 1 (the unit test counts the work)');
}

/** `npm run bench -- evaluation lint` runs only those parts. */
const only = process.argv.slice(2);
const wants = (part: string) => only.length === 0 || only.includes(part);

async function main(): Promise<void> {
  console.log(
    `policylens bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
  const work = mkdtempSync(join(tmpdir(), 'policylens-bench-'));
  try {
    const packs = [1, 10, 30, 100].map((times) => {
      const dir = join(work, `x${times}`);
      return { times, dir, files: writeLargePack(join(ROOT, 'rules'), dir, times) };
    });
    const largePack = packs.at(-1)!.dir;
    if (wants('startup')) startUp(largePack);
    if (wants('evaluation')) await evaluation();
    if (wants('throughput')) await throughput(largePack);
    if (wants('lint')) lintScaling(packs);
    if (wants('facts')) unknownFacts(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
