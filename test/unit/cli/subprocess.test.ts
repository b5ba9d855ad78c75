import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FACTS_TEXT, REPO } from '../engine/helpers.ts';
import { DEMO_CASES, DEMO_RULES, policylens, removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/**
 * Runs node with the given arguments on a computer in another time zone (TZ) at a fixed
 * moment (an ISO instant), as a partner in America would in the evening.
 */
function nodeAt(zone: string, instant: string, args: string[], input = '') {
  const clock = pathToFileURL(join(REPO, 'test/unit/cli/fixed-clock.mjs')).href;
  const run = spawnSync(process.execPath, ['--import', clock, ...args], {
    cwd: REPO,
    input,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, TZ: zone, FIXED_NOW: instant, POLICYLENS_CACHE: 'off' },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

function policylensAt(zone: string, instant: string, args: string[], input = '') {
  return nodeAt(zone, instant, [join(REPO, 'dist/policylens.js'), ...args], input);
}

describe(
  'today is the date in China, whatever the computer’s time zone',
  { timeout: 120_000 },
  () => {
    const paperSpecialInvoice = JSON.stringify({
      partner: { contractEntity: 'hcc' },
      form: { invoice: { type: 'vat-special', medium: 'paper' } },
    });
    const evalInvoice = (instant: string) =>
      policylensAt(
        'America/Los_Angeles',
        instant,
        ['eval', '--flow', 'invoice.request', '--facts', '-', '--lang', 'en', '--format', 'json'],
        paperSpecialInvoice,
      );
    const specialMedium = (run: { out: string }) =>
      (JSON.parse(run.out) as { results: { rule: string; status: string }[] }).results.find(
        (r) => r.rule === 'invoice.request.special-medium',
      )!.status;

    it('on 29 November at 18:00 in Los Angeles it is already 30 November in China', () => {
      // The computer's own calendar still says the 29th.
      const local = nodeAt('America/Los_Angeles', '2024-11-29T18:00:00-08:00', [
        '-e',
        'process.stdout.write(new Date().toLocaleDateString("en-CA"))',
      ]);
      expect(local.out).toBe('2024-11-29');
      const run = evalInvoice('2024-11-29T18:00:00-08:00');
      expect(run.err).toBe('');
      expect(JSON.parse(run.out).at).toBe('2024-11-30');
      // From 30 November a special invoice with HCC is fully digital only: paper is refused.
      expect(specialMedium(run)).toBe('fail');
    });

    it('at 07:00 in Los Angeles on 29 November it is still the 29th in China', () => {
      const run = evalInvoice('2024-11-29T07:00:00-08:00');
      expect(JSON.parse(run.out).at).toBe('2024-11-29');
      expect(specialMedium(run)).toBe('pass');
    });

    it('the checklist names the date it used, and says it is today in China', () => {
      const run = policylensAt(
        'America/Los_Angeles',
        '2025-01-03T18:00:00-08:00',
        ['eval', '--flow', 'invoice.request', '--facts', '-', '--lang', 'en'],
        JSON.stringify({ form: { invoice: { mode: 'by-period', period: '2024-12' } } }),
      );
      expect(run.err).toBe('');
      const [head] = run.out.split('\n');
      expect(head).toBe(
        'invoice.request — Request an invoice from Huawei Cloud (2025-01-04, today in China (Asia/Shanghai), en)',
      );
      // 4 January in China: last month's period is open (it would not be on the 3rd).
      expect(run.out).toMatch(/\[pass\] +block .*\(invoice\.request\.previous-period-after-3rd\)/);
    });
  },
);

describe('the policylens executable', { timeout: 120_000 }, () => {
  it('--version prints the version of package.json, and each command has its --help', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(policylens(['--version'])).toEqual({ code: 0, out: `policylens ${version}\n`, err: '' });
    for (const command of ['validate', 'eval', 'test', 'lint', 'diff', 'docs']) {
      const run = policylens([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.out).toMatch(new RegExp(`^Usage: policylens ${command}`));
    }
  });

  it('evaluates facts from standard input (--facts -) and prints JSON', () => {
    const facts = JSON.stringify({
      account: {
        realName: { status: 'verified', type: 'enterprise' },
        freeze: 'arrears',
        linkedTier1Distributor: false,
      },
      partner: {
        hcpn: { status: 'none' },
        programs: { solutionProvider: 'none', reseller: 'none', coExpansion: 'none' },
      },
    });
    const run = policylens(
      [
        'eval',
        '--flow',
        'reseller.join',
        '--facts',
        '-',
        '--at',
        '2025-06-16',
        '--format',
        'json',
        '--lang',
        'en',
      ],
      facts,
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.out);
    expect(output.flow).toBe('reseller.join');
    expect(output.results.map((r: { status: string }) => r.status)).toEqual([
      'pass',
      'fail',
      'pass',
      'pass',
      'pass',
    ]);
    expect(output.results[1].message).toContain(
      'Account status: Frozen (arrears). Pay what you owe in Billing Center',
    );
  });

  it('points at the error in non-JSON standard input and exits 1', () => {
    const run = policylens(
      ['eval', '--flow', 'reseller.join', '--facts', '-'],
      '{"account": {"freeze": none}}',
    );
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toBe("<stdin>:1:25: error: not valid JSON: Unexpected token 'o'\n");
  });

  it('exits 2 for an unknown flow', () => {
    const run = policylens(['eval', '--flow', 'nope', '--facts', '-'], '{}');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^policylens eval: unknown flow "nope"; valid flows: .*reseller\.join/);
  });

  it('validates a pack and runs its cases with the exit codes CI relies on', () => {
    const good = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'demo/flow.cases.yaml': DEMO_CASES });
    expect(policylens(['validate', good])).toMatchObject({ code: 0, err: '' });
    expect(policylens(['test', good, '--min-coverage', '100'])).toMatchObject({ code: 0, err: '' });
    const bad = tempDir({
      'demo/flow.yaml': DEMO_RULES,
      'demo/flow.cases.yaml': DEMO_CASES.replace('demo.flow.email: fail', 'demo.flow.email: pass'),
    });
    const run = policylens(['test', bad]);
    expect(run.code).toBe(1);
    expect(run.out).toContain('demo.flow.email: expected pass, got fail');
  });
});

