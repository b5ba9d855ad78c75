import type { FactValue, PageField } from '../../engine/pages.ts';
import {
  cleanValue,
  isPlaceholder,
  isPrompt,
  normalizeText,
  parseDate,
  parseMonth,
  parseNumber,
} from '../text.ts';
import { readControl, type ControlReading } from './controls.ts';
import { valueTexts } from './decorations.ts';
import {
  locateField,
  PageText,
  type Anchor,
  type FieldLocation,
  type LabelForm,
} from './labels.ts';

/** A field read from the page: the facts it gave and where it is. */
export interface FieldReading {
  field: PageField;
  facts: Record<string, FactValue>;
  form: LabelForm;
  /** Where its inline warning goes. */
  anchor: Anchor;
  /** The element the partner edits (absent for read-only text). */
  control?: Element;
}

/**
 * What became of a field, for the page check:
 * - `found`: it gave its facts;
 * - `empty`: a control with nothing chosen or typed yet;
 * - `placeholder`: read-only text showing nothing, `--`, a skeleton or a loading text: the
 *   data has not arrived;
 * - `unmatched`: it shows a text that none of its listed values has (or no number, month or
 *   date): a page map to update;
 * - `missing`: none of its labels is on the page.
 */
export type FieldStatus = 'found' | 'empty' | 'placeholder' | 'unmatched' | 'missing';

export interface FieldCheck {
  field: PageField;
  status: FieldStatus;
  /** The label it was found by, normalized (absent when missing). */
  label?: string;
  form?: LabelForm;
  /** What the page shows as its value. */
  text?: string;
  facts: Record<string, FactValue>;
}

export interface PageFacts {
  /** Dotted fact name -> value, for every field found with a value. */
  facts: Record<string, FactValue>;
  /** The fields found (with facts, or editable and empty), for warnings and the guard. */
  fields: FieldReading[];
  /** Every field of the page map, found or not. */
  checks: FieldCheck[];
}

/**
 * Reads the page's fields into facts. A field that is not on the page, is empty, shows a
 * placeholder, or shows a text its page map does not know gives no fact: it stays unknown,
 * never false or zero. The first field that gives a fact wins (the page's own fields come
 * before shared ones).
 */
export function extractFacts(doc: Document, fields: PageField[], text?: PageText): PageFacts {
  const pageText =
    text ??
    new PageText(
      doc,
      fields.flatMap((f) => f.labels),
    );
  const facts: Record<string, FactValue> = {};
  const readings: FieldReading[] = [];
  const checks: FieldCheck[] = [];
  for (const field of fields) {
    const { reading, check } = readField(pageText, field);
    checks.push(check);
    if (Object.hasOwn(facts, field.fact) || !reading) continue;
    readings.push(reading);
    for (const [name, value] of Object.entries(reading.facts)) {
      if (!Object.hasOwn(facts, name)) facts[name] = value;
    }
  }
  return { facts, fields: readings, checks };
}

/** How a field's shown value reads. */
interface Interpretation {
  status: Exclude<FieldStatus, 'missing'>;
  facts: Record<string, FactValue>;
  text?: string;
}

function readField(
  text: PageText,
  field: PageField,
): { reading: FieldReading | null; check: FieldCheck } {
  const locations = locateField(text, field.labels, field.region ? { region: field.region } : {});
  let fallback: FieldReading | null = null;
  let first: { location: FieldLocation; meaning: Interpretation } | undefined;
  for (const location of locations) {
    const meaning = interpret(field, readLocation(location));
    first ??= { location, meaning };
    const found: FieldReading = {
      field,
      facts: meaning.facts,
      form: location.form,
      anchor: location.anchor,
      ...(location.control ? { control: location.control } : {}),
    };
    if (meaning.status === 'found')
      return { reading: found, check: checkOf(field, location, meaning) };
    // An editable field with nothing in it yet is still where its warning goes.
    fallback ??= location.control ? found : null;
  }
  const check: FieldCheck = first
    ? checkOf(field, first.location, first.meaning)
    : { field, status: 'missing', facts: {} };
  return { reading: fallback, check };
}

