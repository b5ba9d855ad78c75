import { isDate, isMonth, previousMonth } from './dates.ts';
import { isSameEntity } from './names.ts';
import type { FactType } from './types.ts';

/** What an operator's `value` must be, relative to the fact it compares. */
export type ValueKind = 'same' | 'list' | 'number' | 'date' | 'day';

export interface OperatorDef {
  /** Fact types the operator accepts on its left. */
  factTypes: FactType[];
  value: ValueKind;
  /** Plain words for explanations: "account.freeze is none". */
  words: { 'zh-CN': string; en: string };
  /** Only for operators json-rules-engine lacks; called with both sides known. */
  evaluate?: (fact: unknown, value: unknown) => boolean;
}

const COMPARABLE: FactType[] = ['string', 'boolean', 'number', 'enum', 'month', 'date'];

export const OPERATORS: Record<string, OperatorDef> = {
  equal: { factTypes: COMPARABLE, value: 'same', words: { 'zh-CN': '等于', en: 'is' } },
  notEqual: { factTypes: COMPARABLE, value: 'same', words: { 'zh-CN': '不等于', en: 'is not' } },
  in: { factTypes: COMPARABLE, value: 'list', words: { 'zh-CN': '属于', en: 'is one of' } },
  notIn: { factTypes: COMPARABLE, value: 'list', words: { 'zh-CN': '不属于', en: 'is none of' } },
  lessThan: {
    factTypes: ['number'],
    value: 'number',
    words: { 'zh-CN': '小于', en: 'is less than' },
  },
  lessThanInclusive: {
    factTypes: ['number'],
    value: 'number',
    words: { 'zh-CN': '不大于', en: 'is at most' },
  },
  greaterThan: {
    factTypes: ['number'],
    value: 'number',
    words: { 'zh-CN': '大于', en: 'is more than' },
  },
  greaterThanInclusive: {
    factTypes: ['number'],
    value: 'number',
    words: { 'zh-CN': '不小于', en: 'is at least' },
  },
  sameEntity: {
    factTypes: ['string'],
    value: 'same',
    words: { 'zh-CN': '与之为同一主体', en: 'names the same entity as' },
    evaluate: (a, b) => typeof a === 'string' && typeof b === 'string' && isSameEntity(a, b),
  },
  notSameEntity: {
    factTypes: ['string'],
    value: 'same',
    words: { 'zh-CN': '与之不是同一主体', en: 'names another entity than' },
    evaluate: (a, b) => typeof a === 'string' && typeof b === 'string' && !isSameEntity(a, b),
  },
  monthBefore: {
    factTypes: ['month'],
    value: 'date',
    words: { 'zh-CN': '是其上一个月', en: 'is the month before' },
    evaluate: (month, date) => isMonth(month) && isDate(date) && previousMonth(date) === month,
  },
  dayOfMonthAfter: {
    factTypes: ['date'],
    value: 'day',
    words: { 'zh-CN': '的日期晚于当月第', en: 'falls after day' },
    evaluate: (date, day) => isDate(date) && typeof day === 'number' && Number(date.slice(8)) > day,
  },
};

export const OPERATOR_NAMES = Object.keys(OPERATORS);
