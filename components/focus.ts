import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ItemActions } from './model.ts';

/** A lost focus is put back only this soon after the action (the store write takes a moment). */
const RESTORE_WITHIN_MS = 3000;

interface Pending {
  rule: string;
  /** The overview's program the item was listed under. */
  flow: string | undefined;
  at: number;
}

/**
 * Keeps the keyboard's place across an item's confirm / forget. The button pressed is
 * replaced by the other one, and on the overview a confirmed item may leave its program's
 * list: once focus has fallen to the page, it moves to the item's new button, else its
 * "why", else its program, else the panel's heading (both focusable by script only).
 */
export function useKeptFocus(
  panel: RefObject<HTMLElement | null>,
  actions: ItemActions,
): ItemActions {
  const pending = useRef<Pending | undefined>(undefined);
  useEffect(() => {
    const want = pending.current;
    const root = panel.current;
    if (!want || !root) return;
    if (Date.now() - want.at > RESTORE_WITHIN_MS) {
      pending.current = undefined;
      return;
    }
    if (!isFocusLost(root)) return;
    pending.current = undefined;
    const rule = `[data-rule=${JSON.stringify(want.rule)}]`;
    const target =
      root.querySelector<HTMLElement>(
        `${rule} [data-action="forget"], ${rule} [data-action="confirm"]`,
      ) ??
      root.querySelector<HTMLElement>(`${rule} summary`) ??
      (want.flow
        ? root.querySelector<HTMLElement>(`[data-flow=${JSON.stringify(want.flow)}]`)
        : null) ??
      root.querySelector<HTMLElement>('h2');
    target?.focus();
  });
  const remember = (rule: string) => {
    const item = panel.current?.querySelector(`[data-rule=${JSON.stringify(rule)}]`);
    const flow = item?.closest('[data-flow]')?.getAttribute('data-flow') ?? undefined;
    pending.current = { rule, flow, at: Date.now() };
  };
  return {
    onConfirm: (rule) => {
      remember(rule);
      actions.onConfirm(rule);
    },
    onForget: (rule) => {
      remember(rule);
      actions.onForget(rule);
    },
  };
}

/** True when nothing of ours has focus and the page's body got it (the focused button went). */
function isFocusLost(root: HTMLElement): boolean {
  const doc = root.ownerDocument;
  const active = doc.activeElement;
  return active === null || active === doc.body || active === doc.documentElement;
}
