import { own } from '../own.ts';
import { factsOf, isFactRef } from '../check-condition.ts';
import { formatFactValue } from '../facts.ts';
import { words } from '../../locales/index.ts';
import { comparison } from '../operators.ts';
import type {
  CompiledFlow,
  CompiledPack,
  CompiledRule,
  Condition,
  FactCondition,
  FactVocabulary,
  FailText,
  Lang,
  Localized,
  RuleVersion,
  Severity,
} from '../types.ts';
import { LANGS } from '../types.ts';

/** One generated file, its path relative to the catalogue folder. */
export interface CatalogueFile {
  path: string;
  text: string;
}

export interface CatalogueOptions {
  /** The command that regenerates the catalogue, named in each file's first line. */
  command?: string;
  /** Where the rules live, as the reader knows it, e.g. `rules/`. */
  rulesDir?: string;
}

// ---- plain words ---------------------------------------------------------------------

/** A condition as words: a line, or a heading ("all of") with lines under it. */
export interface Phrase {
  text: string;
  children?: Phrase[];
}

const WORDS = { en: words('en').catalogue, 'zh-CN': words('zh-CN').catalogue };

/** A catalogue label in both languages, Chinese first: "适用条件 · Applies when". */
function label(key: 'appliesWhen' | 'requires' | 'message' | 'whenItFails' | 'facts'): string {
  return `${WORDS['zh-CN'][key]} · ${WORDS.en[key]}`;
}

/** One comparison in words: "Account freeze is not frozen" / "账号冻结状态等于正常". */
export function describeCondition(
  condition: Condition,
  vocabulary: FactVocabulary,
  lang: Lang,
): Phrase {
  const w = WORDS[lang];
  if ('all' in condition || 'any' in condition) {
    const list = 'all' in condition ? condition.all : condition.any;
    if (list.length === 1) return describeCondition(list[0]!, vocabulary, lang);
    return {
      text: 'all' in condition ? w.all : w.any,
      children: list.map((c) => describeCondition(c, vocabulary, lang)),
    };
  }
  if ('not' in condition) {
    return { text: w.not, children: [describeCondition(condition.not, vocabulary, lang)] };
  }
  return { text: leafWords(condition, vocabulary, lang) };
}

/** A condition in words on one line: "all of: A; B" (nested groups in parentheses). */
export function conditionLine(
  condition: Condition,
  vocabulary: FactVocabulary,
  lang: Lang,
): string {
  const flatten = (phrase: Phrase, isNested: boolean): string => {
    if (!phrase.children?.length) return phrase.text;
    const inner = `${phrase.text} ${phrase.children.map((c) => flatten(c, true)).join(words(lang).conditions.andSeparator)}`;
    return isNested ? `(${inner})` : inner;
  };
  return flatten(describeCondition(condition, vocabulary, lang), false);
}

/** What introduces a fail text in the catalogue: its cause, or "otherwise" after others. */
function causeWords(
  fail: FailText[],
  index: number,
  vocabulary: FactVocabulary,
  lang: Lang,
): string | undefined {
  const f = fail[index]!;
  if (f.when) return WORDS[lang].cause(conditionLine(f.when, vocabulary, lang));
  return fail.length > 1 ? WORDS[lang].otherCauses : undefined;
}

/** A fact named as the object of a sentence: "as verified entity name", not "as Verified...". */
function objectName(name: string, vocabulary: FactVocabulary, lang: Lang): string {
  const description = own(vocabulary, name)?.description[lang] ?? name;
  if (lang !== 'en') return description;
  return /^[A-Z][a-z]+\b/.test(description) && !description.startsWith('Huawei')
    ? description[0]!.toLowerCase() + description.slice(1)
    : description;
}

function leafWords(leaf: FactCondition, vocabulary: FactVocabulary, lang: Lang): string {
  const def = own(vocabulary, leaf.fact);
  const subject = def?.description[lang] ?? leaf.fact;
  const value = leaf.value;
  // A yes/no fact reads best as "Email bound: yes"; "is not yes" is "no" once it is known.
  if (
    def?.type === 'boolean' &&
    typeof value === 'boolean' &&
    /^(not)?[eE]qual$/.test(leaf.operator)
  ) {
    const shown = formatFactValue(def, leaf.operator === 'equal' ? value : !value, lang);
    return words(lang).conditions.stated(subject, shown);
  }
  const object = isFactRef(value)
    ? objectName(value.fact, vocabulary, lang)
    : Array.isArray(value)
      ? value.map((v) => formatFactValue(def, v, lang)).join(words(lang).values.listSeparator)
      : formatFactValue(def, value, lang);
  return comparison(leaf.operator, subject, object, lang);
}

