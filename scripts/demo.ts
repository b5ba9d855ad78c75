// `npm start`: builds the extension (chrome), then tours the bundled mock partner center with
// it loaded, printing what a partner would see on each page and writing a screenshot of each.
// With a display, it then opens a browser window for a person to try.
//
//   tsx scripts/demo.ts [--out DIR] [--lang en|zh-CN|en,zh-CN] [--headless]

import path from 'node:path';
import { parseArgs } from 'node:util';
import { openFlow } from '../test/e2e/actions.ts';
import {
  CHROMIUM_PATH,
  EXTENSION_DIR,
  launchOnMockPartnerCenter,
  missingPrerequisites,
} from '../test/e2e/browser.ts';
import { LANGS, type Lang } from '../test/e2e/flows.ts';
import { CJK_FONT_FIX } from '../test/e2e/fonts.ts';
import { allowNamedFunctions, DEMO_ACCOUNT_SUMMARY, DEMO_STATE, runTour } from './tour.ts';

const USAGE = `Usage: npm start [-- --out DIR] [--lang en|zh-CN|en,zh-CN] [--headless]

Tours the mock Partner Center (test/fixtures/partner-center/, served at the real URLs) in
Debian's Chromium with the built extension: prints each page's checklist, eligibility and
inline warnings, and writes a screenshot of each page. With a display, it then opens a
browser window on the overview to try by hand.
Extension: ${path.relative(process.cwd(), EXTENSION_DIR)}

  --out DIR     where the screenshots go (default demo-output/)
  --lang LANGS  en, zh-CN, or both comma-separated (default both: each page's
                screenshot in English and in Chinese, side by side)
  --headless    do not open a window, even with a display
Environment: CHROMIUM_PATH (default /usr/bin/chromium), POLICYLENS_EXTENSION_DIR.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'demo-output' },
      lang: { type: 'string', default: 'en,zh-CN' },
      headless: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const langs = values.lang.split(',').map((l) => l.trim());
  const unknown = langs.filter((l) => !(LANGS as readonly string[]).includes(l));
  if (unknown.length > 0 || langs.length === 0) {
    console.error(`Unknown --lang ${unknown.join(', ')}: use ${LANGS.join(', ')}.\n\n${USAGE}`);
    return 2;
  }

  const missing = missingPrerequisites();
  if (missing.length > 0) {
    for (const problem of missing) console.error(problem);
    return 1;
  }

  const outDir = path.resolve(values.out);
  const hasDisplay = !process.env.CI && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const willOpenWindow = hasDisplay && !values.headless;
  console.log(
    `PolicyLens demo: the mock Partner Center with the extension loaded (${CHROMIUM_PATH})`,
  );
  console.log(`Account: ${DEMO_ACCOUNT_SUMMARY}`);
  console.log(`Screenshots: ${outDir}`);

  const report = await runTour({ outDir, langs: langs as Lang[] });
  const shown = report.pages.length - report.failed;
  console.log('');
  console.log(
    `${report.pages.length} pages toured: the overlay showed on ${shown}` +
      (report.failed > 0 ? `, FAILED on ${report.failed}` : '') +
      `. Screenshots in ${outDir}`,
  );
  if (report.isChineseMissing) {
    console.error(
      `No font draws Chinese here, so no zh-CN screenshots were written. ${CJK_FONT_FIX}`,
    );
  }
  const exitCode = report.failed > 0 || report.isChineseMissing ? 1 : 0;

  if (!willOpenWindow) {
    console.log(
      values.headless
        ? 'Headless run (--headless): no browser window opened.'
        : 'No display (DISPLAY and WAYLAND_DISPLAY unset, or CI): ran headless, no browser window opened.',
    );
    return exitCode;
  }
  await tryByHand(langs[0] as Lang).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.log(`Could not open a browser window (${reason}); the tour above ran headless.`);
  });
  return exitCode;
}

/** Opens a window on the overview with the extension, until it is closed or Ctrl-C. */
async function tryByHand(lang: Lang): Promise<void> {
  const { context, partnerCenter } = await launchOnMockPartnerCenter({ headless: false });
  await allowNamedFunctions(context);
  partnerCenter.setState(DEMO_STATE);
  const closed = new Promise<void>((resolve) => {
    context.on('close', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await openFlow(page, partnerCenter, 'overview', { lang });
  console.log('');
  console.log(
    'A Chromium window shows the mock Partner Center (at the real URLs, served from ' +
      'test/fixtures/partner-center/; nothing reaches the network) with PolicyLens loaded.',
  );
  console.log('Try the pages in its menu. Close the window or press Ctrl-C to end.');
  // A person closes the last tab: the window goes, the context stays. End then too.
  context.on('page', (p) =>
    p.on('close', () => context.pages().length === 0 && void context.close()),
  );
  page.on('close', () => context.pages().length === 0 && void context.close());
  await closed;
  await context.close().catch(() => undefined);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
