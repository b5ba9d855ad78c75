import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  DEMO_CASES,
  DEMO_RULES,
  policylensProcess,
  removeTempDirs,
  tempDir,
  type Run,
} from './helpers.ts';

// What the CLI reads: only regular files, through links only when they stay inside the rule
// pack, at most 16 MiB, UTF-8 only. What it writes: the catalogue, never through a link.
// Each problem is one line and exit 1 or 2, never a stack trace.

afterAll(removeTempDirs);

const MIB = 1024 * 1024;
const SECRET = 'SECRET_TOKEN=hunter2-do-not-print';

/** One line on standard error, the exit code given, nothing on standard output. */
function expectOneLineError(run: Run, code: 1 | 2, text: string | RegExp): void {
  expect(run.out).toBe('');
  expect(run.code).toBe(code);
  expect(run.err).not.toMatch(/^\s+at /m);
  expect(run.err.split('\n')).toHaveLength(2);
  expect(run.err).toMatch(text);
}

/** What `validate` printed, every line; it must name the file and not its content. */
function validateLines(run: Run): string[] {
  return (run.out + run.err).split('\n').filter(Boolean);
}

const evalArgs = (rules: string, facts: string) => [
  'eval',
  '--rules',
  rules,
  '--flow',
  'demo.flow',
  '--at',
  '2025-01-01',
  '--facts',
  facts,
];

let outside: string;
let secretFile: string;

beforeAll(() => {
  outside = tempDir({ 'secret.yaml': `${SECRET}\n` }, false);
  secretFile = join(outside, 'secret.yaml');
});

describe('reading a rule pack: links, FIFOs, devices, sizes', { timeout: 60_000 }, () => {
  it('does not follow a link that leaves the pack, and prints none of what it points at', async () => {
    const pack = tempDir({ 'demo/flow.yaml': DEMO_RULES });
    symlinkSync(secretFile, join(pack, 'demo/leak.yaml'));
    symlinkSync('/proc/self/environ', join(pack, 'demo/environ.yaml'));
    const run = await cli('validate', pack);
    expect(run.code).toBe(1);
    expect(validateLines(run)).toEqual([
      expect.stringMatching(
        /demo\/environ\.yaml:1:1: error: a symbolic link to \/proc\/\d+\/environ, outside the rule pack .*: not followed$/,
      ),
      expect.stringMatching(
        /demo\/leak\.yaml:1:1: error: a symbolic link to .*secret\.yaml, outside the rule pack .*: not followed$/,
      ),
      '4 files checked: 2 errors, 0 warnings',
    ]);
    expect(run.out + run.err).not.toContain('hunter2');
    expect(run.out + run.err).not.toContain(process.env.PATH!);
  });

  it('follows a link that stays inside the pack', async () => {
    const pack = tempDir({ '.shared/flow.yaml': DEMO_RULES });
    mkdirSync(join(pack, 'demo'));
    symlinkSync('../.shared/flow.yaml', join(pack, 'demo/flow.yaml'));
    const run = await cli('validate', pack);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
  });

  it('refuses a dangling link, a link that loops, and links to folders, each at its name', async () => {
    const pack = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'shared/readme.txt': 'x' });
    symlinkSync('nowhere.yaml', join(pack, 'demo/dangling.yaml'));
    symlinkSync('loop.yaml', join(pack, 'demo/loop.yaml'));
    symlinkSync('../shared', join(pack, 'demo/folder.yaml'));
    symlinkSync('../shared', join(pack, 'demo/more-rules'));
    const run = await cli('validate', pack);
    expect(run.code).toBe(1);
    expect(run.err).not.toMatch(/^\s+at /m);
    expect(validateLines(run)).toEqual([
      expect.stringMatching(
        /demo\/dangling\.yaml:1:1: error: a symbolic link to nothing \(its target does not exist\)$/,
      ),
      expect.stringMatching(/demo\/folder\.yaml:1:1: error: a folder, not a regular file$/),
      expect.stringMatching(/demo\/loop\.yaml:1:1: error: a symbolic link that loops$/),
      expect.stringMatching(
        /demo\/more-rules:1:1: error: a symbolic link to a folder: not followed; move the files into the rule pack instead$/,
      ),
      '6 files checked: 4 errors, 0 warnings',
    ]);
  });

  it('does not wait on a FIFO named like a rule file', () => {
    const pack = tempDir({ 'demo/flow.yaml': DEMO_RULES });
    execFileSync('mkfifo', [join(pack, 'demo/pipe.yaml')]);
    const run = policylensProcess(['validate', pack]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /demo\/pipe\.yaml:1:1: error: a FIFO \(named pipe\), not a regular file\n/,
    );
  });

  it('refuses a rule file larger than 16 MiB without reading it', async () => {
    const pack = tempDir({ 'demo/flow.yaml': DEMO_RULES, 'demo/huge.yaml': '' });
    truncateSync(join(pack, 'demo/huge.yaml'), 16 * MIB + 1);
    const run = await cli('validate', pack);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /demo\/huge\.yaml:1:1: error: 16777217 bytes, larger than 16 MiB, the most PolicyLens reads\n/,
    );
  });

  it('a pack with a file it cannot read does not load: test and eval refuse it', async () => {
    const pack = tempDir({ 'demo/flow.cases.yaml': DEMO_CASES });
    symlinkSync(secretFile, join(pack, 'demo/flow.yaml'));
    const facts = join(tempDir({ 'f.json': '{}' }, false), 'f.json');
    for (const run of [await cli(...evalArgs(pack, facts)), await cli('test', pack)]) {
      expect(run.code).toBe(1);
      expect(run.out).toBe('');
      expect(run.err).toMatch(
        /demo\/flow\.yaml:1:1: error: a symbolic link to .*secret\.yaml, outside/,
      );
      expect(run.err).not.toContain('hunter2');
    }
  });
});

