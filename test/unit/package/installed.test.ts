import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, RULES_DIR } from '../engine/helpers.ts';

// The package as a user gets it: `npm pack`, then installed into an empty project with no
// network (`--offline`), imported there, its bin run there.
// dist/ was built, with its type declarations, before the tests (test/build-package.setup.ts).

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let tarball: string;
let project: string;

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'policylens-package-'));
  // dist/ is built already: --ignore-scripts keeps `prepare` from building it again.
  const packed = JSON.parse(
    execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: REPO,
      encoding: 'utf8',
    }),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0]!.filename);
  // With no registry to ask, the runtime dependencies come as tarballs too, packed from this
  // repository's node_modules (npm ci installed them): the same versions a registry serves.
  const dependencies = execFileSync(NPM, ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: REPO,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .slice(1)
    .map((dir) => {
      const [one] = JSON.parse(
        execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work, dir], {
          encoding: 'utf8',
        }),
      ) as { filename: string }[];
      return join(work, one!.filename);
    });
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'uses-policylens', private: true, type: 'module' }),
  );
  const install = run(
    NPM,
    [
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      tarball,
      ...dependencies,
    ],
    project,
  );
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.err}`);
  // The user's own rule pack: a copy of this repository's.
  cpSync(RULES_DIR, join(project, 'rules'), { recursive: true });
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', { timeout: 120_000 }, () => {
  it('holds the build and nothing else of the repository', () => {
    const listed = JSON.parse(
      execFileSync(NPM, ['pack', '--json', '--dry-run', '--ignore-scripts'], {
        cwd: REPO,
        encoding: 'utf8',
      }),
    ) as { files: { path: string }[] }[];
    const files = listed[0]!.files.map((f) => f.path).sort();
    expect(files.filter((f) => !f.startsWith('dist/'))).toEqual(['README.md', 'package.json']);
    expect(files).toContain('dist/policylens.js');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/types/cli/api.d.ts');
    expect(files).toContain('dist/schema/rules.schema.json');
    expect(files).toContain('dist/THIRD-PARTY-NOTICES.md');
    // No sources, tests, rules, fixtures or maps of them.
    expect(files.filter((f) => /\.(ts|tsx|map|yaml)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    // Everything the code needs is bundled but happy-dom, which only `pages check` loads.
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['happy-dom']);
  });

  it("runs the README's example against the user's own rules", () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Using PolicyLens as a package'));
    const example = /```js\n([\s\S]*?)```/.exec(section)![1]!;
    writeFileSync(join(project, 'example.mjs'), example);
    const result = run(process.execPath, ['example.mjs'], project);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'fail     The account is not frozen — Not met. Expected: Account status is Normal (found: Frozen (arrears)).',
    );
    expect(result.out.trim().split('\n')).toHaveLength(5);
  });

  it('loads a pack from YAML text and from objects, and explains each result', () => {
    writeFileSync(
      join(project, 'objects.mjs'),
      `import { readFileSync } from 'node:fs';
import { loadPack, loadPackFromObjects, createEvaluator, formatChecklist, formatDiagnostic, summarizeEligibility } from 'policylens';
const facts = readFileSync('rules/facts.yaml', 'utf8');
const flow = readFileSync('rules/hcpn/join.yaml', 'utf8');
const fromText = loadPack([{ path: 'facts.yaml', text: facts }, { path: 'hcpn/join.yaml', text: flow }]);
const vocabulary = { facts: { 'account.email.bound': { type: 'boolean', description: { 'zh-CN': '已绑定邮箱', en: 'Email bound' } } } };
const rule = { id: 'demo.join.email', severity: 'block', source: 'seed L4', title: { 'zh-CN': '邮箱', en: 'Email' },
  message: { 'zh-CN': '请绑定邮箱。', en: 'Bind an email.' }, require: { fact: 'account.email.bound', operator: 'equal', value: true } };
