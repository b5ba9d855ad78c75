import type { Lang, Severity } from '../engine/types.ts';
import type { LangChoice } from '../extension/settings.ts';
import { UI_STRINGS } from './i18n.ts';

/**
 * Every text of the extension's own pages, the popup and the options page, in both
 * languages (the overlay's texts are in i18n.ts; rule texts come from the rules).
 */
export interface ControlStrings {
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
  langChoice: Record<LangChoice, string>;
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
  rules: string;
  rulesIntro: string;
  newestChange: (date: string) => string;
  flowOf: (count: number) => string;
  severity: Record<Severity, string>;
  ruleFields: { message: string; fail: string; source: string; versions: string };
  effective: (from?: string, until?: string) => string;
  always: string;
  langNames: Record<Lang, string>;
  age: (ms: number) => string;
}

const zh: ControlStrings = {
  product: 'PolicyLens',
  thisPage: '当前页面',
  reading: '正在读取当前页面…',
  notPartnerCenter:
    'PolicyLens 不在此标签页运行：它只在伙伴中心页面上工作。若页面在安装 PolicyLens 之前就已打开，请刷新页面。',
  siteOff: (host) => `PolicyLens 已在 ${host} 关闭：不读取、也不保存任何内容。`,
  noChecklist: 'PolicyLens 没有此页面的检查清单。',
  counts: { blockFail: '将被拒绝', warnFail: '警告', unknown: '待确认' },
  programs: '各计划申请资格',
  programCounts: { pass: '现在可以申请', fail: '暂不满足条件', unknown: '尚无法判断' },
  settings: '设置',
  siteSwitch: (host) => `在 ${host} 上启用 PolicyLens`,
  language: '语言',
  langChoice: { page: '跟随页面', 'zh-CN': '中文', en: 'English' },
  rulesVersion: (version, hash, builtOn) => `规则 ${version} · ${hash} · 构建于 ${builtOn}`,
  openOptions: '全部设置与已保存的信息',
  optionsTitle: 'PolicyLens 设置',
  sites: '网站',
  sitesHint: '关闭后，PolicyLens 在该网站上不显示、不读取、也不保存任何内容。',
  siteNames: {
    'account.huaweicloud.com': '伙伴中心（中国站）',
    'account-intl.huaweicloud.com': '伙伴中心（国际站）',
    'www.huaweicloud.com': '服务伙伴认证页面',
  },
  languageHint: 'PolicyLens 的所有文字（检查清单、规则说明、此页面）所用的语言。',
  stored: '本机保存的信息',
  storedIntro:
    'PolicyLens 只把以下内容保存在本浏览器的扩展存储中，不会发送到任何地方。超过 24 小时的信息已过期：仍然显示，但按未知处理；30 天后删除。',
  nothingStored: '尚未保存任何信息。',
  account: (name) => `账号 ${name}`,
  facts: '读取到的信息',
  factColumns: { fact: '信息', value: '值', page: '读取页面', age: '读取时间' },
  stale: '已过期，按未知处理',
  confirmations: '你的手动确认',
  confirmationColumns: { rule: '规则', page: '确认页面', age: '确认时间' },
  none: '无',
  forgetAll: '忘记全部已保存的信息…',
  forgetAllQuestion: (accounts) =>
    `删除 ${accounts} 个账号的全部信息和手动确认？设置会保留。此操作无法撤销。`,
  forgetAllConfirm: '全部忘记',
  cancel: '取消',
  forgotten: '已忘记全部保存的信息。',
  rules: '规则',
  rulesIntro: '此版本 PolicyLens 检查的全部规则，按流程排列；说明和依据以两种语言列出。',
  newestChange: (date) => `规则中最近的生效日期：${date}`,
  flowOf: (count) => `${count} 条规则`,
  severity: { block: '不满足将被拒绝', warn: '警告', info: '提示' },
  ruleFields: { message: '说明', fail: '不满足时', source: '依据', versions: '各时期版本' },
  effective: (from, until) =>
    [from ? `自 ${from} 起` : '', until ? `至 ${until} 止` : ''].filter(Boolean).join('，'),
  always: '始终',
  langNames: { 'zh-CN': '中文', en: 'English' },
  age: UI_STRINGS['zh-CN'].age,
};

const en: ControlStrings = {
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
  effective: (from, until) =>
    [from ? `from ${from}` : '', until ? `until ${until}` : ''].filter(Boolean).join(', '),
  always: 'always',
  langNames: { 'zh-CN': '中文', en: 'English' },
  age: UI_STRINGS.en.age,
};

export const CONTROL_STRINGS: Record<Lang, ControlStrings> = { 'zh-CN': zh, en };

export function controlStrings(lang: Lang): ControlStrings {
  return CONTROL_STRINGS[lang];
}