function severityWords(severity: Severity): Localized {
  return { 'zh-CN': WORDS['zh-CN'].severity[severity], en: WORDS.en.severity[severity] };
}

type Dates = Pick<RuleVersion, 'from' | 'until' | 'approximate'>;

function effective(v: Dates): Localized {
  return { 'zh-CN': effectiveWords(v, 'zh-CN'), en: effectiveWords(v, 'en') };
}

/** A version's dates, each followed by what its source says when the day is approximate. */
function effectiveWords(v: Dates, lang: Lang): string {
  const w = WORDS[lang];
  const day = (date: string, said: Localized | undefined) =>
    said ? w.approximately(date, said[lang]) : date;
  const parts = [
    v.from ? w.from(day(v.from, v.approximate?.from)) : '',
    v.until ? w.until(day(v.until, v.approximate?.until)) : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(w.dateSeparator) : w.alwaysInEffect;
}

// ---- Markdown ------------------------------------------------------------------------

function md(text: string): string {
  // Placeholders stay readable as code; everything else is escaped where Markdown would act.
  return text
    .split(/(\{[a-z][A-Za-z0-9.]*\})/)
    .map((part, i) =>
      i % 2 === 1 ? `\`${part}\`` : part.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`),
    )
    .join('');
}

/** Both languages, Chinese first: "账号未被冻结 · The account is not frozen". */
function mdBoth(text: Localized): string {
  return text['zh-CN'] === text.en ? md(text.en) : `${md(text['zh-CN'])} · ${md(text.en)}`;
}

function mdPhrase(phrase: Phrase, indent: string): string[] {
  return [
    `${indent}- ${md(phrase.text)}`,
    ...(phrase.children ?? []).flatMap((c) => mdPhrase(c, `${indent}  `)),
  ];
}

function mdCondition(
  title: string,
  condition: Condition | undefined,
  empty: Localized,
  vocabulary: FactVocabulary,
): string[] {
  const lines = [`**${title}**`, ''];
  for (const lang of LANGS) {
    if (!condition) {
      lines.push(`- ${lang}: ${md(empty[lang])}`);
      continue;
    }
    const phrase = describeCondition(condition, vocabulary, lang);
    lines.push(`- ${lang}: ${md(phrase.text)}`);
    for (const child of phrase.children ?? []) lines.push(...mdPhrase(child, '  '));
  }
  lines.push('');
  return lines;
}

function anchor(id: string): string {
  return id.replace(/[^a-z0-9-]/g, '-');
}

function sourceMd(source: string): string {
  return /^https:\/\//.test(source) ? `<${source}>` : md(source);
}

function factList(rule: CompiledRule, vocabulary: FactVocabulary): string[] {
  const names: string[] = [];
  for (const v of rule.versions) {
    factsOf(v.when, names);
    factsOf(v.require, names);
  }
  return names.filter((n) => own(vocabulary, n));
}

/** The label of a fail text's row: numbered when there are several, tried in order. */
function failLabel(fail: FailText[], index: number): string {
  if (fail.length === 1) return label('whenItFails');
  return `${WORDS['zh-CN'].whenItFailsNth(index + 1)} · ${WORDS.en.whenItFailsNth(index + 1)}`;
}

function mdMessages(
  message: Localized,
  fail: FailText[] | undefined,
  hasRequire: boolean,
  vocabulary: FactVocabulary,
): string[] {
  const lines = [
    '| | zh-CN | en |',
    '|---|---|---|',
    `| ${label('message')} | ${md(message['zh-CN'])} | ${md(message.en)} |`,
  ];
  if (fail && hasRequire) {
    fail.forEach((f, i) => {
      const cell = (lang: Lang) => {
        const cause = causeWords(fail, i, vocabulary, lang);
        return `${cause ? `*${md(cause)}* ` : ''}${md(f.text[lang])}`;
      };
      lines.push(`| ${failLabel(fail, i)} | ${cell('zh-CN')} | ${cell('en')} |`);
    });
  }
  lines.push('');
  return lines;
}

const NO_WHEN: Localized = { en: WORDS.en.always, 'zh-CN': WORDS['zh-CN'].always };
const NO_REQUIRE: Localized = { en: WORDS.en.noRequirement, 'zh-CN': WORDS['zh-CN'].noRequirement };

function mdRule(rule: CompiledRule, index: number, vocabulary: FactVocabulary): string[] {
  const facts = factList(rule, vocabulary);
  const lines = [
    `<a id="${anchor(rule.id)}"></a>`,
    '',
    `## ${index + 1}. ${mdBoth(rule.title)}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Rule | \`${rule.id}\` |`,
    `| Severity | \`${rule.severity}\`: ${mdBoth(severityWords(rule.severity))} |`,
    `| Effective | ${rule.versions.map((v) => mdBoth(effective(v))).join('; ')} |`,
    `| Source | ${rule.source.map(sourceMd).join(', ')} |`,
    `| Facts read | ${facts.length ? facts.map((f) => `\`${f}\` (${mdBoth(vocabulary[f]!.description)})`).join(', ') : 'none'} |`,
    '',
  ];
  const isVersioned = rule.versions.length > 1;
  rule.versions.forEach((v) => {
    if (isVersioned) {
      lines.push(`### ${mdBoth(effective(v))}`, '');
      if (v.source) lines.push(`Source: ${v.source.map(sourceMd).join(', ')}`, '');
    }
    lines.push(...mdCondition(label('appliesWhen'), v.when, NO_WHEN, vocabulary));
    lines.push(...mdCondition(label('requires'), v.require, NO_REQUIRE, vocabulary));
    if (isVersioned)
      lines.push(
        ...mdMessages(
          v.message ?? rule.message,
          v.fail ?? rule.fail,
          Boolean(v.require),
          vocabulary,
        ),
      );
  });
  if (!isVersioned) {
    lines.push(
      ...mdMessages(rule.message, rule.fail, Boolean(rule.versions[0]?.require), vocabulary),
    );
  }
  return lines;
}