const fromObjects = loadPackFromObjects({ facts: vocabulary, flows: [{ flow: 'demo.join', title: { 'zh-CN': '演示', en: 'Demo' }, rules: [rule] }] });
const broken = loadPackFromObjects({ facts: vocabulary, flows: [{ flow: 'demo.join', title: { 'zh-CN': '演示', en: 'Demo' }, rules: [{ ...rule, severity: 'urgent' }] }] });
const result = await createEvaluator(fromObjects.pack).evaluate('demo.join', { account: { email: { bound: false } } }, { at: '2025-06-16', lang: 'en' });
console.log(JSON.stringify({
  text: fromText.pack.flows.map((f) => f.id),
  status: result.results[0].status,
  reason: result.results[0].reason,
  eligibility: summarizeEligibility(result.results).status,
  broken: broken.pack === undefined,
  diagnostics: broken.diagnostics.map(formatDiagnostic),
}));
console.log(formatChecklist(result, 'Demo'));
`,
    );
    const result = run(process.execPath, ['objects.mjs'], project);
    expect(result.err).toBe('');
    const [json, ...checklist] = result.out.split('\n');
    expect(JSON.parse(json!)).toEqual({
      text: ['hcpn.join'],
      status: 'fail',
      reason: 'Not met. Expected: Email bound is yes (found: no).',
      eligibility: 'fail',
      broken: true,
      diagnostics: [
        'flows[0]: at rules[0].severity: error: rules[0].severity: expected one of block, warn, info, found "urgent"',
      ],
    });
    expect(checklist.join('\n')).toContain('[FAIL]    block Email  (demo.join.email)');
  });

  it('gives TypeScript its types: code that fits compiles, code that does not is refused', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['typed.ts'],
      }),
    );
    const typed = `import { readPack, createEvaluator, type FlowResult, type RuleResult, type Status } from 'policylens';
const { pack } = readPack('rules');
if (pack) {
  const result: FlowResult = await createEvaluator(pack).evaluate('hcpn.join', {}, { lang: 'en' });
  const first: RuleResult | undefined = result.results[0];
  const status: Status | undefined = first?.status;
  void status;
}
export {};
`;
    const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    writeFileSync(join(project, 'typed.ts'), typed);
    expect(run(process.execPath, [tsc, '-p', '.'], project)).toMatchObject({ code: 0, out: '' });
    // A wrong type, and a language the engine does not speak.
    writeFileSync(
      join(project, 'typed.ts'),
      `${typed}const wrong: number = (await createEvaluator(readPack().pack!).evaluate('x', {}, { lang: 'fr' })).flow;\n`,
    );
    const refused = run(process.execPath, [tsc, '-p', '.'], project);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain(`Type '"fr"' is not assignable to type`);
  });

  it('its policylens bin runs in the project, without the repository', () => {
    const bin = join(project, 'node_modules', '.bin', 'policylens');
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(run(bin, ['--version'], project)).toEqual({
      code: 0,
      out: `policylens ${version}\n`,
      err: '',
    });
    const validate = run(bin, ['validate'], project);
    expect(validate.code).toBe(0);
    expect(validate.out).toMatch(/^\d+ files checked: 0 errors, 0 warnings\n$/);
    writeFileSync(join(project, 'facts.json'), JSON.stringify({ account: { freeze: 'arrears' } }));
    const evaluated = run(
      bin,
      [
        'eval',
        '--flow',
        'reseller.join',
        '--facts',
        'facts.json',
        '--lang',
        'en',
        '--at',
        '2025-06-16',
      ],
      project,
    );
    expect(evaluated.err).toBe('');
    expect(evaluated.out).toContain('[FAIL]    block The account is not frozen');
    // happy-dom, installed beside it as its one dependency, is found when pages check runs.
    writeFileSync(
      join(project, 'page.html'),
      '<!doctype html><html lang="en"><body><div class="content"><h1>Overview</h1></div></body></html>',
    );
    const pages = run(
      bin,
      [
        'pages',
        'check',
        'page.html',
        '--url',
        'https://account.huaweicloud.com/obmgr/#/obmgr/index',
        '--format',
        'json',
      ],
      project,
    );
    expect(pages.err).toBe('');
    expect(JSON.parse(pages.out)).toMatchObject({ page: 'overview' });
    const tested = run(bin, ['test', '--format', 'junit'], project);
    expect(tested.code).toBe(0);
    expect(tested.out).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    // The compiled flow is cached in the project's node_modules, never beside the rules.
    const cached = readdirSync(join(project, 'node_modules', '.cache', 'policylens'));
    expect(cached.filter((f) => f.startsWith('pack-'))).toHaveLength(1);
    expect(readdirSync(join(project, 'rules')).sort()).toEqual(readdirSync(RULES_DIR).sort());
  });
});
