import type { Eligibility, FlowResult, RuleResult, Status } from '../engine/index.ts';
import { words } from '../locales/index.ts';

const MARK: Record<Status, string> = {
  pass: '[pass]   ',
  fail: '[FAIL]   ',
  unknown: '[unknown]',
  skip: '[skip]   ',
  notice: '[notice] ',
};

/**
 * A flow's results as a checklist a person reads top to bottom, each with its why. The head
 * names the date the rules were checked for, and says when that is today in China.
 */
export function renderChecklist(
  result: FlowResult,
  title: string,
  eligibility?: Eligibility,
  isToday = false,
): string {
  const w = words(result.lang).cli;
  const lines = [`${result.flow} — ${title} (${w.date(result.at, isToday)}, ${result.lang})`, ''];
  for (const r of result.results) lines.push(...renderItem(r, w.why));
  const counts = (['pass', 'fail', 'unknown', 'skip', 'notice'] as Status[])
    .map((s) => `${result.results.filter((r) => r.status === s).length} ${s}`)
    .join(', ');
  lines.push(`${w.summary}: ${counts}${eligibility ? ` — ${w.eligible[eligibility.status]}` : ''}`);
  return lines.join('\n');
}

function renderItem(r: RuleResult, why: string): string[] {
  const pad = ' '.repeat(MARK.pass.length + 1);
  return [
    `${MARK[r.status]} ${r.severity.padEnd(5)} ${r.title}  (${r.rule})`,
    `${pad}${r.message}`,
    `${pad}${why}: ${r.reason}`,
    '',
  ];
}
