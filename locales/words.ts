// The shape of every text PolicyLens says itself, in any language; `zh-CN.ts` and `en.ts`
// fill it in. Rule titles and messages and fact labels are policy owners' words: they live
// with the rules (rules/*.yaml, rules/facts.yaml), not here.
//
// The keys are spelled out here rather than taken from the engine's types: this folder is
// the bottom floor, which the engine, the CLI and the views import and which imports nothing.
// Where a key set must match one of theirs (statuses, severities, operators), their side
// declares it against this one, so `tsc` refuses a value with no words.

/** A rule's outcome, as engine/types.ts `Status`. */
type StatusKey = 'pass' | 'fail' | 'unknown' | 'notice' | 'skip';
/** A rule's weight, as engine/types.ts `Severity`. */
type SeverityKey = 'block' | 'warn' | 'info';
/** Why a stored entry was dropped (extension/fact-store.ts `DropReason`). */
export type DropReasonKey =
  | 'unknown-fact'
  | 'wrong-value'
  | 'unknown-rule'
  | 'unknown-page'
  | 'future-time'
  | 'too-long'
  | 'malformed'
  | 'wrong-key';
/** The languages a partner may pick; `page` follows the page's own language. */
type LangChoiceKey = 'page' | 'zh-CN' | 'en';

/** Comparison operators of the rule language (engine/operators.ts names each one here). */
export type OperatorName =
  | 'equal'
  | 'notEqual'
  | 'in'
  | 'notIn'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'sameEntity'
  | 'notSameEntity'
  | 'monthBefore'
  | 'dayOfMonthAfter';

/** How values and lists read in running text. */
export interface ValueWords {
  /** A fact that is absent. */
  unknown: string;
  yes: string;
  no: string;
  /** Between the items of a plain list: "a, b" / "a、b". */
  listSeparator: string;
  /** How dates and months are written (Intl options; see format.ts). */
  formats: { date: Intl.DateTimeFormatOptions; month: Intl.DateTimeFormatOptions };
}

/** Conditions in words: the overlay's "why", the CLI's explanations, the rule catalogue. */
export interface ConditionWords {
  /** The bare operator, between a subject and a value: "is one of" / "属于". */
  operators: Record<OperatorName, string>;
  /** A whole comparison: "Invoice title names the same entity as verified entity name". */
  phrases: Record<OperatorName, (subject: string, object: string) => string>;
  /** A yes/no fact with its value: "Email bound: yes". */
  stated: (subject: string, value: string) => string;
  /** A compared value that is itself a fact, quoted after its name. */
  quoted: (value: string) => string;
  /** A comparison with the value found: "... (found: Frozen (arrears))". */
  found: (condition: string, found: string) => string;
  /** Between conditions that all hold or fail. */
  andSeparator: string;
  /** Between alternatives that all failed (any one would do). */
  orSeparator: string;
}

/** The evaluator's one-sentence reason for each status (`RuleResult.reason`). */
export interface ReasonWords {
  notInEffect: (at: string, from?: string, until?: string) => string;
  notApplicable: (why: string[]) => string;
  appliesBecause: (why: string[]) => string;
  unknown: (missing: string[]) => string;
  holds: (why: string[]) => string;
  fails: (why: string[]) => string;
  notice: string;
}

/** Everything the overlay on Partner Center pages shows itself. */
export interface OverlayWords {
  product: string;
  checklist: (flow: string) => string;
  eligibility: string;
  /** The checklist's outcome in words, in its head; parts are joined with `partSeparator`. */
  summary: {
    refused: (count: number) => string;
    warnings: (count: number) => string;
    toCheck: (count: number) => string;
    /** An application (a flow with block rules) that nothing known stops. */
    clear: string;
    /** A page with no block rules whose every requirement is met. */
    allMet: string;
    /** A page of notices only. */
    nothingToCheck: (notices: number) => string;
  };
  /** The overview's outcome: how many programs the account may apply for now, and so on. */
  eligibilitySummary: {
    pass: (n: number) => string;
    fail: (n: number) => string;
    unknown: (n: number) => string;
  };
  partSeparator: string;
  /** The one line the met items and the notices fold into; a count may be 0. */
  folded: (met: number, notices: number) => string;
  status: Record<StatusKey, string>;
  eligibilityStatus: Record<'pass' | 'fail' | 'unknown', string>;
  severity: Record<SeverityKey, string>;
  why: string;
  conditions: string;
  appliesWhen: string;
  requires: string;
  allOf: string;
  anyOf: string;
  notThis: string;
  /** A condition's result, said aloud where a mark shows it. */
  truth: Record<'true' | 'false' | 'unknown', string>;
  expected: string;
  found: string;
  missing: string;
  factOrigin: {
    page: string;
    remembered: (page: string, age: string) => string;
    stale: (page: string, age: string) => string;
    missing: string;
  };
  /** How long ago, from milliseconds. */
  age: (ms: number) => string;
  /** The partner vouches for an undecided item (its title follows, for screen readers). */
  confirm: string;
  confirmedByYou: (age: string) => string;
  forget: string;
  forgetAll: string;
  noAccount: string;
  /** The date the rules were checked for: today in China, whatever the computer's time zone. */
  checkedOn: (date: string) => string;
  rememberedFor: (account: string) => string;
  /**
   * Nothing could be remembered for the account: storage refused the write (full, or
   * failing), or the name is too long to keep things by. The page's own facts are used.
   */
  notRemembered: Record<'storage' | 'nameTooLong', string>;
  whatIsMissing: string;
  failingItems: string;
  missingFacts: string;
  effective: (from?: string, until?: string) => string;
  /** A date that approximates its source, which gives no exact day. */
  approximately: (date: string, sourceSays: string) => string;
  source: string;
  guardTitle: string;
  guardIntro: string;
  goBack: string;
  submitAnyway: string;
  collapse: string;
  expand: string;
  fieldWarning: string;
}

