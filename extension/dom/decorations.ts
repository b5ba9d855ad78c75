import { isOwnNode } from '../shadow.ts';
import { cleanText, cleanValue } from '../text.ts';

// What a console puts around a label or a value that is not part of it (shared/domain.md
// section 5): help icons and tooltip triggers, required stars, colons, status icons, tags
// and trailing links, and the placeholders shown before the data arrives.

/** Elements whose text is code or never shown where it sits (a tooltip's bubble, hidden parts). */
export const UNSHOWN = 'script, style, noscript, template, [hidden], [role="tooltip"]';

/** Pictures: an icon whatever it shows. */
const PICTURE = 'svg, img, picture, canvas, [role="img"]';

/** Actions placed after a value (查看详情, View, 去绑定): never part of it. */
const ACTION = 'a, button, [role="button"], [role="link"]';

/**
 * Tags and badges of UI libraries (`el-tag`, `ant-badge`, `ti3-tag`): component names, not
 * generated classes. A string value drops them; a status value may be one.
 */
const BADGE_CLASS = /(?:^|[-_])(?:tag|badge|chip)(?:$|[-_])/u;

/** Text that only marks: `?`, `ⓘ`, `*`, a colon, brackets, icon-font glyphs. */
const MARK_TEXT = /^[\s()（）[\]?？*＊:：!！\u24d8\u2139\u2753\u2754\ue000-\uf8ff]*$/u;

/** Attributes of an empty element that make it an icon or a tooltip trigger, not a value. */
const ICON_ATTRIBUTES = ['title', 'aria-label', 'aria-describedby', 'aria-hidden', 'data-tooltip'];

/**
 * An element that only decorates a label or a value: a picture, a help mark (`?`, `ⓘ`, a
 * glyph), a required star, a colon, or an empty icon (`<i>`, or one with a title or a
 * tooltip). An empty `<span>` or `<div>` is not one: it is a value that has not arrived.
 */
export function isDecoration(el: Element): boolean {
  if (el.matches(PICTURE) || el.matches(UNSHOWN)) return true;
  const text = el.textContent ?? '';
  if (!MARK_TEXT.test(text)) return false;
  if (text.trim() !== '') return true;
  if (el.tagName === 'I' || el.querySelector(PICTURE)) return true;
  return ICON_ATTRIBUTES.some((a) => el.hasAttribute(a));
}

/**
 * Hidden by its style where it sits: a CSS-only tooltip's bubble inside a label
 * (`.tip-text { display: none }`), a closed pop-up. Asked only of the parts of a label or a
 * value, never of the containers around them.
 */
export function isHiddenByStyle(el: Element): boolean {
  if (/display\s*:\s*none/iu.test(el.getAttribute('style') ?? '')) return true;
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  const style = view.getComputedStyle(el);
  return style.display === 'none' || style.visibility === 'hidden';
}

function isSkipped(el: Element): boolean {
  return isOwnNode(el) || el.matches(UNSHOWN) || isDecoration(el) || isHiddenByStyle(el);
}

/** Text runs under `root`, leaving out the subtrees `skip` says to, in document order. */
function runs(root: Node, skip: (el: Element) => boolean, out: string[] = []): string[] {
  for (const child of root.childNodes) {
    if (child.nodeType === 3) {
      const text = child.textContent ?? '';
      if (text.trim()) out.push(text);
    } else if (child.nodeType === 1 && !skip(child as Element)) {
      runs(child, skip, out);
    }
  }
  return out;
}

/** Stands for an empty cell after a label's text: the value that has not arrived yet. */
const EMPTY_CELL = '\ufffc';
const FORM_CONTROL = 'input, select, textarea, [role], [contenteditable]';

/**
 * A label's text as read: without help icons, tooltips, stars and colons inside it. An
 * empty element after its text (`<span>账号名：</span><span></span>`) is a value cell still
 * waiting for its data, so the two together are not a label: it shows as U+FFFC.
 */
export function labelText(el: Element): string {
  let out = '';
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        out += child.textContent ?? '';
      } else if (child.nodeType === 1) {
        const e = child as Element;
        if (isSkipped(e)) continue;
        const isEmptyCell =
          out.trim() !== '' && (e.textContent ?? '').trim() === '' && !e.matches(FORM_CONTROL);
        if (isEmptyCell) out += EMPTY_CELL;
        else walk(e);
      }
    }
  };
  walk(el);
  return cleanText(out);
}

/** The texts a read-only value shows, best first, and whether it is still loading. */
export interface ValueTexts {
  /** The value without icons, badges or trailing actions: what a string field reads. */
  plain: string;
  /** Every reading a listed value text may match: the whole, then each text run alone. */
  candidates: string[];
  /** A skeleton or a busy region: the data has not arrived, whatever it shows. */
  isLoading: boolean;
}

/**
 * What a value cell shows. Its actions (`查看详情`) and decorations (`✓`) are left out; a
 * value that is only a link keeps the link's text.
 */
export function valueTexts(el: Element): ValueTexts {
  const isLoading =
    el.closest('[aria-busy="true"]') !== null ||
    el.querySelector('[aria-busy="true"]') !== null ||
    hasSkeleton(el);
  const actionFree = (e: Element) => isSkipped(e) || e.matches(ACTION);
  const plainFree = (e: Element) => actionFree(e) || isBadge(e);
  const shown = cleanValue(runs(el, isSkipped).join(' '));
  const withoutActions = cleanValue(runs(el, actionFree).join(' ')) || shown;
  const plain = cleanValue(runs(el, plainFree).join(' ')) || withoutActions;
  const each = runs(el, isSkipped).map(cleanValue);
  const candidates = [...new Set([withoutActions, shown, ...each].filter(Boolean))];
  return { plain, candidates, isLoading };
}

function isBadge(el: Element): boolean {
  return [...el.classList].some((c) => BADGE_CLASS.test(c));
}

/** A skeleton block of a UI library (`el-skeleton`, `ant-skeleton`), drawn before the data. */
function hasSkeleton(el: Element): boolean {
  const isSkeleton = (e: Element) => [...e.classList].some((c) => /skeleton/iu.test(c));
  return isSkeleton(el) || [...el.querySelectorAll('[class]')].some(isSkeleton);
}