describe('reading a facts file: --facts', { timeout: 60_000 }, () => {
  let pack: string;
  beforeAll(() => {
    pack = tempDir({ 'demo/flow.yaml': DEMO_RULES });
  });

  it('refuses a folder, a device and a FIFO with one line and exit 2', async () => {
    expectOneLineError(
      await cli(...evalArgs(pack, pack)),
      2,
      `policylens eval: --facts ${pack}: a folder, not a regular file\n`,
    );
    expectOneLineError(
      await cli(...evalArgs(pack, '/dev/zero')),
      2,
      'policylens eval: --facts /dev/zero: a character device, not a regular file (for standard input, give --facts -)\n',
    );
    const fifo = join(tempDir({}, false), 'facts.json');
    execFileSync('mkfifo', [fifo]);
    const run = policylensProcess(evalArgs(pack, fifo));
    expect(run.signal).toBeNull();
    expectOneLineError(run, 2, /--facts .*facts\.json: a FIFO \(named pipe\), not a regular file/);
  });

  it('refuses a missing file and a path under a file', async () => {
    expectOneLineError(
      await cli(...evalArgs(pack, join(pack, 'none.json'))),
      2,
      /--facts .*none\.json: no such file or folder\n$/,
    );
    expectOneLineError(
      await cli(...evalArgs(pack, join(pack, 'facts.yaml', 'x.json'))),
      2,
      /--facts .*facts\.yaml\/x\.json: a part of the path is a file, not a folder\n$/,
    );
  });

  it('refuses a facts file over 16 MiB, and standard input over 16 MiB', () => {
    const dir = tempDir({ 'big.json': '' }, false);
    truncateSync(join(dir, 'big.json'), 17 * MIB);
    const file = policylensProcess(evalArgs(pack, join(dir, 'big.json')));
    expectOneLineError(
      file,
      1,
      /big\.json:1:1: error: 17825792 bytes, larger than 16 MiB, the most PolicyLens reads\n$/,
    );
    const stdin = policylensProcess(evalArgs(pack, '-'), {
      input: Buffer.alloc(17 * MIB, 0x20),
    });
    expectOneLineError(
      stdin,
      1,
      '<stdin>:1:1: error: larger than 16 MiB, the most PolicyLens reads\n',
    );
  });

  it('a link to a file is read: a facts file is named by the user, not found in a pack', async () => {
    const dir = tempDir({ 'real.json': '{"account": {"freeze": "none"}}' }, false);
    symlinkSync(join(dir, 'real.json'), join(dir, 'link.json'));
    const run = await cli(...evalArgs(pack, join(dir, 'link.json')), '--format', 'json');
    expect(run.err).toBe('');
    expect(JSON.parse(run.out).results[0].status).toBe('pass');
  });
});