function checkOf(field: PageField, location: FieldLocation, meaning: Interpretation): FieldCheck {
  return {
    field,
    status: meaning.status,
    label: location.label,
    form: location.form,
    ...(meaning.text !== undefined ? { text: meaning.text } : {}),
    facts: meaning.facts,
  };
}

/** What a located field shows. */
type Shown =
  ControlReading | { kind: 'value'; plain: string; candidates: string[]; isLoading: boolean };

function readLocation(location: FieldLocation): Shown {
  if (location.control) return readControl(location.control);
  if (location.valueText !== undefined) {
    const plain = cleanValue(location.valueText);
    return { kind: 'value', plain, candidates: plain ? [plain] : [], isLoading: false };
  }
  if (location.valueEl) return { kind: 'value', ...valueTexts(location.valueEl) };
  return { kind: 'none' };
}

/** The facts a reading means for a field, or why it means none. */
function interpret(field: PageField, shown: Shown): Interpretation {
  if (shown.kind === 'none') return { status: 'empty', facts: {} };
  if (shown.kind === 'checked') {
    return field.type === 'boolean'
      ? { status: 'found', facts: { [field.fact]: shown.isChecked }, text: String(shown.isChecked) }
      : { status: 'unmatched', facts: {} };
  }
  const [plain, candidates, isLoading] =
    shown.kind === 'text'
      ? [shown.texts[0] ?? '', shown.texts, false]
      : [shown.plain, shown.candidates, shown.isLoading];
  // Read-only text that shows nothing yet is waiting for its data, like a `--`.
  if (isLoading || (shown.kind === 'value' && plain === '')) {
    return { status: 'placeholder', facts: {}, text: plain };
  }
  // A control showing its prompt (请选择) has nothing chosen yet.
  if (plain === '' || isPrompt(plain)) return { status: 'empty', facts: {} };
  if (isPlaceholder(plain)) return { status: 'placeholder', facts: {}, text: plain };
  const facts = mapValue(field, plain, candidates);
  return facts
    ? { status: 'found', facts, text: plain }
    : { status: 'unmatched', facts: {}, text: plain };
}

/** The facts a shown text means for a field (`candidates`: the alternatives to match). */
function mapValue(
  field: PageField,
  plain: string,
  candidates: string[],
): Record<string, FactValue> | null {
  if (field.values) {
    const matched = matchValue(field, [plain, ...candidates]);
    if (matched) return { ...matched };
    return field.otherwise !== undefined ? { [field.fact]: field.otherwise } : null;
  }
  const value = convert(field.type, plain);
  return value === undefined ? null : { [field.fact]: value };
}

function matchValue(field: PageField, texts: string[]): Record<string, FactValue> | null {
  const values = field.values ?? [];
  const normalized = texts.map(normalizeText);
  for (const text of normalized) {
    const hit = values.find((v) => v.texts.some((t) => normalizeText(t) === text));
    if (hit) return hit.facts;
  }
  // The value followed by more words ("已认证（企业） 查看详情"): the longest value text that
  // starts the shown text and ends at a word boundary.
  const [first] = normalized;
  let best: { facts: Record<string, FactValue>; length: number } | null = null;
  for (const v of values) {
    for (const t of v.texts.map(normalizeText)) {
      if (
        first &&
        first.startsWith(t) &&
        /^[\s(（,，;；|/-]/u.test(first.slice(t.length)) &&
        t.length > (best?.length ?? 0)
      ) {
        best = { facts: v.facts, length: t.length };
      }
    }
  }
  return best?.facts ?? null;
}

function convert(type: PageField['type'], text: string): FactValue | undefined {
  switch (type) {
    case 'number':
      return parseNumber(text);
    case 'month':
      return parseMonth(text);
    case 'date':
      return parseDate(text);
    case 'boolean':
      return undefined;
    default:
      return text;
  }
}
