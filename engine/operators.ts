import { isDate, isMonth, previousMonth } from './dates.ts';
import { isSameEntity } from './names.ts';
import { words, type OperatorName } from '../locales/index.ts';
import type { FactType, Lang } from './types.ts';

/** What an operator's `value` must be, relative to the fact it compares. */
export type ValueKind = 'same' | 'list' | 'number' | 'date' | 'day';

export interface OperatorDef {
  /** Fact types the operator accepts on its left. */
  factTypes: FactType[];
  value: ValueKind;
  /** Only for operators json-rules-engine lacks; called with both sides known. */
  evaluate?: (fact: unknown, value: unknown) => boolean;
}

const COMPARABLE: FactType[] = ['string', 'boolean', 'number', 'enum', 'month', 'date'];

// Every operator has words in locales/ (`satisfies` refuses one without, or words for none).
export const OPERATORS: Record<string, OperatorDef> = {
  equal: { factTypes: COMPARABLE, value: 'same' },
  notEqual: { factTypes: COMPARABLE, value: 'same' },
  in: { factTypes: COMPARABLE, value: 'list' },
  notIn: { factTypes: COMPARABLE, value: 'list' },
  lessThan: {
    factTypes: ['number'],
    value: 'number',
  },
  lessThanInclusive: {
    factTypes: ['number'],
    value: 'number',
  },
  greaterThan: {
    factTypes: ['number'],
    value: 'number',
  },
  greaterThanInclusive: {
    factTypes: ['number'],
    value: 'number',
  },
  sameEntity: {
    factTypes: ['string'],
    value: 'same',
    evaluate: (a, b) => typeof a === 'string' && typeof b === 'string' && isSameEntity(a, b),
  },
  notSameEntity: {
    factTypes: ['string'],
    value: 'same',
    evaluate: (a, b) => typeof a === 'string' && typeof b === 'string' && !isSameEntity(a, b),
  },
  monthBefore: {
    factTypes: ['month'],
    value: 'date',
    evaluate: (month, date) => isMonth(month) && isDate(date) && previousMonth(date) === month,
  },
  dayOfMonthAfter: {
    factTypes: ['date'],
    value: 'day',
    evaluate: (date, day) => isDate(date) && typeof day === 'number' && Number(date.slice(8)) > day,
  },
} satisfies Record<OperatorName, OperatorDef>;

export const OPERATOR_NAMES = Object.keys(OPERATORS);

/** An operator in plain words ("is one of" / "属于"); an unknown name as written. */
export function operatorWords(name: string, lang: Lang): string {
  return Object.hasOwn(OPERATORS, name)
    ? words(lang).conditions.operators[name as OperatorName]
    : name;
}

/** A whole comparison in words: "Invoice title names the same entity as ..." / "发票抬头与…为同一主体". */
export function comparison(name: string, subject: string, object: string, lang: Lang): string {
  return Object.hasOwn(OPERATORS, name)
    ? words(lang).conditions.phrases[name as OperatorName](subject, object)
    : `${subject} ${name} ${object}`;
}
