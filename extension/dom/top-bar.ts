import { isOwnNode } from '../shadow.ts';

// The console's top bar, where the signed-in account shows (shared/domain.md section 5). It
// is often a plain <div>, so it is found by any of:
//   - <header> or role=banner;
//   - an element whose class or id names it a header, top bar or nav bar (`cf-header`,
//     `layout-topbar`: layout names of UI libraries and apps, not generated ones);
// and, only when neither finds one, the first block before the page's content that holds a
// pop-up trigger or an avatar (the user menu: not every library marks its trigger with
// aria-haspopup, but every one names its avatar component so).
// A candidate counts only outside the page's content: it does not hold the page heading,
// comes before it, and is not inside main content, a form, a table or a dialog.

const SEMANTIC = 'header, [role="banner"]';
const NAMED_SELECTOR = ['header', 'Header', 'topbar', 'top-bar', 'TopBar', 'navbar', 'NavBar']
  .flatMap((word) => [`[class*="${word}"]`, `[id*="${word}"]`])
  .join(', ');
// A BEM element of a header block (`el-page-header__back`) is a part of it, not a bar: the block
// itself is the candidate.
const NAMED = /(?:^|[-_])(?:header|top-?bar|nav-?bar|masthead)(?:$|-|_(?!_))/iu;
/** Content that a top bar never sits in. */
const CONTENT = 'main, [role="main"], article, form, table, dialog, [role="dialog"]';
const NAVIGATION = 'nav, [role="navigation"]';
/** What marks the user menu: a pop-up trigger, or an avatar (`el-avatar`, `t-avatar`). */
const USER_MENU = '[aria-haspopup], [class*="avatar" i]';

/**
 * The page's top bars, outermost only: none when the page has none that can be told. The
 * page heading, when known, separates the bar before it from the content after it.
 */
export function findTopBars(doc: Document, heading?: Element): Element[] {
  const body = doc.body;
  if (!body) return [];
  const isOutsideContent = (el: Element) => {
    if (isOwnNode(el) || el === body || el === doc.documentElement) return false;
    if (el.parentElement?.closest(CONTENT)) return false;
    if (!heading) return true;
    return !el.contains(heading) && isBefore(el, heading);
  };
  const semantic = [...doc.querySelectorAll(SEMANTIC)];
  const named = [...doc.querySelectorAll(NAMED_SELECTOR)].filter(
    (el) => isNamedBar(el) && !el.matches(NAVIGATION),
  );
  const bars = [...semantic, ...named].filter(isOutsideContent);
  if (bars.length > 0) return outermost([...new Set(bars)]);
  const structural = heading ? chromeBefore(heading) : [];
  const bar = structural.find((el) => !el.matches(NAVIGATION) && el.querySelector(USER_MENU));
  return bar && isOutsideContent(bar) ? [bar] : [];
}

function isNamedBar(el: Element): boolean {
  return [...el.classList, el.id].some((name) => NAMED.test(name));
}

function isBefore(a: Element, b: Element): boolean {
  // Node.DOCUMENT_POSITION_FOLLOWING: b comes after a.
  return (a.compareDocumentPosition(b) & 4) !== 0;
}

function outermost(els: Element[]): Element[] {
  return els.filter((el) => !els.some((other) => other !== el && other.contains(el)));
}

/** Blocks laid out before the content: the earlier siblings of the heading's ancestors, in order. */
function chromeBefore(heading: Element): Element[] {
  const out: Element[] = [];
  const body = heading.ownerDocument.body;
  for (let el: Element | null = heading; el && el !== body; el = el.parentElement) {
    const before: Element[] = [];
    for (let sib = el.previousElementSibling; sib; sib = sib.previousElementSibling) {
      before.unshift(sib);
    }
    out.unshift(...before);
  }
  return out;
}
