import type { FactVocabulary, Lang, RuleResult, Status } from '../engine/types.ts';

// What the views receive: results already evaluated, and where each fact came from.

/** Where a fact the rules read came from. */
export interface FactOrigin {
  origin: 'page' | 'remembered' | 'stale' | 'missing';
  /** The value, when there is one (stale values are shown but not used). */
  value?: unknown;
  /** Title of the page it was read on (remembered and stale facts). */
  pageTitle?: string;
  readAt?: number;
}

/** One checklist item: a rule's result as the partner sees it. */
export interface ItemView {
  result: RuleResult;
  /** The result's status, or `pass` when the partner confirmed an undecided rule. */
  status: Status;
  /** Set when the partner confirmed it by hand. */
  confirmedAt?: number;
  /** An undecided rule the partner may confirm by hand. */
  canConfirm: boolean;
}

/** What every view needs to say things: language, vocabulary, the clock, the facts' origins. */
export interface ViewContext {
  lang: Lang;
  vocabulary: FactVocabulary;
  now: number;
  /** The date in China the rules were checked for, YYYY-MM-DD. */
  date: string;
  facts: Record<string, FactOrigin>;
  /** Absent when the signed-in account is not recognised: nothing can be remembered. */
  account?: string;
  /**
   * Set when nothing could be remembered for the page's account: storage refused it, or the
   * name is too long to keep things by. The page's own facts were used.
   */
  notRemembered?: 'storage' | 'nameTooLong';
}

export interface ItemActions {
  onConfirm(rule: string): void;
  onForget(rule: string): void;
}

export interface ChecklistView {
  /** The flow's id: one checklist per flow, whatever the language. */
  flow: string;
  flowTitle: string;
  items: ItemView[];
}

export interface FlowEligibilityView {
  flow: string;
  title: string;
  status: 'pass' | 'fail' | 'unknown';
  /** Block items that fail or are undecided (confirmed ones count as met). */
  items: ItemView[];
  /** Facts the undecided block items still need. */
  missing: string[];
}

export interface GuardView {
  failing: RuleResult[];
  onGoBack(): void;
  onSubmitAnyway(): void;
}
