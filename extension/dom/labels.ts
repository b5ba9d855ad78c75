import { isOwnNode } from '../shadow.ts';
import { cleanText, normalizeLabel } from '../text.ts';
import { isDecoration, isHiddenByStyle, labelText, UNSHOWN } from './decorations.ts';
import { findTopBars } from './top-bar.ts';

/** Form controls, native and ARIA (UI libraries draw selects and checkboxes with divs). */
export const CONTROL = [
  'input:not([type="hidden"])',
  'select',
  'textarea',
  '[role="combobox"]',
  '[role="listbox"]',
  '[role="radiogroup"]',
  '[role="radio"]',
  '[role="checkbox"]',
  '[role="switch"]',
  '[role="textbox"]',
  '[role="spinbutton"]',
  '[contenteditable="true"]',
].join(', ');

/** How a field's label was tied to its control or value (domain.md section 5 lists them). */
export type LabelForm =
  | 'label-for'
  | 'label-wrap'
  | 'aria-labelledby'
  | 'aria-label'
  | 'control-text'
  | 'beside'
  | 'inline-text';

/** Where a warning goes: inside `el` as its last child, or right after it. */
export interface Anchor {
  el: Element;
  placement: 'append' | 'after';
}

/** A field found on the page. */
export interface FieldLocation {
  form: LabelForm;
  /** The label it was found by, normalized. */
  label: string;
  /** The control, or the region holding the field's controls (a radio group's box). */
  control?: Element;
  /** A read-only value shown as text beside the label. */
  valueEl?: Element;
  valueText?: string;
  anchor: Anchor;
}

const NOT_CONTENT = 'script, style, noscript, template';
/** Texts inside these are values, code or tooltips, never labels. */
const SKIP = `${UNSHOWN}, select, option, textarea`;
const NAVIGATION = 'nav, [role="navigation"], [role="menu"], [role="menubar"], [role="tree"]';
/** Label texts are short; longer runs are paragraphs, not labels. */
const MAX_LABEL = 200;
/** How far up from a label the search for its value goes. */
const MAX_CLIMB = 3;

function isInNavigation(el: Element): boolean {
  return el.closest(NAVIGATION) !== null;
}

export interface PageTextOptions {
  /** The page heading: the top bar is what comes before it, outside the content. */
  heading?: Element | undefined;
}

/**
 * The page's visible texts indexed once per read, for the labels being looked for: element
 * text, `aria-label` and `aria-labelledby`, each keyed by the normalized label text. Only text
 * that can be (part of) one of the labels is looked at closely, so a long page costs little.
 * A label's help icons, tooltips, stars and colons are not part of its text.
 */
export class PageText {
  private readonly texts = new Map<Element, string>();
  private readonly labels = new Map<Element, string>();
  private topBars?: Element[];
  private readonly byText = new Map<string, Node[]>();
  private byAriaLabel?: Map<string, Element[]>;
  private byLabelledBy?: Map<string, Element[]>;
  private readonly inline: Text[] = [];

