import type { Lang, Severity, Status } from '../engine/types.ts';

/** Every text the overlay itself shows, in both languages (rule texts come from the rules). */
export interface UiStrings {
  product: string;
  checklist: (flow: string) => string;
  eligibility: string;
  status: Record<Status, string>;
  eligibilityStatus: Record<'pass' | 'fail' | 'unknown', string>;
  severity: Record<Severity, string>;
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
  age: (ms: number) => string;
  confirm: (title: string) => string;
  confirmedByYou: (age: string) => string;
  forget: string;
  forgetAll: string;
  noAccount: string;
  rememberedFor: (account: string) => string;
  whatIsMissing: string;
  failingItems: string;
  missingFacts: string;
  effective: (from?: string, until?: string) => string;
  source: string;
  guardTitle: string;
  guardIntro: string;
  goBack: string;
  submitAnyway: string;
  collapse: string;
  expand: string;
  fieldWarning: string;
}

const zh: UiStrings = {
  product: 'PolicyLens',
  checklist: (flow) => `${flow}：检查清单`,
  eligibility: '各计划申请资格',
  status: { pass: '满足', fail: '不满足', unknown: '待确认', notice: '须知', skip: '不适用' },
  eligibilityStatus: { pass: '现在可以申请', fail: '暂不满足条件', unknown: '尚无法判断' },
  severity: { block: '不满足将被拒绝', warn: '警告', info: '提示' },
  why: '为什么？',
  conditions: '条件',
  appliesWhen: '适用条件',
  requires: '要求',
  allOf: '以下全部满足',
  anyOf: '以下任一满足',
  notThis: '以下不成立',
  truth: { true: '成立', false: '不成立', unknown: '未知' },
  expected: '要求',
  found: '实际',
  missing: '未知',
  factOrigin: {
    page: '读自本页',
    remembered: (page, age) => `读自“${page}”，${age}`,
    stale: (page, age) => `读自“${page}”，${age}，已过期，按未知处理`,
    missing: '尚未读取',
  },
  age: (ms) => {
    const minutes = Math.floor(ms / 60000);
    if (minutes < 1) return '刚刚';
    if (minutes < 60) return `${minutes} 分钟前`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return `${hours} 小时前`;
    return `${Math.floor(hours / 24)} 天前`;
  },
  confirm: (title) => `我已核实：${title}`,
  confirmedByYou: (age) => `已由你手动确认（${age}）`,
  forget: '撤销确认',
  forgetAll: '忘记此账号记住的信息',
  noAccount: '未识别到当前账号：仅使用本页读取的信息，不记住任何内容。',
  rememberedFor: (account) => `账号“${account}”的信息只保存在本机。`,
  whatIsMissing: '缺少的条件',
  failingItems: '不满足',
  missingFacts: '尚未知道',
  effective: (from, until) =>
    [from ? `自 ${from} 起` : '', until ? `至 ${until} 止` : ''].filter(Boolean).join('，'),
  source: '依据',
  guardTitle: '提交后将被拒绝',
  guardIntro: '以下条件不满足，申请提交后会被拒绝：',
  goBack: '返回修改',
  submitAnyway: '仍然提交',
  collapse: '收起',
  expand: '展开',
  fieldWarning: '提示',
};

const en: UiStrings = {
  product: 'PolicyLens',
  checklist: (flow) => `${flow}: checklist`,
  eligibility: 'Program eligibility',
  status: {
    pass: 'Pass',
    fail: 'Fail',
    unknown: 'Unknown',
    notice: 'Notice',
    skip: 'Not applicable',
  },
  eligibilityStatus: { pass: 'Eligible now', fail: 'Not eligible yet', unknown: 'Cannot tell yet' },
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
  age: (ms) => {
    const minutes = Math.floor(ms / 60000);
    if (minutes < 1) return 'just now';
    if (minutes < 60) return `${minutes} min ago`;
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return `${hours} h ago`;
    const days = Math.floor(hours / 24);
    return `${days} day${days === 1 ? '' : 's'} ago`;
  },
  confirm: (title) => `I checked: ${title}`,
  confirmedByYou: (age) => `Confirmed by you (${age})`,
  forget: 'Forget',
  forgetAll: 'Forget what is remembered for this account',
  noAccount:
    'The signed-in account is not recognised: only this page is read, nothing is remembered.',
  rememberedFor: (account) => `What is remembered for “${account}” stays on this computer.`,
  whatIsMissing: 'What is missing',
  failingItems: 'Not met',
  missingFacts: 'Not known yet',
  effective: (from, until) =>
    [from ? `from ${from}` : '', until ? `until ${until}` : ''].filter(Boolean).join(', '),
  source: 'Source',
  guardTitle: 'This will be refused',
  guardIntro: 'These requirements are not met, so the application will be refused:',
  goBack: 'Go back',
  submitAnyway: 'Submit anyway',
  collapse: 'Collapse',
  expand: 'Expand',
  fieldWarning: 'Note',
};

export const UI_STRINGS: Record<Lang, UiStrings> = { 'zh-CN': zh, en };

export function strings(lang: Lang): UiStrings {
  return UI_STRINGS[lang];
}
