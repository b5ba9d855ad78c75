import { quote } from '../engine/diagnostics.ts';
import { formatDiagnostic, hasErrors } from '../engine/index.ts';
import type { CompiledPageMap } from '../engine/pages.ts';
import { checkPage, formatReport, isCheckPassed } from '../extension/page-check.ts';
import { UsageError, type Io } from './args.ts';
import { readArgumentFile } from './files.ts';
import { loadProject } from './project.ts';

export interface SavedPageCheck {
  file: string;
  url: string;
  knownAccounts: string[];
  format: 'text' | 'json';
  rules: string;
}

/** `policylens pages check`: 0 every field found, 1 not, 2 usage (cli/pages.ts). */
export async function checkSavedPage(options: SavedPageCheck, io: Io): Promise<number> {
  const url = parseUrl(options.url);
  // Read as every file is: a regular file, at most 16 MiB, UTF-8 (a BOM dropped).
  const saved = await readArgumentFile('FILE', options.file);
  if ('diagnostic' in saved) {
    io.err(formatDiagnostic(saved.diagnostic));
    return 1;
  }
  const html = saved.text;
  const pageMaps = loadMaps(options.rules, io);
  if (!pageMaps) return 1;

  const { Window, Response, Headers } = await import('happy-dom');
  // Nothing is run or fetched: the saved page's scripts, styles, images and frames stay
  // where they are, and the check sees the DOM as it was saved.
  const refused = { status: 404, statusText: 'Not Found', ok: false, url, redirected: false };
  const win = new Window({
    url,
    settings: {
      disableJavaScriptFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
        disableFallbackToSetURL: true,
      },
      fetch: {
        interceptor: {
          beforeAsyncRequest: async () => new Response(null, { status: 404 }),
          beforeSyncRequest: () => ({ ...refused, headers: new Headers(), body: null }),
        },
      },
    },
  });
  try {
    win.document.write(html);
    const report = checkPage(win.document as unknown as Document, url, pageMaps, {
      knownAccounts: options.knownAccounts,
    });
    if (options.format === 'json') {
      io.out(
        JSON.stringify({ page: report.page, facts: report.facts, fields: report.fields }, null, 2),
      );
    } else {
      io.out(formatReport(report));
    }
    return isCheckPassed(report) ? 0 : 1;
  } finally {
    await win.happyDOM.close();
  }
}

function parseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url must be an absolute http(s) address, not ${quote(text)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--url must be an http(s) address, not ${quote(text)}`);
  }
  return url.href;
}

function loadMaps(rules: string, io: Io): CompiledPageMap[] | undefined {
  const project = loadProject(rules, { withPageMaps: true });
  const errors = project.diagnostics.filter((d) => d.severity === 'error');
  if (hasErrors(errors)) {
    for (const d of errors) io.err(formatDiagnostic(d));
    io.err(
      'policylens pages: the rules or page maps have errors; fix them first (policylens validate)',
    );
    return undefined;
  }
  if (!project.pageMaps || project.pageMaps.length === 0) {
    io.err(`policylens pages: no page maps in ${rules} (they live in pages/*.yaml)`);
    return undefined;
  }
  return project.pageMaps;
}
