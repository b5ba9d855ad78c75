// Where each flow lives on the real Partner Center (shared/domain.md section 5) and what the
// mock's own pages show there. URLs are the production ones: the extension's match patterns
// and page maps must recognise them as they are.

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** cn: account.huaweicloud.com; intl: account-intl.huaweicloud.com. */
export const HOSTS = ['cn', 'intl'] as const;
export type Host = (typeof HOSTS)[number];

export const CONSOLE_ORIGINS: Record<Host, string> = {
  cn: 'https://account.huaweicloud.com',
  intl: 'https://account-intl.huaweicloud.com',
};
export const CONSOLE_PATH = '/obmgr/';
export const CERTIFICATION_URL =
  'https://www.huaweicloud.com/partners/roles/service_partner/certification/index.html';

export interface FlowPage {
  /** Route after '#' in the console SPA; absent for the certification page. */
  route?: string;
  /** Query after the route, as the console puts it (e.g. the customer's id). */
  routeQuery?: string;
  heading: Record<Lang, string>;
  /** The mock page's own submit button text (absent: the page submits nothing). */
  submit?: Record<Lang, string>;
  /** A program flow: the overview shows whether the account is eligible for it. */
  isProgram?: boolean;
}

export const FLOWS = {
  overview: { route: '/obmgr/index', heading: { 'zh-CN': '总览', en: 'Overview' } },
  'hcpn.join': {
    route: '/obmgr/hcpn/join',
    heading: { 'zh-CN': '加入华为云合作伙伴网络', en: 'Join the Huawei Cloud Partner Network' },
    submit: { 'zh-CN': '提交申请', en: 'Submit' },
    isProgram: true,
  },
  'solution-provider.join': {
    route: '/obmgr/program/solution-provider/apply',
    heading: {
      'zh-CN': '申请加入解决方案提供商计划',
      en: 'Apply for the Solution Provider Program',
    },
    submit: { 'zh-CN': '提交', en: 'Submit' },
    isProgram: true,
  },
  'reseller.join': {
    route: '/obmgr/program/reseller/apply',
    heading: { 'zh-CN': '申请加入云经销商计划', en: 'Apply for the Cloud Reseller Program' },
    submit: { 'zh-CN': '提交', en: 'Submit' },
    isProgram: true,
  },
  'co-expansion.join': {
    route: '/obmgr/program/co-expansion/apply',
    heading: { 'zh-CN': '加入合作伙伴共拓计划', en: 'Join the Partner Co-Expansion Program' },
    submit: { 'zh-CN': '提交', en: 'Submit' },
    isProgram: true,
  },
  'invoice.request': {
    route: '/obmgr/finance/invoice/apply',
    heading: { 'zh-CN': '索取发票', en: 'Request Invoice' },
    submit: { 'zh-CN': '提交', en: 'Submit' },
  },
  'invoice.profile': {
    route: '/obmgr/finance/invoice/info',
    heading: { 'zh-CN': '发票信息管理', en: 'Invoice Information' },
    submit: { 'zh-CN': '保存', en: 'Save' },
  },
  'invoice.return': {
    route: '/obmgr/finance/invoice/return',
    heading: { 'zh-CN': '退票', en: 'Return Invoice' },
    submit: { 'zh-CN': '提交', en: 'Submit' },
  },
  'funds.withdraw': {
    route: '/obmgr/finance/funds/withdraw',
    heading: { 'zh-CN': '提现', en: 'Withdraw' },
    submit: { 'zh-CN': '确认提现', en: 'Withdraw' },
  },
  'contract.online': {
    route: '/obmgr/finance/contract/online',
    heading: { 'zh-CN': '申请线上合同', en: 'Apply for Online Contract' },
    submit: { 'zh-CN': '提交', en: 'Submit' },
  },
  'customer.detail': {
    route: '/obmgr/sales/customer/detail',
    routeQuery: 'customerId=C20250001',
    heading: { 'zh-CN': '客户详情', en: 'Customer Details' },
  },
  'incentive.policy': {
    route: '/obmgr/sales/incentive',
    heading: { 'zh-CN': '激励管理', en: 'Incentives' },
  },
  'certification.exam': {
    heading: { 'zh-CN': '认证', en: 'Certification' },
    submit: { 'zh-CN': '立即报名', en: 'Register' },
  },
} as const satisfies Record<string, FlowPage>;

export type FlowId = keyof typeof FLOWS;
export const FLOW_IDS = Object.keys(FLOWS) as FlowId[];

export function isFlowId(value: string): value is FlowId {
  return Object.hasOwn(FLOWS, value);
}

export function flowPage(flow: FlowId): FlowPage {
  return FLOWS[flow];
}

export interface PageTarget {
  flow: FlowId;
  lang: Lang;
  /** Default: cn for zh-CN, intl for en. */
  host?: Host;
}

/** The production URL of a flow page in a language (the console's locale convention). */
export function flowUrl({ flow, lang, host }: PageTarget): string {
  const page = flowPage(flow);
  const locale = lang === 'en' ? '?locale=en-us' : '';
  if (!page.route) return CERTIFICATION_URL + locale;
  const origin = CONSOLE_ORIGINS[host ?? (lang === 'en' ? 'intl' : 'cn')];
  // The international host is English by default; the China host needs ?locale=en-us.
  const query =
    lang === 'en' || host === 'intl' ? `?locale=${lang === 'en' ? 'en-us' : 'zh-cn'}` : '';
  const hash = page.routeQuery ? `${page.route}?${page.routeQuery}` : page.route;
  return `${origin}${CONSOLE_PATH}${query}#${hash}`;
}
