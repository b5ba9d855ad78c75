import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../engine/helpers.ts';
import { DEMO_CASES, DEMO_RULES, removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

/** Runs the real executable, as `npx policylens` would, with optional standard input. */
function policylens(args: string[], input = '') {
  const run = spawnSync(process.execPath, [join(REPO, 'cli/policylens.mjs'), ...args], {
    cwd: REPO,
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('the policylens executable', { timeout: 120_000 }, () => {
  it('evaluates facts from standard input (--facts -) and prints JSON', () => {
    const facts = JSON.stringify({
      account: {
        realName: { status: 'verified', type: 'enterprise' },
        freeze: 'arrears',
        linkedTier1Distributor: false,
      },
      partner: { hcpn: { status: 'none' }, programs: { solutionProvider: 'none' } },
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
    expect(output.results[1].message).toContain('The account is frozen for arrears.');
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
