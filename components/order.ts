import type { ItemView } from './model.ts';

/**
 * Where an item stands in the checklist, most pressing first: what will get the application
 * refused, then warnings, then what cannot be decided yet, then what the partner confirmed by
 * hand (their word, kept in view); then, folded away, what is met and the notices. A notice
 * that warns (joining changes what the account may do) stays in view, after the open items.
 */
export function rank(item: ItemView): number {
  const { status } = item;
  const severity = item.result.severity;
  const bySeverity = severity === 'block' ? 0 : severity === 'warn' ? 1 : 2;
  if (status === 'fail') return bySeverity;
  if (status === 'unknown') return 3 + bySeverity;
  if (status === 'notice' && severity !== 'info') return 6;
  if (item.confirmedAt !== undefined) return 7;
  if (status === 'pass') return 8;
  return 9;
}

/** True for the items folded into the one line "3 met · 2 notices". */
export function isFolded(item: ItemView): boolean {
  return rank(item) >= 8;
}

/** Items most pressing first; items of one rank keep the rule file's order. */
export function byUrgency(items: ItemView[]): ItemView[] {
  return items
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.item);
}

/** What the panel's summary line says: how many items will get it refused, and so on. */
export interface Outcome {
  refused: number;
  warnings: number;
  toCheck: number;
  /** Notices and nothing else: nothing to check, nothing to fold them behind. */
  isNoticesOnly: boolean;
  notices: number;
  /** The flow has rules whose failure gets it refused: it is an application. */
  isApplication: boolean;
}

export function outcomeOf(items: ItemView[]): Outcome {
  const count = (test: (item: ItemView) => boolean) => items.filter(test).length;
  return {
    refused: count((i) => i.status === 'fail' && i.result.severity === 'block'),
    warnings: count((i) => i.status === 'fail' && i.result.severity !== 'block'),
    toCheck: count((i) => i.status === 'unknown'),
    isNoticesOnly: items.every((i) => i.status === 'notice'),
    notices: count((i) => i.status === 'notice'),
    isApplication: items.some((i) => i.status !== 'notice' && i.result.severity === 'block'),
  };
}
