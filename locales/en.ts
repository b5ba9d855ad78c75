import type { Words } from './words.ts';

const age = (ms: number) => {
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? '' : 's'} ago`;
};

const effective = (from?: string, until?: string) =>
  [from ? `from ${from}` : '', until ? `until ${until}` : ''].filter(Boolean).join(', ');

/** A date the rule takes for what its source gives only roughly. */
const approximately = (date: string, said: string) =>
  `${date} (approximate: the source says “${said}”)`;

const operators = {
  equal: 'is',
  notEqual: 'is not',
  in: 'is one of',
  notIn: 'is none of',
  lessThan: 'is less than',
  lessThanInclusive: 'is at most',
  greaterThan: 'is more than',
  greaterThanInclusive: 'is at least',
  sameEntity: 'names the same entity as',
  notSameEntity: 'names another entity than',
  monthBefore: 'is the month before',
  dayOfMonthAfter: 'falls after day',
} as const;

const phrase = (op: keyof typeof operators) => (subject: string, object: string) =>
  `${subject} ${operators[op]} ${object}`;

export const en: Words = {
  values: {
    unknown: 'unknown',
    yes: 'yes',
    no: 'no',
    formats: { date: { dateStyle: 'medium' }, month: { year: 'numeric', month: 'short' } },
    listSeparator: ', ',
  },

  conditions: {
    operators,
    phrases: {
      equal: phrase('equal'),
      notEqual: phrase('notEqual'),
      in: phrase('in'),
      notIn: phrase('notIn'),
      lessThan: phrase('lessThan'),
      lessThanInclusive: phrase('lessThanInclusive'),
      greaterThan: phrase('greaterThan'),
      greaterThanInclusive: phrase('greaterThanInclusive'),
      sameEntity: phrase('sameEntity'),
      notSameEntity: phrase('notSameEntity'),
      monthBefore: phrase('monthBefore'),
      dayOfMonthAfter: phrase('dayOfMonthAfter'),
    },
    stated: (subject, value) => `${subject}: ${value}`,
    quoted: (value) => ` "${value}"`,
    found: (condition, found) => `${condition} (found: ${found})`,
    andSeparator: '; ',
    orSeparator: ', or ',
  },

  reasons: {
    notInEffect: (at, from, until) =>
      `Not in effect on ${at}${from ? `; applies from ${from}` : ''}${until ? `; applies until ${until}` : ''}.`,
    notApplicable: (why) => `Does not apply: ${why.join('; ')}.`,
    appliesBecause: (why) => `Applies: ${why.join('; ')}.`,
    unknown: (missing) => `Cannot be decided yet: missing ${missing.join(', ')}.`,
    holds: (why) => `Met: ${why.join('; ')}.`,
    fails: (why) => `Not met. Expected: ${why.join('; ')}.`,
    notice: 'For your information.',
  },

  overlay: {
    product: 'PolicyLens',
    checklist: (flow) => `${flow}: checklist`,
    eligibility: 'Program eligibility',
    summary: {
      refused: (n) => `${n} ${n === 1 ? 'thing' : 'things'} will get this refused`,
      warnings: (n) => `${n} ${n === 1 ? 'warning' : 'warnings'}`,
      toCheck: (n) => `${n} ${n === 1 ? 'thing' : 'things'} still to check`,
      clear: 'Nothing known stops this application',
      allMet: 'Everything checked is met',
      nothingToCheck: (n) =>
        `Nothing to check on this page; ${n} ${n === 1 ? 'notice' : 'notices'}`,
    },
    eligibilitySummary: {
      pass: (n) => `${n} ${n === 1 ? 'program' : 'programs'} you can apply for now`,
      fail: (n) => `${n} not yet`,
      unknown: (n) => `${n} cannot tell yet`,
    },
    partSeparator: ' · ',
    folded: (met, notices) =>
      [
        met > 0 ? `${met} met` : '',
        notices > 0 ? `${notices} ${notices === 1 ? 'notice' : 'notices'}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    status: {
      pass: 'Pass',
      fail: 'Fail',
      unknown: 'Unknown',
      notice: 'Notice',
      skip: 'Not applicable',
    },
    eligibilityStatus: {
      pass: 'Eligible now',
      fail: 'Not eligible yet',
      unknown: 'Cannot tell yet',
    },
    severity: { block: 'Refused if not met', warn: 'Warning', info: 'Info' },
    why: 'Why?',
    conditions: 'Conditions',
    appliesWhen: 'Applies when',
    requires: 'Requires',
    allOf: 'All of',
    anyOf: 'Any of',
    notThis: 'Not',
    truth: { true: 'met', false: 'not met', unknown: 'unknown' },
    expected: 'expected',
    found: 'found',
    missing: 'unknown',
    factOrigin: {
      page: 'read on this page',
      remembered: (page, age) => `read on “${page}” ${age}`,
      stale: (page, age) => `read on “${page}” ${age}: stale, counted as unknown`,
      missing: 'not read yet',
    },
    age,
    confirm: 'I checked this',
    confirmedByYou: (age) => `Confirmed by you (${age})`,
    forget: 'Forget',
    forgetAll: 'Forget what is remembered for this account',
    noAccount:
      'The signed-in account is not recognised: only this page is read, nothing is remembered. Open the Partner Center overview once and PolicyLens will know the account.',
    checkedOn: (date) => `Rules in force on ${date} (China time).`,
    rememberedFor: (account) => `What is remembered for “${account}” stays on this computer.`,
    notRemembered: {
      storage:
        'Nothing could be remembered: the browser refused to store it (its storage may be full). The checklist uses what this page shows.',
      nameTooLong:
        'The account name is too long to remember things by: only this page is read, nothing is remembered.',
    },
    whatIsMissing: 'What is missing',
    failingItems: 'Not met',
    missingFacts: 'Not known yet',
    effective,
    approximately,
    source: 'Source',
    guardTitle: 'This will be refused',
    guardIntro: 'These requirements are not met, so the application will be refused:',
    goBack: 'Go back',
    submitAnyway: 'Submit anyway',
    collapse: 'Collapse',
    expand: 'Expand',
    fieldWarning: 'Note',
  },

  controls: {
    product: 'PolicyLens',
    thisPage: 'This page',
    reading: 'Reading this page…',
    notPartnerCenter:
      'PolicyLens does not run on this tab: it works on Partner Center pages only. If the page was open before PolicyLens was installed, reload it.',
    siteOff: (host) => `PolicyLens is off on ${host}: nothing is read or stored.`,
    noChecklist: 'PolicyLens has no checklist for this page.',
    counts: { blockFail: 'Will be refused', warnFail: 'Warnings', unknown: 'Unknown' },
    programs: 'Program eligibility',
    programCounts: { pass: 'Eligible now', fail: 'Not eligible yet', unknown: 'Cannot tell yet' },
    settings: 'Settings',
    siteSwitch: (host) => `PolicyLens on ${host}`,
    language: 'Language',
    langChoice: { page: 'Follow the page', 'zh-CN': '中文', en: 'English' },
    rulesVersion: (version, hash, builtOn) => `rules ${version} · ${hash} · built ${builtOn}`,
    openOptions: 'All settings and stored data',
    optionsTitle: 'PolicyLens settings',
    sites: 'Sites',
    sitesHint: 'Turned off, PolicyLens shows, reads and stores nothing on that site.',
    siteNames: {
      'account.huaweicloud.com': 'Partner Center (China)',
      'account-intl.huaweicloud.com': 'Partner Center (international)',
      'www.huaweicloud.com': 'Service partner certification page',
    },
    languageHint: 'The language of every PolicyLens text: checklists, rule messages, this page.',
    stored: 'What is stored on this computer',
    storedIntro:
      'PolicyLens keeps only this, in this browser’s extension storage, and sends it nowhere. Anything older than 24 hours is stale: shown, but counted as unknown; it is deleted after 30 days.',
    nothingStored: 'Nothing is stored.',
    account: (name) => `Account ${name}`,
    facts: 'Facts read',
    factColumns: { fact: 'Fact', value: 'Value', page: 'Read on', age: 'Read' },
    stale: 'stale, counted as unknown',
    confirmations: 'Your confirmations',
    confirmationColumns: { rule: 'Rule', page: 'Confirmed on', age: 'Confirmed' },
    none: 'None',
    forgetAll: 'Forget everything stored…',
    forgetAllQuestion: (accounts) =>
      `Remove every fact and confirmation of ${accounts} account${accounts === 1 ? '' : 's'}? Your settings stay. This cannot be undone.`,
    forgetAllConfirm: 'Forget all',
    cancel: 'Cancel',
    forgotten: 'Everything stored was forgotten.',
    dropped: 'Dropped from storage',
    droppedIntro:
      'These stored entries did not fit what this version of PolicyLens knows, so they were dropped and are not used:',
    droppedFact: (account, fact, reason) => `${account}: fact ${fact}: ${reason}`,
    droppedConfirmation: (account, rule, reason) =>
      `${account}: confirmation of ${rule}: ${reason}`,
    droppedRecord: (account, reason) => `${account}: the whole record: ${reason}`,
    droppedReasons: {
      'unknown-fact': 'not a fact PolicyLens reads',
      'wrong-value': 'a value the fact cannot have',
      'unknown-rule': 'not a rule PolicyLens checks',
      'unknown-page': 'read on a page PolicyLens does not know',
      'future-time': 'dated in the future',
      'too-long': 'too long',
      malformed: 'not in the form PolicyLens stores',
      'wrong-key': 'stored under another account',
    },
    droppedDismiss: 'Clear this list',
    rules: 'Rules',
    rulesIntro:
      'Every rule this version of PolicyLens checks, by flow, with its messages and sources in both languages.',
    newestChange: (date) => `newest effective date in the rules: ${date}`,
    flowOf: (count) => `${count} rule${count === 1 ? '' : 's'}`,
    severity: { block: 'Refused if not met', warn: 'Warning', info: 'Info' },
    ruleFields: {
      message: 'Message',
      fail: 'When not met',
      source: 'Source',
      versions: 'Versions over time',
    },
    effective,
    approximately,
    always: 'always',
    langNames: { 'zh-CN': '中文', en: 'English' },
    age,
    pageCheck: {
      open: 'Check this page',
      title: 'Page check',
      intro:
        'What PolicyLens reads on this page, field by field. When the console changes and something is no longer read, copy the report into a bug report: the values read are left out unless you include them.',
      again: 'Check again',
      reading: 'Checking the page…',
      noTab:
        'There is no Partner Center page to check: open one, then this check from PolicyLens’s popup.',
      matched: (title, id) => `Page: ${title} (${id})`,
      noPage: 'None of PolicyLens’s pages matches this one.',
      candidates: (pages) =>
        `Its address fits ${pages}, but the heading that confirms it is not on the page.`,
      account: (name) => `Signed-in account: ${name}`,
      noAccount: 'Signed-in account: not recognised',
      basis: {
        'header-label': 'the top bar labels it',
        'header-and-page': 'the top bar shows the name the overview’s Account name row shows',
        'header-seen': 'the top bar shows an account this browser has seen on the overview',
        page: 'no top bar was found; the overview’s Account name row names it',
        unknown:
          'the top bar shows no account this browser has seen: open the overview once so PolicyLens learns it',
        ambiguous: 'the top bar shows more than one known account',
        disagree: 'the top bar and the page name different accounts',
      },
      topBar: 'Top bar texts',
      columns: {
        field: 'Field',
        label: 'Label',
        status: 'Found',
        text: 'Text read',
        value: 'Value',
      },
      status: {
        found: 'found',
        empty: 'found, empty',
        placeholder: 'waiting for data',
        unmatched: 'text not known',
        missing: 'not found',
      },
      inTopBar: 'top bar',
      summary: (found, total) => `${found} of ${total} fields found.`,
      copy: 'Copy report',
      includeValues: 'Include the values read (left out by default)',
      copied: 'Report copied.',
      copyFailed: 'The report could not be copied: select it below and copy it by hand.',
    },
  },

  catalogue: {
    pageTitle: 'PolicyLens rule catalogue',
    title: 'Rule catalogue',
    all: 'all of:',
    any: 'any of:',
    not: 'not:',
    always: 'always',
    noRequirement: 'nothing: a notice, shown whenever it applies',
    severity: {
      block: 'the application will be refused',
      warn: 'a warning; the partner may go on',
      info: 'for information',
    },
    from: (date) => `from ${date}`,
    until: (date) => `before ${date}`,
    dateSeparator: ', ',
    approximately,
    alwaysInEffect: 'always',
    appliesWhen: 'Applies when',
    requires: 'Requires',
    message: 'message',
    whenItFails: 'when it fails',
    whenItFailsNth: (n) => `when it fails (${n})`,
    // "If account status is ...", but "If HCPN status ...": only a capitalised word is lowered.
    cause: (condition) =>
      `If ${/^[A-Z][a-z]/.test(condition) ? condition[0]!.toLowerCase() + condition.slice(1) : condition}:`,
    otherCauses: 'Otherwise:',
    facts: 'Facts',
  },

  cli: {
    date: (at, isToday) => (isToday ? `${at}, today in China (Asia/Shanghai)` : at),
    why: 'why',
    eligible: { pass: 'eligible', fail: 'not eligible', unknown: 'not known yet' },
    summary: 'Summary',
  },

  store: {
    name: 'PolicyLens',
    description:
      'Huawei Cloud Partner Center policies beside the forms: checklists, inline warnings and eligibility, computed on your computer.',
  },
};
