// @vitest-environment happy-dom
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, test } from 'vitest';
import { createShadowHost, isOwnNode, type ShadowHost } from '../../../extension/shadow.ts';
import { userClick } from './panel-harness.ts';

// The page can reach an open shadow root: it must not be able to press our buttons, rewrite
// what we show, hide or remove it, or pass its own elements off as ours.

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

let made: ShadowHost[] = [];
afterEach(() => {
  for (const s of made) s.dispose();
  made = [];
  document.body.innerHTML = '';
});

function mount(onRemoved?: (host: HTMLElement) => void): ShadowHost {
  document.body.innerHTML = '<main><h1 id="heading">申请</h1><p id="after">…</p></main>';
  const shadow = createShadowHost(document, 'policylens-overlay', '.x{}', {
    ...(onRemoved ? { onRemoved } : {}),
  });
  document.getElementById('heading')!.after(shadow.host);
  shadow.placed();
  made.push(shadow);
  return shadow;
}

function Item({ onConfirm }: { onConfirm: () => void }) {
  const [isOpen, setOpen] = useState(false);
  return h(
    'section',
    { 'data-policylens': 'checklist' },
    h('p', { 'data-rule': 'r.a', 'data-status': 'fail' }, 'The account is frozen'),
    h('button', { 'data-action': 'confirm', onClick: onConfirm }, 'I checked'),
    h(
      'button',
      { 'data-action': 'toggle', onClick: () => setOpen(!isOpen) },
      isOpen ? 'less' : 'more',
    ),
    h('details', null, h('summary', null, 'why'), 'because'),
  );
}

describe('our hosts are known by reference', () => {
  test('a <policylens-overlay> the page makes is page content; ours and what is in it are ours', () => {
    const ours = mount();
    const fake = document.createElement('policylens-overlay');
    fake.innerHTML = '<label>账号状态</label><span id="inside-fake">已冻结</span>';
    document.body.prepend(fake);
    expect(isOwnNode(fake)).toBe(false);
    expect(isOwnNode(document.getElementById('inside-fake'))).toBe(false);
    expect(isOwnNode(document.querySelector('policylens-overlay'))).toBe(false);
    ours.render(h('p', { id: 'inside-ours' }, 'x'));
    expect(isOwnNode(ours.host)).toBe(true);
    expect(isOwnNode(ours.root.getElementById('inside-ours'))).toBe(true);
    expect(isOwnNode(ours.root.getElementById('inside-ours')!.firstChild)).toBe(true);
    expect(isOwnNode(document.getElementById('after'))).toBe(false);
  });
});

describe('only trusted events reach our controls', () => {
  test("a page script's .click() presses nothing; a person's click does", async () => {
    const shadow = mount();
    let confirmed = 0;
    shadow.render(h(Item, { onConfirm: () => confirmed++ }));
    const button = shadow.root.querySelector<HTMLButtonElement>('[data-action="confirm"]')!;
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    expect(confirmed).toBe(0);
    userClick(button);
    expect(confirmed).toBe(1);
  });
});