describe('the compiled-pack cache of policylens eval', { timeout: 120_000 }, () => {
  const factsJson = JSON.stringify({ account: { freeze: 'arrears' } });
  const evalDemo = (rules: string, options?: Parameters<typeof policylens>[2]) =>
    policylens(
      ['eval', '--rules', rules, '--flow', 'demo.flow', '--facts', '-', '--lang', 'en'],
      factsJson,
      options,
    );

  it('gives the same answer from the cache, and a new one as soon as a rule changes', () => {
    const cache = tempDir({}, false);
    const rules = tempDir({ 'demo/flow.yaml': DEMO_RULES });
    const before = filesUnder(rules);
    const kinds = () => filesUnder(cache).map((f) => f.replace(/-[0-9a-f]{64}\.json$/, ''));
    const first = evalDemo(rules, { env: { POLICYLENS_CACHE_DIR: cache } });
    expect(first).toMatchObject({ code: 0, err: '' });
    // The compiled flow, and the parsed vocabulary on its own.
    expect(kinds()).toEqual(['facts', 'pack']);
    expect(evalDemo(rules, { env: { POLICYLENS_CACHE_DIR: cache } })).toEqual(first);

    const path = join(rules, 'demo/flow.yaml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('en: The account is {', 'en: The account is now {'),
    );
    const changed = evalDemo(rules, { env: { POLICYLENS_CACHE_DIR: cache } });
    expect(changed.out).toContain('The account is now Frozen (arrears).');
    // The vocabulary did not change: it was read from the cache, not parsed and kept again.
    expect(kinds()).toEqual(['facts', 'pack', 'pack']);
    // Nothing was written beside the rules.
    expect(filesUnder(rules)).toEqual(before);
  });

  it('ignores an entry it cannot read, and never keeps rules with errors', () => {
    const cache = tempDir({}, false);
    const rules = tempDir({ 'demo/flow.yaml': DEMO_RULES });
    const good = evalDemo(rules, { env: { POLICYLENS_CACHE_DIR: cache } });
    for (const name of filesUnder(cache)) writeFileSync(join(cache, name), '{"key": "tru');
    expect(evalDemo(rules, { env: { POLICYLENS_CACHE_DIR: cache } })).toEqual(good);

    const broken = tempDir({ 'demo/flow.yaml': DEMO_RULES.replace('value: none', 'value: nope') });
    const empty = tempDir({}, false);
    for (let i = 0; i < 2; i++) {
      const run = evalDemo(broken, { env: { POLICYLENS_CACHE_DIR: empty } });
      expect(run.code).toBe(1);
      expect(run.err).toContain('found "nope"');
    }
    expect(filesUnder(empty)).toEqual([]);
  });

  it('lives in node_modules/.cache/policylens above the rules, and POLICYLENS_CACHE=off turns it off', () => {
    const project = tempDir(
      { 'rules/facts.yaml': FACTS_TEXT, 'rules/demo/flow.yaml': DEMO_RULES },
      false,
    );
    mkdirSync(join(project, 'node_modules'));
    const rules = join(project, 'rules');
    expect(evalDemo(rules, { env: { POLICYLENS_CACHE: 'off' } }).code).toBe(0);
    expect(filesUnder(join(project, 'node_modules'))).toEqual([]);
    expect(evalDemo(rules, { env: {} }).code).toBe(0);
    expect(filesUnder(join(project, 'node_modules'))).toEqual([
      expect.stringMatching(/^\.cache\/policylens\/facts-[0-9a-f]{64}\.json$/),
      expect.stringMatching(/^\.cache\/policylens\/pack-[0-9a-f]{64}\.json$/),
    ]);
    expect(filesUnder(rules)).toEqual(['demo/flow.yaml', 'facts.yaml']);
  });
});