describe('a saved page: pages check FILE', { timeout: 60_000 }, () => {
  it('refuses a device, a folder and a file not in UTF-8 with one line', async () => {
    const url = 'https://account.huaweicloud.com/obmgr/#/obmgr/overview';
    const check = (file: string) => cli('pages', 'check', file, '--url', url);
    expectOneLineError(
      await check('/dev/zero'),
      2,
      'policylens pages: FILE /dev/zero: a character device, not a regular file\n',
    );
    const dir = tempDir({}, false);
    expectOneLineError(
      await check(dir),
      2,
      `policylens pages: FILE ${dir}: a folder, not a regular file\n`,
    );
    writeFileSync(join(dir, 'gbk.html'), Buffer.from([0x3c, 0x70, 0x3e, 0xd1, 0xdd]));
    expectOneLineError(await check(join(dir, 'gbk.html')), 1, /gbk\.html:1:4: error: not UTF-8/);
  });
});

describe('configuration: lint --config', { timeout: 60_000 }, () => {
  it('refuses a folder or a device with one line and exit 2', async () => {
    const pack = tempDir({ 'demo/flow.yaml': DEMO_RULES });
    expectOneLineError(
      await cli('lint', pack, '--config', pack),
      2,
      `policylens lint: --config ${pack}: a folder, not a regular file\n`,
    );
    expectOneLineError(
      await cli('lint', pack, '--config', '/dev/zero'),
      2,
      'policylens lint: --config /dev/zero: a character device, not a regular file\n',
    );
  });

  it('does not follow a .policylens.yaml found beside the rules out of its folder', async () => {
    const repo = tempDir({ 'rules/demo/flow.yaml': DEMO_RULES, 'package.json': '{}' }, false);
    writeFileSync(join(repo, 'rules/facts.yaml'), readFileSync(join(tempDir({}), 'facts.yaml')));
    symlinkSync(secretFile, join(repo, '.policylens.yaml'));
    const run = await cli('lint', join(repo, 'rules'));
    expectOneLineError(
      run,
      2,
      /^policylens lint: .*\.policylens\.yaml: a symbolic link to .*secret\.yaml, outside the rule pack .*: not followed\n$/,
    );
    expect(run.err).not.toContain('hunter2');
  });
});