describe('what the page changes is put back', () => {
  test('a status rewritten from fail to pass, and its text, come back as rendered', async () => {
    const shadow = mount();
    shadow.render(h(Item, { onConfirm: () => undefined }));
    const item = () => shadow.root.querySelector('[data-rule="r.a"]')!;
    item().setAttribute('data-status', 'pass');
    item().textContent = 'All good';
    await settle();
    expect(item().getAttribute('data-status')).toBe('fail');
    expect(item().textContent).toBe('The account is frozen');
  });

  test('a button removed, or our styles edited, come back', async () => {
    const shadow = mount();
    shadow.render(h(Item, { onConfirm: () => undefined }));
    shadow.root.querySelector('[data-action="confirm"]')!.remove();
    shadow.root.querySelector('style')!.textContent = '*{display:none}';
    await settle();
    expect(shadow.root.querySelector('[data-action="confirm"]')).not.toBeNull();
    expect(shadow.root.querySelector('style')!.textContent).toBe('.x{}');
  });

  test('the host hidden or restyled by the page gets its own attributes back', async () => {
    const shadow = mount();
    shadow.render(h('p', null, 'x'));
    shadow.host.setAttribute('hidden', '');
    shadow.host.style.display = 'none';
    await settle();
    expect(shadow.host.hasAttribute('hidden')).toBe(false);
    expect(shadow.host.getAttribute('style')).toBeNull();
  });

  test('the host removed by the page is put back at once', async () => {
    const shadow = mount((host) => document.getElementById('heading')!.after(host));
    shadow.render(h('p', null, 'x'));
    shadow.host.remove();
    await settle();
    expect(shadow.host.isConnected).toBe(true);
    expect(shadow.host.previousElementSibling?.id).toBe('heading');
  });

  test('a host we remove ourselves stays removed', async () => {
    let calls = 0;
    const shadow = mount(() => calls++);
    shadow.render(null);
    shadow.dispose();
    shadow.host.remove();
    await settle();
    expect(calls).toBe(0);
    expect(shadow.host.isConnected).toBe(false);
  });
});

describe('what we and the person do is not tampering', () => {
  test('a re-render from component state, and a "why" opened, keep the same elements', async () => {
    const shadow = mount();
    shadow.render(h(Item, { onConfirm: () => undefined }));
    const section = shadow.root.querySelector('section')!;
    const toggle = shadow.root.querySelector<HTMLElement>('[data-action="toggle"]')!;
    userClick(toggle);
    await settle();
    expect(toggle.textContent).toBe('less');
    shadow.root.querySelector('details')!.setAttribute('open', '');
    await settle();
    // Not rebuilt: a rebuild would have replaced every element and lost the state.
    expect(shadow.root.querySelector('section')).toBe(section);
    expect(shadow.root.querySelector('[data-action="toggle"]')!.textContent).toBe('less');
    expect(shadow.root.querySelector('details')!.hasAttribute('open')).toBe(true);
  });

  test("a handler of ours that changes our elements on a person's click is not the page", async () => {
    // As the checklist releases the height it kept, in the click that opens its folded items.
    function Panel() {
      const [isOpen, setOpen] = useState(false);
      return h(
        'section',
        { style: 'min-height: 300px' },
        h(
          'button',
          {
            'data-action': 'toggle',
            onClick: (event: Event) => {
              ((event.target as Element).closest('section') as HTMLElement).style.minHeight = '';
              setOpen(!isOpen);
            },
          },
          isOpen ? 'less' : 'more',
        ),
      );
    }
    const shadow = mount();
    shadow.render(h(Panel, null));
    const section = shadow.root.querySelector('section')!;
    userClick(shadow.root.querySelector('[data-action="toggle"]')!);
    await settle();
    expect(shadow.root.querySelector('section')).toBe(section);
    expect(section.style.minHeight).toBe('');
    expect(shadow.root.querySelector('[data-action="toggle"]')!.textContent).toBe('less');
  });

  test('a page that fights every repair gets at most 20 in ten seconds', async () => {
    const shadow = mount();
    shadow.render(h('p', { 'data-status': 'fail' }, 'frozen'));
    let repairs = 0;
    const fighter = new MutationObserver(() => {
      const p = shadow.root.querySelector('p');
      if (p?.getAttribute('data-status') === 'fail') {
        repairs++;
        p.setAttribute('data-status', 'pass');
      }
    });
    fighter.observe(shadow.root, { subtree: true, childList: true, attributes: true });
    shadow.root.querySelector('p')!.setAttribute('data-status', 'pass');
    await new Promise((resolve) => setTimeout(resolve, 300));
    fighter.disconnect();
    expect(repairs).toBeGreaterThan(0);
    expect(repairs).toBeLessThanOrEqual(20);
  });
});
