import type { ComponentChild } from 'preact';
import { CONTROL, type Anchor } from './dom/labels.ts';
import { createShadowHost, FIELD_WARNING_TAG, isOwnNode, type ShadowHost } from './shadow.ts';

/** How far up from a field the search for its row (label beside value) goes. */
const MAX_CLIMB = 4;
/** The space between a field and its warning, in px. */
const GAP_PX = 4;

/**
 * The hosts' own reset. The panel's CSS comes with WXT's `:host { all: initial !important }`,
 * which would also beat the styles placing a host (an important rule of the shadow tree
 * outranks the host's style attribute); here the reset is a plain rule, so they apply.
 */
const WXT_HOST_RESET = /:host\s*\{\s*all\s*:\s*initial\s*!important\s*;?\s*\}/gu;
const HOST_CSS = ':host { all: initial; display: block; }';

/**
 * Where a warning goes, found from the page's layout rather than its markup:
 * - `row`: after the field's row (its label beside its value), indented to the column that
 *   holds the value, so the warning is as wide as that column and the row itself keeps its
 *   layout: a value never moves away from its label, a radio group is never squeezed;
 * - `grid-row`: the same where label and value are cells of one grid: a row of the grid of
 *   its own, under the value;
 * - `table-row`: a row of the table of its own, under the value's cell;
 * - `anchor`: where the page map put it (a field whose label sits above it, or a row that
 *   cannot be told).
 */
interface Spot {
  kind: 'row' | 'grid-row' | 'table-row' | 'anchor';
  /** The host goes right after this element, or into it for an `anchor` that appends. */
  el: Element;
  placement: 'append' | 'after';
  /** The box that holds the value: the warning starts at its left edge. */
  column?: Element;
  /** The row the field sits in (a flex or grid row, a table row). */
  row?: Element;
}

interface Placed extends ShadowHost {
  spot: Spot;
  /** Where the field was found, to tell when the page moved it. */
  anchor: Anchor;
  isEmpty: boolean;
}

/**
 * The inline warnings' hosts, one under each field that has (or may get) a warning. Hosts
 * are reused while their field stays in place, so a live region exists before a warning
 * appears in it; hosts whose field is gone are removed. A host takes no room while empty.
 */
export class FieldWarningLayer {
  private readonly hosts = new Map<Element, Placed>();
  private readonly resizes: ResizeObserver | undefined;

  constructor(
    private readonly doc: Document,
    private readonly css: () => string,
  ) {
    const View = doc.defaultView?.ResizeObserver;
    // A row that changes width (a window resized, a side menu folded) moves its columns.
    this.resizes = View ? new View(() => this.fitAll()) : undefined;
  }

  /** Renders each anchor's content; anchors not listed lose their host. */
  render(entries: { anchor: Anchor; content: ComponentChild; isEmpty?: boolean }[]): void {
    const wanted = new Set(entries.map((e) => e.anchor.el));
    for (const [el, host] of this.hosts) {
      if (!wanted.has(el)) this.drop(el, host);
    }
    for (const { anchor, content, isEmpty = false } of entries) {
      let host = this.hosts.get(anchor.el);
      if (host && !isInPlace(host)) {
        this.drop(anchor.el, host);
        host = undefined;
      }
      if (!host) {
        host = this.create(anchor);
        this.hosts.set(anchor.el, host);
      }
      host.render(content);
      host.isEmpty = isEmpty;
      const placed = host;
      placed.change(() => fit(placed));
    }
  }

  clear(): void {
    for (const [el, host] of this.hosts) this.drop(el, host);
    this.resizes?.disconnect();
  }