function header(kind: 'md' | 'html', options: CatalogueOptions): string {
  const text = `Generated by \`${options.command ?? 'policylens docs'}\` from ${options.rulesDir ?? 'rules/'}; do not edit by hand.`;
  return kind === 'md' ? `<!-- ${text} -->` : `<!-- ${text.replace(/`/g, '')} -->`;
}

function severityCounts(flow: CompiledFlow): string {
  const counts = (['block', 'warn', 'info'] as Severity[])
    .map((s) => [s, flow.rules.filter((r) => r.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return counts.join(', ');
}

function flowFile(flow: CompiledFlow, rulesDir: string): string {
  const file = flow.pos?.file ?? '';
  const at = file.lastIndexOf(rulesDir.replace(/\/$/, '') + '/');
  return at >= 0 ? file.slice(at) : file;
}

function mdFlow(flow: CompiledFlow, pack: CompiledPack, options: CatalogueOptions): string {
  const rulesDir = options.rulesDir ?? 'rules/';
  const lines = [
    header('md', options),
    '',
    `# ${mdBoth(flow.title)}`,
    '',
    `Flow \`${flow.id}\`${flow.pos ? `, from \`${flowFile(flow, rulesDir)}\`` : ''}: ${flow.rules.length} rule${flow.rules.length === 1 ? '' : 's'} (${severityCounts(flow)}), in checklist order.${flow.isProgram ? ' A program: the overview shows whether the account is eligible.' : ''}`,
    '',
    '[All flows](README.md)',
    '',
    '| # | Rule | Severity | zh-CN | en |',
    '|---:|---|---|---|---|',
    ...flow.rules.map(
      (r, i) =>
        `| ${i + 1} | [\`${r.id}\`](#${anchor(r.id)}) | ${r.severity} | ${md(r.title['zh-CN'])} | ${md(r.title.en)} |`,
    ),
    '',
  ];
  flow.rules.forEach((r, i) => lines.push(...mdRule(r, i, pack.facts)));
  return `${lines.join('\n').trimEnd()}\n`;
}