  constructor(
    readonly doc: Document,
    labels: string[],
    private readonly options: PageTextOptions = {},
  ) {
    const body = doc.body;
    if (!body) return;
    const wanted = new Set(labels.map(normalizeLabel));
    // Every label, one per line: a text run that is a piece of a label is found in it.
    const blob = [...wanted].join('\n');
    const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text;
      const own = normalizeLabel(text.data);
      if (!own) continue;
      const isPiece = blob.includes(own);
      const isInline =
        !isPiece && own.includes(':') && wanted.has(normalizeLabel(own.slice(0, own.indexOf(':'))));
      if (!isPiece && !isInline) continue;
      const parent = text.parentElement;
      if (!parent || parent.closest(SKIP) || isOwnNode(parent)) continue;
      if (hasDecoratingAncestor(parent, body) || this.isInClosedLayer(parent)) continue;
      if (isInline) {
        this.inline.push(text);
        continue;
      }
      // A bare text node can be the label when its parent holds the control too.
      if (wanted.has(own)) add(this.byText, own, text);
      let el: Element | null = parent;
      for (let level = 0; el && el !== body && level <= MAX_CLIMB; level++, el = el.parentElement) {
        const shown = this.labelOf(el);
        if (shown.length > MAX_LABEL) break;
        const key = normalizeLabel(shown);
        if (wanted.has(key)) add(this.byText, key, el);
      }
    }
  }

  private readonly closedLayers = new Map<Element, boolean>();

  /**
   * True inside a closed pop-up: a layer the page keeps at the top of the body, hidden by its
   * style, after its menu or tooltip was closed (`ant-dropdown`, `t-popup`, `el-popper`).
   * Its `Partner status: Joined` is not what the page shows. A collapsed section inside the
   * app is still read.
   */
  private isInClosedLayer(el: Element): boolean {
    let layer = el;
    while (layer.parentElement && layer.parentElement !== this.doc.body)
      layer = layer.parentElement;
    let closed = this.closedLayers.get(layer);
    if (closed === undefined) {
      closed = layer.parentElement === this.doc.body && isHiddenByStyle(layer);
      this.closedLayers.set(layer, closed);
    }
    return closed;
  }

  /** The element's text as shown, memoized for this read. */
  textOf(el: Element): string {
    let text = this.texts.get(el);
    if (text === undefined) {
      text = cleanText(el.textContent ?? '');
      this.texts.set(el, text);
    }
    return text;
  }

  /** The element's text as a label: without its help icons, tooltips and stars. */
  labelOf(el: Element): string {
    let text = this.labels.get(el);
    if (text === undefined) {
      text = labelText(el);
      this.labels.set(el, text);
    }
    return text;
  }

  /** True inside the page's top bar, where the signed-in account shows. */
  isInTopBar(el: Element): boolean {
    this.topBars ??= findTopBars(this.doc, this.options.heading);
    return this.topBars.some((bar) => bar.contains(el));
  }

  /** The page's top bars (none when it has none that can be told). */
  topBarElements(): Element[] {
    this.topBars ??= findTopBars(this.doc, this.options.heading);
    return this.topBars;
  }

  /** Elements (and bare text nodes) whose whole text is the label. */
  nodesShowing(label: string): Node[] {
    return this.byText.get(label) ?? [];
  }

  elementsNamed(label: string): Element[] {
    if (!this.byAriaLabel) {
      this.byAriaLabel = new Map();
      for (const el of this.doc.querySelectorAll('[aria-label]')) {
        if (!isOwnNode(el))
          add(this.byAriaLabel, normalizeLabel(el.getAttribute('aria-label') ?? ''), el);
      }
    }
    return this.byAriaLabel.get(label) ?? [];
  }

  elementsLabelledBy(label: string): Element[] {
    if (!this.byLabelledBy) {
      this.byLabelledBy = new Map();
      for (const el of this.doc.querySelectorAll('[aria-labelledby]')) {
        if (isOwnNode(el)) continue;
        const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/u).filter(Boolean);
        const text = ids
          .map((id) => this.doc.getElementById(id))
          .filter((e): e is HTMLElement => e !== null)
          .map((e) => this.labelOf(e))
          .join(' ');
        add(this.byLabelledBy, normalizeLabel(text), el);
      }
    }
    return this.byLabelledBy.get(label) ?? [];
  }

  /** Text nodes reading `label: value` in one run (`账号名：acme`). */
  inlineValues(label: string): { node: Text; value: string }[] {
    const out: { node: Text; value: string }[] = [];
    for (const node of this.inline) {
      const rest = node.data.normalize('NFKC').trim();
      const colon = rest.indexOf(':');
      if (colon < 0 || normalizeLabel(rest.slice(0, colon)) !== label) continue;
      const value = cleanText(rest.slice(colon + 1));
      if (value) out.push({ node, value });
    }
    return out;
  }
}

/** A text inside a help icon or tooltip trigger (a `?` with a title) is never a label. */
function hasDecoratingAncestor(el: Element, body: Element): boolean {
  for (let e: Element | null = el; e && e !== body; e = e.parentElement) {
    if (isDecoration(e)) return true;
  }
  return false;
}

function add<T>(map: Map<string, T[]>, key: string, el: T): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [el]);
  else if (!list.includes(el)) list.push(el);
}

export interface LocateOptions {
  /** Only inside the page header; otherwise the header and navigation are left out. */
  region?: 'header';
}

/**
 * Every place the page shows a field with one of these labels, best first: explicit ties
 * (`<label for>`, a wrapping `<label>`, `aria-labelledby`, `aria-label`, a control's own
 * text) before a UI library's label cell beside its control or read-only value.
 */
