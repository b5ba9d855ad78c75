import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import bundle from 'virtual:policylens-pack';
import { words } from '../locales/index.ts';
import { PageCheck } from '../components/PageCheck.tsx';
import { pageTitle } from './pack-info.ts';
import { formatReport, maskReport, type PageCheckReport } from './page-check.ts';
import { CHECK_PAGE } from './page-state.ts';
import { targetTab } from './popup-app.tsx';
import { browserLang, loadSettings, resolveLang, type Settings } from './settings.ts';

/** The tab's page check; null when no content script answers (not a Partner Center page). */
async function askCheck(tabId: number): Promise<PageCheckReport | null> {
  try {
    const answer = (await browser.tabs.sendMessage(tabId, { type: CHECK_PAGE })) as
      PageCheckReport | undefined;
    return answer && Array.isArray(answer.fields) ? answer : null;
  } catch {
    return null;
  }
}

/** The language of the checked page, from its address (`?locale=`, the international host). */
function reportLang(report: PageCheckReport | null | undefined): 'zh-CN' | 'en' | undefined {
  if (!report) return undefined;
  const url = new URL(report.url);
  const locale = url.searchParams.get('locale') ?? '';
  if (locale) return locale.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
  return url.hostname.includes('-intl') ? 'en' : 'zh-CN';
}

/** The page check wired to the browser: the tab given by `?tab=`, checked on demand. */
export function PageCheckApp({ search }: { search: string }) {
  const [settings, setSettings] = useState<Settings>();
  const [tabId, setTabId] = useState<number>();
  const [report, setReport] = useState<PageCheckReport | null>();
  const [includeValues, setIncludeValues] = useState(false);
  const [copied, setCopied] = useState<'done' | 'failed'>();

  const check = useCallback(async (id: number | undefined) => {
    setReport(undefined);
    setCopied(undefined);
    setReport(id === undefined ? null : await askCheck(id));
  }, []);

  useEffect(() => {
    void loadSettings(browser.storage.local).then(setSettings);
    void targetTab(search).then((id) => {
      setTabId(id);
      return check(id);
    });
  }, [search, check]);

  const lang = resolveLang(
    settings?.lang ?? 'page',
    reportLang(report) ?? browserLang(navigator.language),
  );
  useEffect(() => {
    document.documentElement.lang = lang;
    const t = words(lang).controls;
    document.title = `${t.product} · ${t.pageCheck.title}`;
  }, [lang]);

  if (!settings) return null;
  const shown = report && !includeValues ? maskReport(report, bundle.pageMaps) : report;
  const reportText = shown ? formatReport(shown) : '';
  return (
    <PageCheck
      lang={lang}
      report={report}
      pageTitle={report?.page ? pageTitle(bundle, report.page, lang) : undefined}
      vocabulary={bundle.pack.facts}
      reportText={reportText}
      includeValues={includeValues}
      copied={copied}
      actions={{
        onAgain: () => void check(tabId),
        onIncludeValues: (include) => {
          setIncludeValues(include);
          setCopied(undefined);
        },
        onCopy: () => {
          void navigator.clipboard.writeText(reportText).then(
            () => setCopied('done'),
            () => setCopied('failed'),
          );
        },
      }}
    />
  );
}