/** The extension's own pages: the toolbar popup and the options page. */
export interface ControlWords {
  product: string;
  // The popup
  thisPage: string;
  reading: string;
  notPartnerCenter: string;
  siteOff: (host: string) => string;
  noChecklist: string;
  counts: { blockFail: string; warnFail: string; unknown: string };
  programs: string;
  programCounts: { pass: string; fail: string; unknown: string };
  settings: string;
  siteSwitch: (host: string) => string;
  language: string;
  langChoice: Record<LangChoiceKey, string>;
  rulesVersion: (version: string, hash: string, builtOn: string) => string;
  openOptions: string;
  // The options page
  optionsTitle: string;
  sites: string;
  sitesHint: string;
  siteNames: Record<string, string>;
  languageHint: string;
  stored: string;
  storedIntro: string;
  nothingStored: string;
  account: (name: string) => string;
  facts: string;
  factColumns: { fact: string; value: string; page: string; age: string };
  stale: string;
  confirmations: string;
  confirmationColumns: { rule: string; page: string; age: string };
  none: string;
  forgetAll: string;
  forgetAllQuestion: (accounts: number) => string;
  forgetAllConfirm: string;
  cancel: string;
  forgotten: string;
  /** Stored entries that did not fit what this version knows, and were dropped. */
  dropped: string;
  droppedIntro: string;
  /** One dropped entry: an account's fact, its confirmation of a rule, or its whole record. */
  droppedFact: (account: string, fact: string, reason: string) => string;
  droppedConfirmation: (account: string, rule: string, reason: string) => string;
  droppedRecord: (account: string, reason: string) => string;
  droppedReasons: Record<DropReasonKey, string>;
  droppedDismiss: string;
  rules: string;
  rulesIntro: string;
  newestChange: (date: string) => string;
  flowOf: (count: number) => string;
  severity: Record<SeverityKey, string>;
  ruleFields: { message: string; fail: string; source: string; versions: string };
  effective: (from?: string, until?: string) => string;
  /** A date that approximates its source, which gives no exact day. */
  approximately: (date: string, sourceSays: string) => string;
  always: string;
  langNames: Record<'zh-CN' | 'en', string>;
  age: (ms: number) => string;
  // The page check (opened from the popup)
  pageCheck: PageCheckWords;
}

/** How the signed-in account was told, or why not (extension/dom/account.ts `AccountBasis`). */
type AccountBasisKey =
  | 'header-label'
  | 'header-and-page'
  | 'header-seen'
  | 'page'
  | 'unknown'
  | 'ambiguous'
  | 'disagree';
/** What became of a field (extension/dom/extract.ts `FieldStatus`). */
type FieldStatusKey = 'found' | 'empty' | 'placeholder' | 'unmatched' | 'missing';

/** The page check: what PolicyLens reads on the current tab, field by field. */
export interface PageCheckWords {
  /** The popup's button that opens it. */
  open: string;
  title: string;
  intro: string;
  again: string;
  reading: string;
  noTab: string;
  matched: (title: string, id: string) => string;
  noPage: string;
  candidates: (pages: string) => string;
  account: (name: string) => string;
  noAccount: string;
  basis: Record<AccountBasisKey, string>;
  topBar: string;
  columns: { field: string; label: string; status: string; text: string; value: string };
  status: Record<FieldStatusKey, string>;
  /** The field the top bar's account is: where it is looked for. */
  inTopBar: string;
  summary: (found: number, total: number) => string;
  copy: string;
  includeValues: string;
  copied: string;
  copyFailed: string;
}

/** The rule catalogue (`policylens docs`), which shows both languages side by side. */
export interface CatalogueWords {
  title: string;
  /** The catalogue page's own title. */
  pageTitle: string;
  all: string;
  any: string;
  not: string;
  /** A rule with no `when`. */
  always: string;
  /** A rule with no `require`. */
  noRequirement: string;
  severity: Record<SeverityKey, string>;
  from: (date: string) => string;
  until: (date: string) => string;
  /** Between a version's two dates. */
  dateSeparator: string;
  /** A date that approximates its source, which gives no exact day. */
  approximately: (date: string, sourceSays: string) => string;
  alwaysInEffect: string;
  appliesWhen: string;
  requires: string;
  message: string;
  whenItFails: string;
  /** The n-th of a rule's fail texts chosen by cause, tried in order. */
  whenItFailsNth: (n: number) => string;
  /** Introduces a fail text's cause: "If account status is Frozen (arrears):". */
  cause: (condition: string) => string;
  /** Introduces the last fail text, shown for every other cause. */
  otherCauses: string;
  facts: string;
}

/** The CLI's checklist (`policylens eval`). */
export interface CliWords {
  /** The date a check was made for: given with --at, or today in China. */
  date: (at: string, isToday: boolean) => string;
  why: string;
  eligible: Record<'pass' | 'fail' | 'unknown', string>;
  summary: string;
}

/** The browser stores' listing (`_locales/<lang>/messages.json`, read by the manifest). */
export interface StoreWords {
  name: string;
  /** At most 132 characters (the Chrome Web Store's limit). */
  description: string;
}

/** Every text of one language. */
export interface Words {
  values: ValueWords;
  conditions: ConditionWords;
  reasons: ReasonWords;
  overlay: OverlayWords;
  controls: ControlWords;
  catalogue: CatalogueWords;
  cli: CliWords;
  store: StoreWords;
}
