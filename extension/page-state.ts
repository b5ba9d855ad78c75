import type { Lang } from '../engine/types.ts';
import type { OverlayContent } from '../components/Overlay.tsx';

// What the popup learns from the content script of the tab it was opened on, and how.
//
//   popup -> content script   browser.tabs.sendMessage(tabId, { type: GET_PAGE_STATE })
//                             answered with a PageState (no `tabs` permission needed)
//   content script -> popup   browser.runtime.sendMessage({ type: PAGE_STATE_CHANGED, state })
//                             whenever what it shows changes (ignored when no popup is open)
//   page check -> content     browser.tabs.sendMessage(tabId, { type: CHECK_PAGE })
//                             answered with a PageCheckReport of the page as it is now
//
// A tab without the content script (not a Partner Center page) does not answer.

export const GET_PAGE_STATE = 'policylens:get-page-state';
export const PAGE_STATE_CHANGED = 'policylens:page-state-changed';
export const CHECK_PAGE = 'policylens:check-page';

export interface Counts {
  /** `block` items that fail: the application will be refused. */
  blockFail: number;
  /** `warn` items that fail. */
  warnFail: number;
  /** Items that cannot be decided yet (a confirmed one counts as met). */
  unknown: number;
}

/** What the overlay shows on the page now. */
export interface PageSummary {
  /** The page map's id: a flow id, or `overview`. */
  page: string;
  /** The flow the checklist checks (absent on the overview). */
  flow?: string;
  kind: 'checklist' | 'eligibility';
  counts: Counts;
  /** The overview: how many program flows the account is eligible for, not, or cannot tell. */
  programs?: Record<'pass' | 'fail' | 'unknown', number>;
}

export interface PageState {
  /** The page's host: the unit the partner turns PolicyLens on and off for. */
  host: string;
  isEnabled: boolean;
  /** The page's own language (`?locale=`, `<html lang>`), before any override. */
  pageLang: Lang;
  /** Absent when PolicyLens is off here, or the page is not one it knows. */
  page?: PageSummary;
}

export type ControlMessage =
  | { type: typeof GET_PAGE_STATE }
  | { type: typeof PAGE_STATE_CHANGED; state: PageState }
  | { type: typeof CHECK_PAGE };

export function isControlMessage(message: unknown): message is ControlMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === GET_PAGE_STATE || type === PAGE_STATE_CHANGED || type === CHECK_PAGE;
}

/** The counts the popup shows for what the overlay rendered on a page. */
export function summarizePage(
  page: { id: string; flow?: string | undefined },
  content: OverlayContent,
): PageSummary {
  const counts: Counts = { blockFail: 0, warnFail: 0, unknown: 0 };
  const items =
    content.kind === 'checklist' ? content.view.items : content.flows.flatMap((f) => f.items);
  for (const item of items) {
    if (item.status === 'unknown') counts.unknown += 1;
    else if (item.status === 'fail' && item.result.severity === 'block') counts.blockFail += 1;
    else if (item.status === 'fail' && item.result.severity === 'warn') counts.warnFail += 1;
  }
  const base = { page: page.id, ...(page.flow ? { flow: page.flow } : {}), counts };
  if (content.kind === 'checklist') return { ...base, kind: 'checklist' };
  const programs = { pass: 0, fail: 0, unknown: 0 };
  for (const flow of content.flows) programs[flow.status] += 1;
  return { ...base, kind: 'eligibility', programs };
}
