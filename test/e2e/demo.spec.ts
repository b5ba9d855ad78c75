import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runTour } from '../../scripts/tour.ts';
import { expect, test } from './fixtures.ts';

// The demo (`npm start`, scripts/demo.ts) prints what the overlay shows and photographs each
// page. Its tour runs here in-process on a few pages; the fixtures' browser is not used.

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Width and height of a PNG file (its IHDR chunk), or throws when it is not one. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the tour prints each page as a partner sees it and writes its screenshot', async () => {
  const testInfo = test.info();
  const outDir = testInfo.outputPath('demo');
  const lines: string[] = [];
  const report = await runTour({
    outDir,
    langs: ['en'],
    flows: ['overview', 'reseller.join', 'invoice.request'],
    log: (line) => lines.push(line),
  });
  const text = lines.join('\n');
  await testInfo.attach('demo.txt', { body: text, contentType: 'text/plain' });

  expect(report.failed).toBe(0);
  expect(text).not.toContain('FAILED');
  // The demo account is frozen for arrears and not yet an HCPN partner.
  expect(text).toContain('[1/3] overview (en) — Overview');
  expect(text).toMatch(/^ {4}✗ fail +Apply for the Cloud Reseller Program {2}\[reseller\.join\]$/m);
  expect(text).toMatch(/^ {4}✓ pass +Join the Huawei Cloud Partner Network {2}\[hcpn\.join\]$/m);
  expect(text).toContain('[2/3] reseller.join (en) — Apply for the Cloud Reseller Program');
  expect(text).toMatch(
    /^ {4}✗ fail +The account is not frozen {2}\[reseller\.join\.not-frozen\]$/m,
  );
  expect(text).toMatch(/^ +Account status: Frozen \(arrears\)\. Pay what you owe/m);
  expect(text).toMatch(/\[reseller\.join\.enterprise-verified\]$/m);
  // On the invoice form the tour chooses a paper VAT special invoice of ¥50.
  expect(text).toContain('typed: Invoice medium = Paper');
  expect(text).toMatch(/\[invoice\.request\.special-medium\]$/m);
  expect(text).toMatch(/^ {4}! .*\[invoice\.request\.special-medium\]$/m);
  expect(text).toMatch(/^ {4}! .*The amount is ¥50\.00.*\[invoice\.request\.paper-freight\]$/m);

  const shots = report.pages.map((p) => p.screenshot ?? '');
  expect(shots.map((s) => path.basename(s))).toEqual([
    '01-overview.en.png',
    '02-reseller.join.en.png',
    '03-invoice.request.en.png',
  ]);
  for (const shot of shots) {
    expect(text).toContain(`screenshot: ${path.basename(shot)}`);
    const { width, height } = pngSize(shot);
    expect(width).toBe(1280);
    // The whole page: the invoice form runs below the fold.
    expect(height).toBeGreaterThanOrEqual(720);
  }
  expect(pngSize(shots[2] ?? '').height).toBeGreaterThan(720);
});

test('each page is photographed in English and in Chinese, side by side', async () => {
  const testInfo = test.info();
  const report = await runTour({
    outDir: testInfo.outputPath('demo'),
    langs: ['en', 'zh-CN'],
    flows: ['overview', 'funds.withdraw'],
    log: () => undefined,
  });
  expect(report.failed).toBe(0);
  expect(report.isChineseMissing).toBeUndefined();
  expect(report.pages.map((p) => path.basename(p.screenshot ?? ''))).toEqual([
    '01-overview.en.png',
    '01-overview.zh-CN.png',
    '02-funds.withdraw.en.png',
    '02-funds.withdraw.zh-CN.png',
  ]);
  const zh = report.pages.find((p) => p.lang === 'zh-CN' && p.flow === 'funds.withdraw');
  // The money in a Chinese message reads as the page writes it.
  expect(zh?.checklist.map((i) => i.message).join('\n')).toContain('¥1,200.00');
});

test('without a font that draws Chinese the demo leaves zh-CN out, says what to install, exits 1', async () => {
  const dir = test.info().outputPath('no-fonts');
  mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'fonts.conf');
  writeFileSync(config, `<?xml version="1.0"?>\n<fontconfig><dir>${dir}</dir></fontconfig>\n`);
  const result = await promisify(execFile)(
    'npx',
    ['tsx', 'scripts/demo.ts', '--headless', '--lang', 'zh-CN', '--out', path.join(dir, 'out')],
    { cwd: ROOT, env: { ...process.env, FONTCONFIG_FILE: config } },
  ).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => error,
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('no zh-CN screenshots were written');
  expect(result.stderr).toContain('apt-get install -y fonts-noto-cjk');
});

test('a page without the overlay is reported and the tour goes on', async () => {
  const testInfo = test.info();
  const lines: string[] = [];
  const report = await runTour({
    outDir: testInfo.outputPath('demo'),
    flows: ['overview', 'hcpn.join'],
    withExtension: false,
    overlayTimeoutMs: 1_500,
    log: (line) => lines.push(line),
  });
  const text = lines.join('\n');
  expect(report.failed).toBe(2);
  expect(text).toContain('[2/2] hcpn.join (en)');
  expect(text.match(/✗ FAILED: the overlay did not show within 1\.5 s/g)).toHaveLength(2);
  // The screenshot shows the page as it was, to see why.
  for (const page of report.pages) expect(existsSync(page.screenshot ?? '')).toBe(true);
});

test('the demo says how to install Chromium when it is missing, and exits 1', async () => {
  const result = await promisify(execFile)('npx', ['tsx', 'scripts/demo.ts'], {
    cwd: ROOT,
    env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
  }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => error,
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('No Chromium at /nonexistent/chromium');
  expect(result.stderr).toContain('apt-get install -y chromium');
});
