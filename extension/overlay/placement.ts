/** A header row is short: a back link, the title, a few buttons. Longer rows are content. */
const MAX_HEADER_ROW_TEXT = 120;

function isRow(el: Element, view: Window): boolean {
  const style = view.getComputedStyle(el);
  const display = style.display;
  if (display.startsWith('inline')) return true;
  if (display.includes('grid')) return true;
  return display.includes('flex') && !style.flexDirection.startsWith('column');
}

/**
 * The element the panel goes right after: the page heading, or the header row holding it.
 * UI libraries set page titles in a flex row beside a back link or buttons
 * (`el-page-header__header`, `ant-page-header-heading`); a block dropped into that row would
 * squeeze the title into a narrow column, so the panel goes after the row instead.
 */
export function panelAnchor(heading: Element): Element {
  const doc = heading.ownerDocument;
  const view = doc.defaultView;
  let anchor = heading;
  if (!view) return anchor;
  for (
    let parent = heading.parentElement;
    parent && parent !== doc.body && isRow(parent, view);
    parent = parent.parentElement
  ) {
    if ((parent.textContent ?? '').trim().length > MAX_HEADER_ROW_TEXT) break;
    anchor = parent;
  }
  return anchor;
}
