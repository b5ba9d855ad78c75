import { cleanText } from '../text.ts';
import { CONTROL } from './labels.ts';

// Elements are told apart by tag name, never by `instanceof HTMLInputElement`: the same code
// reads pages in the browser and, for `policylens pages check`, a DOM built in Node.

function asInput(el: Element): HTMLInputElement | null {
  return el.tagName === 'INPUT' ? (el as HTMLInputElement) : null;
}

/** What a control shows: a checked state, or texts (what is displayed, then alternatives). */
export type ControlReading =
  { kind: 'checked'; isChecked: boolean } | { kind: 'text'; texts: string[] } | { kind: 'none' };

const NONE: ControlReading = { kind: 'none' };

function texts(...values: (string | null | undefined)[]): ControlReading {
  const list = values.map((v) => cleanText(v ?? '')).filter(Boolean);
  return list.length ? { kind: 'text', texts: [...new Set(list)] } : NONE;
}

function shownText(el: Element): string {
  return cleanText(el.textContent ?? '');
}

/** The visible name of a choice (a radio, an option): its label, aria-label or text. */
function choiceText(el: Element): string[] {
  const doc = el.ownerDocument;
  const out: string[] = [];
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    out.push(
      labelledBy
        .split(/\s+/u)
        .map((id) => shownText(doc.getElementById(id) ?? doc.createElement('i')))
        .join(' '),
    );
  }
  out.push(el.getAttribute('aria-label') ?? '');
  if (el.id) {
    for (const label of doc.querySelectorAll('label[for]')) {
      if (label.getAttribute('for') === el.id) out.push(shownText(label));
    }
  }
  const wrapping = el.closest('label');
  if (wrapping) out.push(shownText(wrapping));
  out.push(shownText(el));
  // A native radio or checkbox drawn before its text, with no label tying them.
  const next = el.nextSibling;
  if (next && !wrapping && el.matches('input')) out.push(next.textContent ?? '');
  const input = asInput(el);
  if (input) out.push(input.value);
  return out.map(cleanText).filter(Boolean);
}

function isAriaChecked(el: Element): boolean {
  return el.getAttribute('aria-checked') === 'true';
}

function readOne(el: Element): ControlReading {
  const input = asInput(el);
  if (input) {
    if (input.type === 'checkbox') return { kind: 'checked', isChecked: input.checked };
    if (input.type === 'radio') return input.checked ? texts(...choiceText(input)) : NONE;
    if (input.value) return texts(input.value);
    const role = input.getAttribute('role');
    if (role === 'combobox') return comboboxText(input);
    // A number box keeps its number in aria-valuenow too (a page saved from a Vue or Angular
    // app has no value attribute: the framework sets the value as a property).
    if (role === 'spinbutton') return texts(input.getAttribute('aria-valuenow'));
    // A select drawn as a box that shows its choice as text beside an empty read-only input
    // (Arco's select view: the input only takes a search). Only its own box: further out
    // are the field's hints.
    if (input.readOnly) return boxText(input, 1);
    return NONE;
  }
  if (el.tagName === 'SELECT') {
    const selected = [...(el as HTMLSelectElement).options].filter((o) => o.selected);
    if (selected.length === 0) return NONE;
    return texts(...selected.map((o) => o.text), ...selected.map((o) => o.value));
  }
  if (el.tagName === 'TEXTAREA') return texts((el as HTMLTextAreaElement).value);
  const role = el.getAttribute('role');
  switch (role) {
    case 'checkbox':
    case 'switch':
      return { kind: 'checked', isChecked: isAriaChecked(el) };
    case 'radio':
      return isAriaChecked(el) ? texts(...choiceText(el)) : NONE;
    case 'radiogroup':
      return readGroup(el);
    case 'listbox':
      return selectedOptions(el);
    case 'combobox':
      return comboboxText(el);
    case 'spinbutton':
      return texts(el.getAttribute('aria-valuenow'), shownText(el));
    default:
      return texts(shownText(el));
  }
}

function selectedOptions(listbox: Element): ControlReading {
  const chosen = [...listbox.querySelectorAll('[role="option"][aria-selected="true"]')];
  return chosen.length ? texts(...chosen.flatMap(choiceText)) : NONE;
}

/**
 * A combobox shows its choice as text (a div), as its value (an input), or only through the
 * option its popup marks as selected; UI libraries put the text in a box around the input.
 */
function comboboxText(el: Element): ControlReading {
  const doc = el.ownerDocument;
  const active = el.getAttribute('aria-activedescendant');
  const activeEl = active ? doc.getElementById(active) : null;
  if (!asInput(el)) {
    const own = shownText(el);
    if (own) return texts(own);
  }
  for (const id of `${el.getAttribute('aria-controls') ?? ''} ${el.getAttribute('aria-owns') ?? ''}`
    .split(/\s+/u)
    .filter(Boolean)) {
    const popup = doc.getElementById(id);
    const reading = popup ? selectedOptions(popup) : NONE;
    if (reading.kind !== 'none') return reading;
  }
  if (activeEl?.getAttribute('aria-selected') === 'true') return texts(...choiceText(activeEl));
  return boxText(el, 3);
}

/** The text of the nearest box (`levels` up at most) around a control that holds no other. */
function boxText(el: Element, levels: number): ControlReading {
  let box = el.parentElement;
  for (let i = 0; box && i < levels; i++, box = box.parentElement) {
    if (box.querySelectorAll(CONTROL).length > 1) break;
    const shown = shownText(box);
    if (shown) return texts(shown);
  }
  return NONE;
}

function readGroup(group: Element): ControlReading {
  const chosen = [
    ...group.querySelectorAll('input[type="radio"]:checked, [role="radio"][aria-checked="true"]'),
  ];
  return chosen.length ? texts(...chosen.flatMap(choiceText)) : NONE;
}

/** Controls of one field, strongest first: a choice made beats the text around it. */
const PRIORITY = [
  'input[type="radio"], [role="radio"], [role="radiogroup"]',
  'select, [role="combobox"], [role="listbox"]',
  'input[type="checkbox"], [role="checkbox"], [role="switch"]',
  'textarea, input, [role="textbox"], [role="spinbutton"], [contenteditable="true"]',
];

/**
 * Reads a control, or the region holding a field's controls (a radio group, a select
 * wrapped in a UI library's boxes): its checked state or the text of its choice.
 */
export function readControl(region: Element): ControlReading {
  const radio = asInput(region);
  if (radio && radio.type === 'radio' && radio.name) {
    const scope = radio.form ?? radio.ownerDocument;
    const checked = [...scope.querySelectorAll('input[type="radio"]')].find(
      (r) => (r as HTMLInputElement).name === radio.name && (r as HTMLInputElement).checked,
    );
    return checked ? texts(...choiceText(checked)) : NONE;
  }
  if (region.matches(CONTROL) && !region.matches('[role="radio"], input[type="radio"]'))
    return readOne(region);
  for (const selector of PRIORITY) {
    const found = [
      ...(region.matches(selector) ? [region] : []),
      ...region.querySelectorAll(selector),
    ];
    if (found.length === 0) continue;
    if (found.some((f) => f.matches('input[type="radio"], [role="radio"]'))) {
      return readGroup(
        region.matches('input, [role="radio"]') ? (region.parentElement ?? region) : region,
      );
    }
    return readOne(found[0]!);
  }
  return NONE;
}
