import type { FactValue, PageField } from '../../engine/pages.ts';
import { normalizeText, parseDate, parseMonth, parseNumber } from '../text.ts';
import { readControl, type ControlReading } from './controls.ts';
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

export interface PageFacts {
  /** Dotted fact name -> value, for every field found with a value. */
  facts: Record<string, FactValue>;
  fields: FieldReading[];
}

/**
 * Reads the page's fields into facts. A field that is not on the page, is empty, or shows a
 * text its page map does not know gives no fact: it stays unknown, never false or zero.
 * The first field that gives a fact wins (the page's own fields come before shared ones).
 */
export function extractFacts(doc: Document, fields: PageField[]): PageFacts {
  const text = new PageText(
    doc,
    fields.flatMap((f) => f.labels),
  );
  const facts: Record<string, FactValue> = {};
  const readings: FieldReading[] = [];
  for (const field of fields) {
    if (field.fact in facts) continue;
    const reading = readField(text, field);
    if (!reading) continue;
    readings.push(reading);
    for (const [name, value] of Object.entries(reading.facts)) {
      if (!(name in facts)) facts[name] = value;
    }
  }
  return { facts, fields: readings };
}

function readField(text: PageText, field: PageField): FieldReading | null {
  const locations = locateField(text, field.labels, field.region ? { region: field.region } : {});
  let fallback: FieldReading | null = null;
  for (const location of locations) {
    const reading = readLocation(location);
    const facts = mapValue(field, reading);
    const found: FieldReading = {
      field,
      facts: facts ?? {},
      form: location.form,
      anchor: location.anchor,
      ...(location.control ? { control: location.control } : {}),
    };
    if (facts) return found;
    // An editable field with nothing in it yet is still where its warning goes.
    fallback ??= location.control ? found : null;
  }
  return fallback;
}

function readLocation(location: FieldLocation): ControlReading {
  if (location.control) return readControl(location.control);
  if (location.valueText) return { kind: 'text', texts: [location.valueText] };
  if (location.valueEl) {
    // Read-only text may carry an action beside the value ("未绑定 去绑定"): each text run
    // is also tried on its own.
    const whole = location.valueEl.textContent ?? '';
    const runs = [...textRuns(location.valueEl)];
    return {
      kind: 'text',
      texts: [whole, ...runs].map((t) => t.trim().replace(/\s+/gu, ' ')).filter(Boolean),
    };
  }
  return { kind: 'none' };
}

function* textRuns(el: Element): Generator<string> {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.textContent?.trim()) yield node.textContent;
  }
}

/** The facts a reading means for a field, or null when it means nothing yet. */
export function mapValue(
  field: PageField,
  reading: ControlReading,
): Record<string, FactValue> | null {
  if (reading.kind === 'none') return null;
  if (reading.kind === 'checked') {
    return field.type === 'boolean' ? { [field.fact]: reading.isChecked } : null;
  }
  const [shown] = reading.texts;
  if (shown === undefined) return null;
  if (field.values) {
    const matched = matchValue(field, reading.texts);
    if (matched) return { ...matched };
    return field.otherwise !== undefined ? { [field.fact]: field.otherwise } : null;
  }
  const value = convert(field.type, shown);
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
