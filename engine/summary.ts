import type { RuleResult } from './types.ts';

export interface Eligibility {
  /** fail when a block rule fails; unknown when none fails but one is unknown; else pass. */
  status: 'pass' | 'fail' | 'unknown';
  /** Block rules that fail. */
  failing: string[];
  /** Facts that block rules still need. */
  missing: string[];
}

/** Whether an account may apply now, as the overview shows it for each program flow. */
export function summarizeEligibility(results: RuleResult[]): Eligibility {
  const blocking = results.filter((r) => r.severity === 'block');
  const failing = blocking.filter((r) => r.status === 'fail').map((r) => r.rule);
  const unknown = blocking.filter((r) => r.status === 'unknown');
  const missing = [...new Set(unknown.flatMap((r) => r.missing))];
  const status = failing.length > 0 ? 'fail' : unknown.length > 0 ? 'unknown' : 'pass';
  return { status, failing, missing };
}