  private create(anchor: Anchor): Placed {
    const spot = spotFor(anchor);
    const css = `${this.css().replace(WXT_HOST_RESET, '')}\n${HOST_CSS}`;
    const doc = this.doc;
    const shadow = createShadowHost(doc, FIELD_WARNING_TAG, css, {
      ...(spot.kind === 'table-row'
        ? {
            wrap: (container: HTMLElement) => {
              // A cell across the whole row; its colspan works from inside the shadow root.
              const cell = doc.createElement('td');
              cell.colSpan = columnCount(spot.row as HTMLTableRowElement);
              cell.className = 'field-warning-cell';
              // The box does not count towards the table's width; the warning overflows it.
              const box = doc.createElement('div');
              box.className = 'field-warnings-box';
              cell.append(box);
              box.append(container);
              return cell;
            },
          }
        : {}),
      onRebuilt: () => fit(placed),
      // The page took the warning out while its field stays: put it back under the field.
      onRemoved: () => {
        if (this.hosts.get(anchor.el) !== placed || !spot.el.isConnected) return;
        placed.change(() => {
          place(placed.host, spot);
          fit(placed);
        });
      },
    });
    const placed: Placed = { ...shadow, spot, anchor, isEmpty: true };
    shadow.change(() => place(shadow.host, spot));
    if (spot.row) this.resizes?.observe(spot.row);
    return placed;
  }

  private fitAll(): void {
    for (const host of this.hosts.values()) host.change(() => fit(host));
  }

  private drop(el: Element, host: Placed): void {
    this.hosts.delete(el);
    host.dispose();
    host.host.remove();
    if (host.spot.row) this.resizes?.unobserve(host.spot.row);
  }
}

function place(host: Element, spot: Spot): void {
  if (spot.placement === 'append') spot.el.append(host);
  else spot.el.after(host);
}

function styleOf(el: Element): CSSStyleDeclaration | undefined {
  return el.ownerDocument.defaultView?.getComputedStyle(el);
}

function isGrid(el: Element): boolean {
  return /grid/u.test(styleOf(el)?.display ?? '');
}

function isFlexRow(el: Element): boolean {
  const style = styleOf(el);
  return /flex/u.test(style?.display ?? '') && !/column/u.test(style?.flexDirection ?? '');
}

function hasBox(el: Element): boolean {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
}

/** True when `other` sits beside `el` (left or right of it, overlapping it vertically). */
function isBeside(other: Element, el: Element): boolean {
  const a = other.getBoundingClientRect();
  const b = el.getBoundingClientRect();
  if (a.width === 0 || a.height === 0) return false;
  const isApart = a.right <= b.left + 1 || a.left >= b.right - 1;
  const overlaps = a.top < b.bottom - 1 && b.top < a.bottom - 1;
  return isApart && overlaps;
}

/** Label texts are short; a longer run beside a field is a menu or a paragraph. */
const MAX_LABEL_CHARS = 60;

/**
 * A label cell of `el`'s row: a sibling beside it that holds no control, no link or list
 * (a side menu holds them) and a short text, or none (a blank label column).
 */
function hasLabelBeside(el: Element): boolean {
  const parent = el.parentElement;
  if (!parent) return false;
  return [...parent.children].some(
    (sibling) =>
      sibling !== el &&
      !isOwnNode(sibling) &&
      !sibling.matches(`${CONTROL}, a, ul, ol, nav`) &&
      !sibling.querySelector(`${CONTROL}, a, ul, ol, nav`) &&
      (sibling.textContent ?? '').trim().length <= MAX_LABEL_CHARS &&
      isBeside(sibling, el),
  );
}

function controlCount(el: Element): number {
  return el.querySelectorAll(CONTROL).length + (el.matches(CONTROL) ? 1 : 0);
}

/** Where the warning of a field found at `anchor` goes (see `Spot`). */
function spotFor(anchor: Anchor): Spot {
  const fallback: Spot = { kind: 'anchor', ...inFlow(anchor) };
  const start = anchor.el;
  if (!hasBox(start)) return fallback;

  const cell = start.closest('td, th');
  const tableRow = cell?.parentElement;
  if (
    cell &&
    tableRow instanceof HTMLTableRowElement &&
    styleOf(tableRow)?.display === 'table-row'
  ) {
    return { kind: 'table-row', el: tableRow, placement: 'after', column: cell, row: tableRow };
  }

  // The column holds this field and nothing else: past it lie other fields, the form, the page.
  const ownControls = controlCount(start);
  let el: Element = start;
  for (let depth = 0; depth < MAX_CLIMB && controlCount(el) === ownControls; depth++) {
    const parent = el.parentElement;
    if (!parent || parent === el.ownerDocument.body) break;
    if (hasLabelBeside(el)) {
      if (isGrid(parent))
        return { kind: 'grid-row', el, placement: 'after', column: el, row: parent };
      // The row's own parent must stack it: a row in a row of fields is not the field's row.
      if (!isFlexRow(parent.parentElement ?? parent)) {
        return { kind: 'row', el: parent, placement: 'after', column: el, row: parent };
      }
    }
    el = parent;
  }
  return fallback;
}