describe('encodings', { timeout: 60_000 }, () => {
  // "演示" in GBK: bytes that are not UTF-8.
  const GBK = Buffer.from([0xd1, 0xdd, 0xca, 0xbe]);

  it('a rule file in GBK is an error at the line and column of the first bad bytes', async () => {
    const pack = tempDir({});
    mkdirSync(join(pack, 'demo'));
    writeFileSync(
      join(pack, 'demo/flow.yaml'),
      Buffer.concat([
        Buffer.from('flow: demo.flow\ntitle: { zh-CN: '),
        GBK,
        Buffer.from(', en: Demo }\nrules: []\n'),
      ]),
    );
    const run = await cli('validate', pack);
    expect(run.code).toBe(1);
    expect(validateLines(run)).toEqual([
      expect.stringMatching(
        /demo\/flow\.yaml:2:17: error: not UTF-8: bytes D1 DD CA BE … are not UTF-8 text \(GBK or another legacy encoding\?\); save the file as UTF-8$/,
      ),
      '2 files checked: 1 error, 0 warnings',
    ]);
    expect(run.out).not.toContain('\ufffd');
  });

  it('a facts file in GBK is an error at its line; one in UTF-16 says so', async () => {
    const pack = tempDir({ 'demo/flow.yaml': DEMO_RULES });
    const dir = tempDir({}, false);
    writeFileSync(
      join(dir, 'gbk.json'),
      Buffer.concat([
        Buffer.from('{\n  "account": {\n    "name": "'),
        GBK,
        Buffer.from('"\n  }\n}'),
      ]),
    );
    expectOneLineError(
      await cli(...evalArgs(pack, join(dir, 'gbk.json'))),
      1,
      /gbk\.json:3:14: error: not UTF-8: bytes D1 DD CA BE/,
    );
    writeFileSync(
      join(dir, 'utf16.json'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')]),
    );
    expectOneLineError(
      await cli(...evalArgs(pack, join(dir, 'utf16.json'))),
      1,
      /utf16\.json:1:1: error: the file is UTF-16 \(it starts with a UTF-16 byte order mark\); save it as UTF-8\n$/,
    );
  });

  it('a byte order mark is accepted in facts files (JSON and YAML) and rule files, columns unchanged', async () => {
    const BOM = '\ufeff';
    // The flow id on the first line is wrong: its column is counted without the mark.
    const pack = tempDir({
      'demo/flow.yaml': BOM + DEMO_RULES.replace('flow: demo.flow', 'flow: Demo.flow'),
    });
    const invalid = await cli('validate', pack);
    expect(invalid.out).toMatch(/demo\/flow\.yaml:1:7: error: flow: expected /);

    const good = tempDir({ 'demo/flow.yaml': BOM + DEMO_RULES });
    const dir = tempDir(
      {
        'facts.json': `${BOM}{"account": {"freeze": "arrears"}}`,
        'facts.yaml': `${BOM}account:\n  freeze: arrears\n`,
        'bad.json': `${BOM}{"account": {"freeze": "frozen"}}`,
      },
      false,
    );
    for (const name of ['facts.json', 'facts.yaml']) {
      const run = await cli(...evalArgs(good, join(dir, name)), '--format', 'json');
      expect(run.err).toBe('');
      expect(JSON.parse(run.out).results[0].status).toBe('fail');
    }
    // Column 24 is where "frozen" starts as an editor shows the line, without the mark.
    expectOneLineError(
      await cli(...evalArgs(good, join(dir, 'bad.json'))),
      1,
      /bad\.json:1:24: error: fact "account\.freeze": expected one of/,
    );
  });

  it('duplicate keys in a JSON facts file are an error at the second one, as in YAML', async () => {
    const pack = tempDir({ 'demo/flow.yaml': DEMO_RULES });
    const dir = tempDir(
      {
        'top.json': '{"account": {"freeze": "none"},\n "account": {"freeze": "arrears"}}',
        'nested.json': '{"account": {\n  "freeze": "none",\n  "freeze": "arrears"\n}}',
        'dup.yaml': 'account:\n  freeze: none\n  freeze: arrears\n',
      },
      false,
    );
    expectOneLineError(
      await cli(...evalArgs(pack, join(dir, 'top.json'))),
      1,
      /top\.json:2:2: error: duplicate key "account" \(first at line 1\); keys must be unique\n$/,
    );
    expectOneLineError(
      await cli(...evalArgs(pack, join(dir, 'nested.json'))),
      1,
      /nested\.json:3:3: error: duplicate key "freeze" \(first at line 2\); keys must be unique\n$/,
    );
    expectOneLineError(
      await cli(...evalArgs(pack, join(dir, 'dup.yaml'))),
      1,
      /dup\.yaml:3:3: error: invalid YAML: duplicate key "freeze" \(first at line 2\); keys must be unique\n$/,
    );
  });

  it('a facts file may be YAML, with file:line:col for each problem; standard input too', async () => {
    const pack = tempDir({ 'demo/flow.yaml': DEMO_RULES });
    const dir = tempDir(
      {
        'facts.yml': 'account:\n  freeze: frozen\n  nickname: x\n',
      },
      false,
    );
    const run = await cli(...evalArgs(pack, join(dir, 'facts.yml')));
    expect(run.code).toBe(1);
    expect(run.err.split('\n')).toEqual([
      expect.stringMatching(
        /facts\.yml:2:11: error: fact "account\.freeze": expected one of none, closure, arrears, police, violation, other, found "frozen"$/,
      ),
      expect.stringMatching(/facts\.yml:3:3: warning: unknown fact "account\.nickname"/),
      '',
    ]);
    const stdin = policylensProcess([...evalArgs(pack, '-'), '--format', 'json'], {
      input: 'account:\n  freeze: arrears\n',
    });
    expect(stdin.err).toBe('');
    expect(JSON.parse(stdin.out).results[0].status).toBe('fail');
  });
});

describe('docs --out: new files renamed into place, no links followed', { timeout: 60_000 }, () => {
  let pack: string;
  beforeAll(() => {
    pack = tempDir({ 'demo/flow.yaml': DEMO_RULES });
  });
  const docs = (out: string) => cli('docs', pack, '--out', out);

  it('refuses an empty --out, a file, /dev/null and a path under a file, writing nothing', async () => {
    const dir = tempDir({ 'notes.txt': 'mine\n' }, false);
    const file = join(dir, 'notes.txt');
    expectOneLineError(
      await docs(''),
      2,
      'policylens docs: --out must name a folder, not be empty\n',
    );
    expectOneLineError(
      await docs(file),
      2,
      `policylens docs: --out ${file} exists and is not a folder\n`,
    );
    expectOneLineError(
      await docs('/dev/null'),
      2,
      'policylens docs: --out /dev/null exists and is not a folder\n',
    );
    expectOneLineError(
      await docs(join(file, 'catalogue')),
      2,
      `policylens docs: --out ${join(file, 'catalogue')}: a part of the path is a file, not a folder\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('writes a new folder, and rewrites its own catalogue, leaving no temporary files', async () => {
    const out = join(tempDir({}, false), 'catalogue');
    const first = await docs(out);
    expect(first.err).toBe('');
    expect(first.out).toBe(`wrote the rule catalogue to ${out}/: 3 files, 3 changed\n`);
    expect(readdirSync(out).sort()).toEqual(['README.md', 'demo.flow.md', 'index.html']);
    writeFileSync(join(out, 'demo.flow.md'), '<!-- Generated by `policylens docs` -->\nold\n');
    const second = await docs(out);
    expect(second.out).toBe(`wrote the rule catalogue to ${out}/: 3 files, 1 changed\n`);
    expect(readdirSync(out).sort()).toEqual(['README.md', 'demo.flow.md', 'index.html']);
  });

  it('refuses a folder holding a link planted at a catalogue name; the target stays as it was', async () => {
    const out = join(tempDir({}, false), 'catalogue');
    await docs(out);
    const victim = join(tempDir({ 'victim.txt': 'keep me\n' }, false), 'victim.txt');
    const readme = join(out, 'README.md');
    execFileSync('rm', [readme]);
    symlinkSync(victim, readme);
    const run = await docs(out);
    expectOneLineError(
      run,
      2,
      `policylens docs: --out ${out} holds files the catalogue did not write ("README.md (a symbolic link)"): refusing to write there; choose a new or empty folder, or move them\n`,
    );
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
  });

  it('refuses an output folder that is a link, or holds files someone else wrote', async () => {
    const real = tempDir({ 'keep.txt': 'x\n' }, false);
    const link = join(tempDir({}, false), 'out');
    symlinkSync(real, link);
    expectOneLineError(
      await docs(link),
      2,
      `policylens docs: --out ${link} is a symbolic link: not followed; give the folder itself\n`,
    );
    expectOneLineError(
      await docs(real),
      2,
      `policylens docs: --out ${real} holds files the catalogue did not write ("keep.txt"): refusing to write there; choose a new or empty folder, or move them\n`,
    );
    expect(readdirSync(real)).toEqual(['keep.txt']);
    const handWritten = tempDir({ 'README.md': '# Our own notes\n' }, false);
    expectOneLineError(
      await docs(handWritten),
      2,
      /holds files the catalogue did not write \("README\.md"\)/,
    );
    expect(readFileSync(join(handWritten, 'README.md'), 'utf8')).toBe('# Our own notes\n');
    expect(existsSync(join(handWritten, 'index.html'))).toBe(false);
  });
});
