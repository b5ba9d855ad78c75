import type { Words } from './words.ts';

const age = (ms: number) => {
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} 小时前`;
  return `${Math.floor(hours / 24)} 天前`;
};

const effective = (from?: string, until?: string) =>
  [from ? `自 ${from} 起` : '', until ? `至 ${until} 止` : ''].filter(Boolean).join('，');

/** A date the rule takes for what its source gives only roughly. */
const approximately = (date: string, said: string) => `${date}（约数：来源为“${said}”）`;

const operators = {
  equal: '等于',
  notEqual: '不等于',
  in: '属于',
  notIn: '不属于',
  lessThan: '小于',
  lessThanInclusive: '不大于',
  greaterThan: '大于',
  greaterThanInclusive: '不小于',
  sameEntity: '与之为同一主体',
  notSameEntity: '与之不是同一主体',
  monthBefore: '是其上一个月',
  dayOfMonthAfter: '的日期晚于当月第',
} as const;

const phrase = (op: keyof typeof operators) => (subject: string, object: string) =>
  `${subject}${operators[op]}${object}`;

export const zhCN: Words = {
  values: {
    unknown: '未知',
    yes: '是',
    no: '否',
    formats: { date: { dateStyle: 'long' }, month: { year: 'numeric', month: 'long' } },
    listSeparator: '、',
  },

  conditions: {
    operators,
    // Chinese puts some comparisons around their object rather than before it.
    phrases: {
      equal: phrase('equal'),
      notEqual: phrase('notEqual'),
      in: phrase('in'),
      notIn: phrase('notIn'),
      lessThan: phrase('lessThan'),
      lessThanInclusive: phrase('lessThanInclusive'),
      greaterThan: phrase('greaterThan'),
      greaterThanInclusive: phrase('greaterThanInclusive'),
      sameEntity: (s, o) => `${s}与${o}为同一主体`,
      notSameEntity: (s, o) => `${s}与${o}不是同一主体`,
      monthBefore: (s, o) => `${s}是${o}的上一个月`,
      dayOfMonthAfter: (s, o) => `${s}晚于当月${o}日`,
    },
    stated: (subject, value) => `${subject}：${value}`,
    quoted: (value) => `“${value}”`,
    found: (condition, found) => `${condition}（实际：${found}）`,
    andSeparator: '；',
    orSeparator: '，或',
  },

  reasons: {
    notInEffect: (at, from, until) =>
      `${at} 时该规则不生效${from ? `；自 ${from} 起生效` : ''}${until ? `；至 ${until} 止` : ''}。`,
    notApplicable: (why) => `不适用：${why.join('；')}。`,
    appliesBecause: (why) => `适用：${why.join('；')}。`,
    unknown: (missing) => `暂无法判断：缺少${missing.join('、')}。`,
    holds: (why) => `满足：${why.join('；')}。`,
    fails: (why) => `不满足。要求：${why.join('；')}。`,
    notice: '提示信息。',
  },

  overlay: {
    product: 'PolicyLens',
    checklist: (flow) => `${flow}：检查清单`,
    eligibility: '各计划申请资格',
    summary: {
      refused: (n) => `${n} 项会导致申请被拒绝`,
      warnings: (n) => `${n} 项警告`,
      toCheck: (n) => `${n} 项待确认`,
      clear: '未发现会导致申请被拒绝的问题',
      allMet: '检查的条件均已满足',
      nothingToCheck: (n) => `此页没有需要检查的条件；${n} 条须知`,
    },
    eligibilitySummary: {
      pass: (n) => `${n} 个计划现在可以申请`,
      fail: (n) => `${n} 个暂不满足条件`,
      unknown: (n) => `${n} 个尚无法判断`,
    },
    partSeparator: ' · ',
    folded: (met, notices) =>
      [met > 0 ? `${met} 项已满足` : '', notices > 0 ? `${notices} 条须知` : '']
        .filter(Boolean)
        .join(' · '),
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
    age,
    confirm: '我已核实',
    confirmedByYou: (age) => `已由你手动确认（${age}）`,
    forget: '撤销确认',
    forgetAll: '忘记此账号记住的信息',
    noAccount:
      '未识别到当前账号：仅使用本页读取的信息，不记住任何内容。打开一次伙伴中心总览页，即可识别账号。',
    checkedOn: (date) => `按北京时间 ${date} 有效的规则检查。`,
    rememberedFor: (account) => `账号“${account}”的信息只保存在本机。`,
    notRemembered: {
      storage: '未能记住任何信息：浏览器拒绝保存（存储空间可能已满）。清单只依据本页显示的信息。',
      nameTooLong: '账号名过长，无法据此记住信息：仅使用本页读取的信息，不记住任何内容。',
    },
    whatIsMissing: '缺少的条件',
    failingItems: '不满足',
    missingFacts: '尚未知道',
    effective,
    approximately,
    source: '依据',
    guardTitle: '提交后将被拒绝',
    guardIntro: '以下条件不满足，申请提交后会被拒绝：',
    goBack: '返回修改',
    submitAnyway: '仍然提交',
    collapse: '收起',
    expand: '展开',
    fieldWarning: '提示',
  },

  controls: {
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
    dropped: '已丢弃的存储内容',
    droppedIntro: '以下已保存的内容与此版本 PolicyLens 所知的不符，已被丢弃，不再使用：',
    droppedFact: (account, fact, reason) => `${account}：信息 ${fact}：${reason}`,
    droppedConfirmation: (account, rule, reason) =>
      `${account}：对规则 ${rule} 的手动确认：${reason}`,
    droppedRecord: (account, reason) => `${account}：整条记录：${reason}`,
    droppedReasons: {
      'unknown-fact': '不是 PolicyLens 读取的信息',
      'wrong-value': '该信息不可能取此值',
      'unknown-rule': '不是 PolicyLens 检查的规则',
      'unknown-page': '读取自 PolicyLens 不认识的页面',
      'future-time': '时间在将来',
      'too-long': '过长',
      malformed: '不是 PolicyLens 保存的格式',
      'wrong-key': '保存在另一个账号下',
    },
    droppedDismiss: '清除此列表',
    rules: '规则',
    rulesIntro: '此版本 PolicyLens 检查的全部规则，按流程排列；说明和依据以两种语言列出。',
    newestChange: (date) => `规则中最近的生效日期：${date}`,
    flowOf: (count) => `${count} 条规则`,
    severity: { block: '不满足将被拒绝', warn: '警告', info: '提示' },
    ruleFields: { message: '说明', fail: '不满足时', source: '依据', versions: '各时期版本' },
    effective,
    approximately,
    always: '始终',
    langNames: { 'zh-CN': '中文', en: 'English' },
    age,
    pageCheck: {
      open: '检查本页',
      title: '页面检查',
      intro:
        'PolicyLens 在本页逐项读到的内容。控制台改版后如果有内容读不到，可复制报告附在问题反馈中：除非你选择包含，报告不含读到的值。',
      again: '重新检查',
      reading: '正在检查本页…',
      noTab: '没有可检查的伙伴中心页面：请先打开一个页面，再从 PolicyLens 弹窗打开本检查。',
      matched: (title, id) => `页面：${title}（${id}）`,
      noPage: 'PolicyLens 的页面映射都不匹配本页。',
      candidates: (pages) => `本页地址符合 ${pages}，但页面上没有用来确认的标题。`,
      account: (name) => `当前账号：${name}`,
      noAccount: '当前账号：未识别',
      basis: {
        'header-label': '顶部栏有账号标签',
        'header-and-page': '顶部栏显示的名称与总览页“账号名”一致',
        'header-seen': '顶部栏显示的是本浏览器在总览页见过的账号',
        page: '未找到顶部栏，由总览页“账号名”确定',
        unknown: '顶部栏中没有本浏览器见过的账号：打开一次总览页即可识别',
        ambiguous: '顶部栏显示了多个已知账号',
        disagree: '顶部栏与页面显示的账号不一致',
      },
      topBar: '顶部栏文字',
      columns: { field: '字段', label: '标签', status: '结果', text: '读到的文字', value: '取值' },
      status: {
        found: '已找到',
        empty: '已找到，未填写',
        placeholder: '数据尚未加载',
        unmatched: '文字无法识别',
        missing: '未找到',
      },
      inTopBar: '顶部栏',
      summary: (found, total) => `共 ${total} 个字段，找到 ${found} 个。`,
      copy: '复制报告',
      includeValues: '包含读到的值（默认不含）',
      copied: '报告已复制。',
      copyFailed: '无法复制报告：请在下方选中报告后手动复制。',
    },
  },

  catalogue: {
    pageTitle: '规则目录',
    title: '规则目录',
    all: '同时满足：',
    any: '满足其一：',
    not: '不满足：',
    always: '始终适用',
    noRequirement: '无：提示信息，适用时即显示',
    severity: {
      block: '申请将被拒绝',
      warn: '警告，可继续操作',
      info: '仅供参考',
    },
    from: (date) => `自 ${date} 起`,
    until: (date) => `${date} 之前`,
    dateSeparator: '，',
    approximately,
    alwaysInEffect: '始终有效',
    appliesWhen: '适用条件',
    requires: '要求',
    message: '提示',
    whenItFails: '不满足时',
    whenItFailsNth: (n) => `不满足时 ${n}`,
    cause: (condition) => `若${condition}：`,
    otherCauses: '其他情况：',
    facts: '事实',
  },

  cli: {
    date: (at, isToday) => (isToday ? `${at}，今天（北京时间）` : at),
    why: '原因',
    eligible: { pass: '符合条件', fail: '不符合条件', unknown: '尚无法判断' },
    summary: '汇总',
  },

  store: {
    name: 'PolicyLens',
    description:
      '在华为云伙伴中心的表单旁显示政策要求：检查清单、字段提示和申请资格，全部在你的电脑上计算。',
  },
};