/**
 * The page map's anchor, out of flex and grid rows (a radio list, a label-control row), so a
 * warning is never squeezed in as one more item beside the controls.
 */
function inFlow(anchor: Anchor): Pick<Spot, 'el' | 'placement'> {
  let { el, placement } = anchor;
  if (placement === 'append' && (isFlexRow(el) || isGrid(el))) placement = 'after';
  for (let i = 0; placement === 'after' && i < MAX_CLIMB; i++) {
    const parent = el.parentElement;
    if (!parent || parent === el.ownerDocument.body || !(isFlexRow(parent) || isGrid(parent))) {
      break;
    }
    el = parent;
  }
  return { el, placement };
}

function columnCount(row: HTMLTableRowElement): number {
  return Math.max(
    1,
    [...row.cells].reduce((sum, c) => sum + c.colSpan, 0),
  );
}

function px(value: string | undefined): number {
  const n = Number.parseFloat(value ?? '');
  return Number.isFinite(n) ? n : 0;
}

/**
 * Lines the host up under the field's value column and next to its row: the space the row
 * keeps below it moves below the warning, so the warning reads as part of its field, not of
 * the next one. An empty host takes no room at all.
 */
function fit(host: Placed): void {
  const { spot } = host;
  const style = host.host.style;
  if (spot.kind === 'anchor' || !spot.column || !spot.row) return;
  if (spot.kind === 'table-row') {
    style.display = host.isEmpty ? 'none' : 'table-row';
    // The table keeps its width (the box does not count towards it); the warning reaches
    // from the value's column to the right edge of what holds the table, as wide as a
    // warning under any other field.
    const table = spot.row.closest('table');
    const holder = table?.parentElement?.getBoundingClientRect();
    const column = spot.column.getBoundingClientRect();
    const row = spot.row.getBoundingClientRect();
    const right = Math.max(
      row.right,
      holder ? holder.right - px(styleOf(table!.parentElement!)?.paddingRight) : row.right,
    );
    host.container().style.marginLeft = `${Math.max(0, Math.round(column.left - row.left))}px`;
    host.container().style.width = `${Math.max(0, Math.round(right - column.left))}px`;
    return;
  }
  const parent = host.host.parentElement;
  const parentStyle = parent ? styleOf(parent) : undefined;
  const isStacked = parentStyle ? /flex|grid/u.test(parentStyle.display) : false;
  const gap = isStacked ? px(parentStyle?.rowGap) : 0;
  if (spot.kind === 'grid-row') style.gridColumn = '1 / -1';
  if (host.isEmpty) {
    // Zero height; in a flex or grid column it would still add one gap: take it back.
    style.margin = gap > 0 ? `${-gap}px 0 0` : '0';
    return;
  }
  const rowBottom = spot.kind === 'row' ? px(styleOf(spot.row)?.marginBottom) : 0;
  style.marginTop = `${GAP_PX - rowBottom - gap}px`;
  style.marginBottom = `${rowBottom}px`;
  // Measured from where the host's own box starts, so padding and borders of the parent count.
  style.marginLeft = '0';
  style.marginRight = '0';
  const box = host.host.getBoundingClientRect();
  const column = spot.column.getBoundingClientRect();
  const row = spot.row.getBoundingClientRect();
  style.marginLeft = `${Math.max(0, Math.round(column.left - box.left))}px`;
  style.marginRight = `${Math.max(0, Math.round(box.right - row.right))}px`;
}

function isInPlace(host: Placed): boolean {
  if (!host.host.isConnected || !host.anchor.el.isConnected) return false;
  const { el, placement } = host.spot;
  return placement === 'append'
    ? host.host.parentElement === el
    : host.host.previousElementSibling === el;
}