export function locateField(
  text: PageText,
  labels: string[],
  options: LocateOptions = {},
): FieldLocation[] {
  const inScope = (el: Element) =>
    options.region === 'header' ? text.isInTopBar(el) : !text.isInTopBar(el) && !isInNavigation(el);
  const explicit: FieldLocation[] = [];
  const beside: FieldLocation[] = [];
  for (const label of new Set(labels.map(normalizeLabel))) {
    for (const el of text.elementsLabelledBy(label)) {
      if (inScope(el)) explicit.push(controlLocation('aria-labelledby', label, el));
    }
    for (const el of text.elementsNamed(label)) {
      if (inScope(el) && isControlOrGroup(el)) {
        explicit.push(controlLocation('aria-label', label, el));
      }
    }
    for (const node of text.nodesShowing(label)) {
      const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
      if (!el || !inScope(el)) continue;
      const found = resolveLabel(node, el, label, text);
      if (found) (found.form === 'beside' ? beside : explicit).push(found);
    }
    for (const { node, value } of text.inlineValues(label)) {
      const parent = node.parentElement;
      if (parent && inScope(parent)) {
        beside.push({
          form: 'inline-text',
          label,
          valueText: value,
          anchor: { el: parent, placement: 'append' },
        });
      }
    }
  }
  return dedupe([...explicit, ...beside]);
}