function mdIndex(pack: CompiledPack, options: CatalogueOptions): string {
  const lines = [
    header('md', options),
    '',
    `# ${WORDS['zh-CN'].title} · ${WORDS.en.title}`,
    '',
    `Every rule PolicyLens checks, one page per flow, generated from \`${options.rulesDir ?? 'rules/'}\`. The same content is in one page: [index.html](index.html).`,
    '',
    '| Flow | zh-CN | en | Rules |',
    '|---|---|---|---|',
    ...pack.flows.map(
      (f) =>
        `| [\`${f.id}\`](${f.id}.md) | ${md(f.title['zh-CN'])} | ${md(f.title.en)} | ${f.rules.length} (${severityCounts(f)}) |`,
    ),
    '',
    `## ${label('facts')}`,
    '',
    'What the rules read. A fact that is absent is unknown, never false.',
    '',
    '| Fact | Type | zh-CN | en | Values |',
    '|---|---|---|---|---|',
    ...Object.values(pack.facts).map(
      (d) =>
        `| \`${d.name}\` | ${d.type}${d.isBuiltIn ? ' (supplied by the engine)' : ''} | ${md(d.description['zh-CN'])} | ${md(d.description.en)} | ${Object.entries(
          d.values ?? {},
        )
          .map(([v, label]) => `\`${v}\` ${mdBoth(label)}`)
          .join('<br>')} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

// ---- HTML ----------------------------------------------------------------------------

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function htmlBoth(text: Localized): string {
  return text['zh-CN'] === text.en
    ? esc(text.en)
    : `<span lang="zh-CN">${esc(text['zh-CN'])}</span> · ${esc(text.en)}`;
}

function htmlPhrase(phrase: Phrase): string {
  const children = phrase.children?.length
    ? `<ul>${phrase.children.map((c) => `<li>${htmlPhrase(c)}</li>`).join('')}</ul>`
    : '';
  return `${esc(phrase.text)}${children}`;
}

function htmlText(text: string): string {
  return text
    .split(/(\{[a-z][A-Za-z0-9.]*\})/)
    .map((part, i) => (i % 2 === 1 ? `<code>${esc(part)}</code>` : esc(part)))
    .join('');
}

function htmlCondition(
  title: string,
  condition: Condition | undefined,
  empty: Localized,
  vocabulary: FactVocabulary,
  level: 4 | 5,
): string {
  const items = LANGS.map((lang) => {
    const body = condition
      ? htmlPhrase(describeCondition(condition, vocabulary, lang))
      : esc(empty[lang]);
    return `<li lang="${lang}">${body}</li>`;
  });
  // Headings stay in order: h4 under a rule, h5 under one of its versions.
  return `<h${level} class="label">${esc(title)}</h${level}>\n<ul class="cond">${items.join('')}</ul>`;
}

function htmlMessages(
  message: Localized,
  fail: FailText[] | undefined,
  hasRequire: boolean,
  vocabulary: FactVocabulary,
): string {
  const row = (heading: string, text: Localized, cause?: (lang: Lang) => string | undefined) => {
    const cell = (lang: Lang) => {
      const said = cause?.(lang);
      return `<td lang="${lang}">${said ? `<em>${esc(said)}</em> ` : ''}${htmlText(text[lang])}</td>`;
    };
    return `<tr><th>${esc(heading)}</th>${cell('zh-CN')}${cell('en')}</tr>`;
  };
  return [
    '<table class="msg"><thead><tr><th></th><th>zh-CN</th><th>en</th></tr></thead><tbody>',
    row(label('message'), message),
    ...(fail && hasRequire
      ? fail.map((f, i) =>
          row(failLabel(fail, i), f.text, (lang) => causeWords(fail, i, vocabulary, lang)),
        )
      : []),
    '</tbody></table>',
  ].join('\n');
}

function htmlSource(source: string): string {
  return /^https:\/\//.test(source) ? `<a href="${esc(source)}">${esc(source)}</a>` : esc(source);
}

function htmlVersion(rule: CompiledRule, v: RuleVersion, vocabulary: FactVocabulary): string {
  const isVersioned = rule.versions.length > 1;
  return [
    ...(isVersioned
      ? [
          `<h4>${htmlBoth(effective(v))}</h4>`,
          ...(v.source ? [`<p>Source: ${v.source.map(htmlSource).join(', ')}</p>`] : []),
        ]
      : []),
    htmlCondition(label('appliesWhen'), v.when, NO_WHEN, vocabulary, isVersioned ? 5 : 4),
    htmlCondition(label('requires'), v.require, NO_REQUIRE, vocabulary, isVersioned ? 5 : 4),
    ...(isVersioned
      ? [
          htmlMessages(
            v.message ?? rule.message,
            v.fail ?? rule.fail,
            Boolean(v.require),
            vocabulary,
          ),
        ]
      : []),
  ].join('\n');
}

function htmlRule(rule: CompiledRule, index: number, vocabulary: FactVocabulary): string {
  const facts = factList(rule, vocabulary);
  return [
    `<section class="rule sev-${rule.severity}" id="${esc(anchor(rule.id))}">`,
    `<h3>${index + 1}. ${htmlBoth(rule.title)}</h3>`,
    '<dl>',
    `<dt>Rule</dt><dd><code>${esc(rule.id)}</code></dd>`,
    `<dt>Severity</dt><dd><span class="sev">${esc(rule.severity)}</span> ${htmlBoth(severityWords(rule.severity))}</dd>`,
    `<dt>Effective</dt><dd>${rule.versions.map((v) => htmlBoth(effective(v))).join('; ')}</dd>`,
    `<dt>Source</dt><dd>${rule.source.map(htmlSource).join(', ')}</dd>`,
    `<dt>Facts read</dt><dd>${facts.length ? facts.map((f) => `<code>${esc(f)}</code> (${htmlBoth(vocabulary[f]!.description)})`).join(', ') : 'none'}</dd>`,
    '</dl>',
    ...rule.versions.map((v) => htmlVersion(rule, v, vocabulary)),
    ...(rule.versions.length > 1
      ? []
      : [htmlMessages(rule.message, rule.fail, Boolean(rule.versions[0]?.require), vocabulary)]),
    '</section>',
  ].join('\n');
}

const CSS = `body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem;color:#1b1b1b;background:#fff}
h1{font-size:1.7rem}h2{margin-top:3rem;border-bottom:2px solid #ddd;padding-bottom:.3rem}h3{margin:0 0 .5rem}h4{margin:1rem 0 .3rem}.label{margin:.6rem 0 .2rem;font-size:.9rem}
code{font:.85em ui-monospace,Menlo,Consolas,monospace;background:#f3f3f3;padding:0 .2em;border-radius:3px}
table{border-collapse:collapse;margin:.5rem 0;width:100%}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}thead th{background:#f6f6f6}
.rule{border:1px solid #ddd;border-left-width:6px;border-radius:4px;padding:.8rem 1rem;margin:1rem 0}
.sev-block{border-left-color:#c62828}.sev-warn{border-left-color:#ef6c00}.sev-info{border-left-color:#1565c0}
.sev{font-weight:600;text-transform:uppercase;font-size:.8rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.3rem 0}dt{font-weight:600}dd{margin:0}
ul.cond{margin:.2rem 0;padding-left:1.2rem}nav ul{columns:2}
@media print{.rule{break-inside:avoid}}`;

function htmlPage(pack: CompiledPack, options: CatalogueOptions): string {
  const lines = [
    header('html', options),
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(`${WORDS['zh-CN'].pageTitle} · ${WORDS.en.pageTitle}`)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    `<h1><span lang="zh-CN">${esc(WORDS['zh-CN'].pageTitle)}</span> · ${esc(WORDS.en.pageTitle)}</h1>`,
    `<p>Every rule PolicyLens checks, by flow, generated from <code>${esc(options.rulesDir ?? 'rules/')}</code>.</p>`,
    '<nav><ul>',
    ...pack.flows.map(
      (f) =>
        `<li><a href="#${esc(anchor(f.id))}">${htmlBoth(f.title)}</a> <code>${esc(f.id)}</code> (${f.rules.length})</li>`,
    ),
    '</ul></nav>',
  ];
  for (const flow of pack.flows) {
    lines.push(
      `<h2 id="${esc(anchor(flow.id))}">${htmlBoth(flow.title)}</h2>`,
      `<p>Flow <code>${esc(flow.id)}</code>: ${flow.rules.length} rule${flow.rules.length === 1 ? '' : 's'} (${esc(severityCounts(flow))}), in checklist order.${flow.isProgram ? ' A program: the overview shows whether the account is eligible.' : ''}</p>`,
      ...flow.rules.map((r, i) => htmlRule(r, i, pack.facts)),
    );
  }
  lines.push('</body>', '</html>');
  return `${lines.join('\n')}\n`;
}

/**
 * The rule catalogue: README.md (flows and facts), one Markdown page per flow, and one static
 * HTML page with everything (inline CSS, no scripts, no external resources). Deterministic:
 * the same pack gives the same bytes, so a checked-in copy can be compared.
 */
export function renderCatalogue(
  pack: CompiledPack,
  options: CatalogueOptions = {},
): CatalogueFile[] {
  return [
    { path: 'README.md', text: mdIndex(pack, options) },
    ...pack.flows.map((f) => ({ path: `${f.id}.md`, text: mdFlow(f, pack, options) })),
    { path: 'index.html', text: htmlPage(pack, options) },
  ];
}

/** True when a file's first line says `policylens docs` generated it. */
export function isGeneratedCatalogueFile(text: string): boolean {
  return /^<!-- Generated by `?policylens docs/.test(text);
}