function dedupe(locations: FieldLocation[]): FieldLocation[] {
  const seen = new Set<Element | string>();
  return locations.filter((l) => {
    const key = l.control ?? l.valueEl ?? `${l.valueText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isControlOrGroup(el: Element): boolean {
  return el.matches(CONTROL) || el.matches('[role="group"], fieldset');
}

const VOID = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'IMG', 'BR', 'HR']);

function anchorAfter(el: Element): Anchor {
  // A control inside a <label> gets its warning after the label: a click on the warning
  // must never toggle the control.
  const label = el.parentElement?.closest('label');
  return { el: label ?? el, placement: 'after' };
}

function controlLocation(form: LabelForm, label: string, control: Element): FieldLocation {
  return { form, label, control, anchor: anchorAfter(control) };
}

/**
 * The field a label belongs to: by `for`, by wrapping, by the control's own text, or beside.
 * `node` shows the label; `el` is it or, for a bare text node, its parent.
 */
function resolveLabel(
  node: Node,
  el: Element,
  label: string,
  text: PageText,
): FieldLocation | null {
  const labelEl = el.closest('label');
  if (labelEl) {
    const id = labelEl.getAttribute('for');
    const target = id ? el.ownerDocument.getElementById(id) : null;
    if (target && !isOwnNode(target)) {
      return { form: 'label-for', label, control: target, anchor: regionAnchor(labelEl, target) };
    }
    const inner = labelEl.querySelector(CONTROL);
    if (inner) {
      const anchor: Anchor = { el: labelEl, placement: 'after' };
      return { form: 'label-wrap', label, control: inner, anchor };
    }
  }
  const own = el.closest('[role="checkbox"], [role="switch"]');
  if (own) {
    return { form: 'control-text', label, control: own, anchor: { el: own, placement: 'after' } };
  }
  if (node === el && (el.matches(CONTROL) || el.querySelector(CONTROL))) return null;

  // The label unit: the outermost element still showing only the label.
  let unit: Node = labelEl ?? (normalizeLabel(text.labelOf(el)) === label ? el : node);
  while (
    unit.parentElement &&
    unit.parentElement !== el.ownerDocument.body &&
    normalizeLabel(text.labelOf(unit.parentElement)) === label &&
    !unit.parentElement.querySelector(CONTROL)
  ) {
    unit = unit.parentElement;
  }
  return besideOf(unit, label, text);
}

/**
 * A UI library's label cell: the control or read-only value that follows it. Help icons,
 * colons and stars between them are passed over; the first other element is the value cell,
 * even when it is still empty (its data has not arrived), so a late value is never taken
 * from the next row. The search climbs out of the label only through elements that hold
 * nothing but the label.
 */
function besideOf(unit: Node, label: string, text: PageText): FieldLocation | null {
  const body = unit.ownerDocument?.body;
  let node: Node | null = unit;
  for (let depth = 0; node && depth <= MAX_CLIMB; depth++, node = node.parentElement) {
    if (node === body) break;
    if (depth > 0 && normalizeLabel(text.labelOf(node as Element)) !== label) break;
    const here: Element = node.nodeType === 1 ? (node as Element) : node.parentElement!;
    const below = node === here ? cellBelow(here) : undefined;
    if (below !== undefined) return below ? cellLocation(below, label) : null;
    for (let sib = node.nextSibling; sib; sib = sib.nextSibling) {
      if (sib.nodeType === 3) {
        const value = cleanText(sib.textContent ?? '');
        if (value && normalizeLabel(value) !== '') {
          const anchorEl = node.parentElement ?? here;
          return {
            form: 'beside',
            label,
            valueText: value.replace(/^[:：]\s*/u, ''),
            anchor: { el: anchorEl, placement: 'append' },
          };
        }
        continue;
      }
      if (sib.nodeType !== 1) continue;
      const sibling = sib as Element;
      if (isOwnNode(sibling) || sibling.matches(NOT_CONTENT)) continue;
      if (sibling.matches(CONTROL) || sibling.querySelector(CONTROL)) {
        return {
          form: 'beside',
          label,
          control: sibling,
          anchor: VOID.has(sibling.tagName)
            ? { el: sibling, placement: 'after' }
            : { el: sibling, placement: 'append' },
        };
      }
      if (isDecoration(sibling) || isHiddenByStyle(sibling)) continue;
      return {
        form: 'beside',
        label,
        valueEl: sibling,
        anchor: { el: sibling, placement: 'append' },
      };
    }
    // A checkbox drawn right before its text, with no <label> tying them.
    const before = (node as Element | Text).previousElementSibling;
    if (before?.matches('input[type="checkbox"], [role="checkbox"], [role="switch"]')) {
      return {
        form: 'control-text',
        label,
        control: before,
        anchor: { el: here, placement: 'after' },
      };
    }
  }
  return null;
}

/**
 * A column header: a `th` in a row of `th`s, as description lists laid out vertically draw
 * their labels (`ant-descriptions` and `el-descriptions` put every label of a row in one `tr`
 * and their values in the next). Its value is the cell below it, never the next label beside
 * it. `undefined` when the cell is no column header; `null` when nothing is below it.
 */
function cellBelow(cell: Element): Element | null | undefined {
  const row = cell.parentElement;
  if (cell.tagName !== 'TH' || row?.tagName !== 'TR') return undefined;
  if ([...row.children].some((c) => c.tagName === 'TD')) return undefined;
  let next = row.nextElementSibling;
  if (!next && row.parentElement?.tagName === 'THEAD') {
    next = row.parentElement.nextElementSibling?.querySelector('tr') ?? null;
  }
  if (next?.tagName !== 'TR') return null;
  const column = columnOf(cell);
  let start = 0;
  for (const candidate of next.children) {
    const end = start + span(candidate);
    if (column >= start && column < end) return candidate;
    start = end;
  }
  return null;
}

function span(cell: Element): number {
  return Math.max(1, Number(cell.getAttribute('colspan') ?? 1) || 1);
}

function columnOf(cell: Element): number {
  let column = 0;
  for (let sib = cell.previousElementSibling; sib; sib = sib.previousElementSibling) {
    column += span(sib);
  }
  return column;
}

function cellLocation(cell: Element, label: string): FieldLocation {
  const anchor: Anchor = { el: cell, placement: 'append' };
  const control = cell.querySelector(CONTROL);
  return control
    ? { form: 'beside', label, control: cell, anchor }
    : { form: 'beside', label, valueEl: cell, anchor };
}

/** For `<label for>`: the part of the form item that holds the control, if it is its own. */
function regionAnchor(labelEl: Element, control: Element): Anchor {
  let region: Element = control;
  while (region.parentElement && !region.parentElement.contains(labelEl)) {
    region = region.parentElement;
  }
  if (region === control || !region.parentElement) return anchorAfter(control);
  // The region is the control's own box only when it holds no other field.
  const others = [...region.querySelectorAll(CONTROL)].filter(
    (c) => c !== control && !control.contains(c) && !c.contains(control) && !sameGroup(c, control),
  );
  return others.length === 0 ? { el: region, placement: 'append' } : anchorAfter(control);
}

function sameGroup(a: Element, b: Element): boolean {
  const name = a.getAttribute('name');
  return name !== null && name === b.getAttribute('name');
}
