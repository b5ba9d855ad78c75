import { expect, type ElementHandle, type JSHandle, type Page } from '@playwright/test';

// A user finds a field by the text they see beside it. These helpers do the same, in the
// page's light DOM only (never inside the extension's shadow roots), accepting every label
// form shared/domain.md section 5 lists: <label for>, a wrapping <label>, aria-label,
// aria-labelledby, and a label cell beside the control (a form item's label <div>/<span>,
// a <legend>, a <th>). Texts compare after NFKC, collapsed white space, ignoring case, a
// leading required mark `*` and a trailing colon.

const FIND_TIMEOUT_MS = 10_000;

interface FindArgs {
  label: string;
}

/** Runs in the page: the control a user would take for `label`, or null. */
function findControlInPage({ label }: FindArgs): Element | null {
  const norm = (s: string | null | undefined): string =>
    (s ?? '')
      .normalize('NFKC')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\*\s*/, '')
      .replace(/\s*:$/, '')
      .trim()
      .toLowerCase();
  const want = norm(label);
  const CONTROLS = [
    'input:not([type=hidden])',
    'select',
    'textarea',
    '[role=combobox]',
    '[role=radiogroup]',
    '[role=checkbox]',
    '[role=radio]',
    '[role=switch]',
    '[role=textbox]',
    '[role=spinbutton]',
    '[contenteditable=true]',
  ].join(', ');
  const root = document.getElementById('app') ?? document.body;
  const isShown = (el: Element): boolean => el.getClientRects().length > 0;
  const namesOf = (el: Element): string[] => {
    const names: string[] = [];
    const ariaLabel = el.getAttribute('aria-label');
    if (ariaLabel) names.push(ariaLabel);
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      names.push(
        labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    }
    const labels = (el as HTMLInputElement).labels;
    if (labels) for (const l of Array.from(labels)) names.push(l.textContent ?? '');
    return names;
  };

  const controls = Array.from(root.querySelectorAll(CONTROLS)).filter(isShown);
  for (const control of controls) {
    if (namesOf(control).some((name) => norm(name) === want)) return control;
  }

  // Label cells: the deepest shown elements whose text is the label and hold no control.
  const cells = Array.from(root.querySelectorAll('*')).filter(
    (el) =>
      el.tagName !== 'SCRIPT' &&
      el.tagName !== 'STYLE' &&
      !el.matches(CONTROLS) &&
      norm(el.textContent) === want &&
      !Array.from(el.children).some((child) => norm(child.textContent) === want) &&
      !el.querySelector(CONTROLS) &&
      isShown(el),
  );
  // A label cell names a group of radios as a whole: answer with the group's container.
  const groupOf = (control: Element): Element => {
    const isRadio = control.matches('input[type=radio], [role=radio]');
    if (!isRadio || control.closest('[role=radiogroup]')) {
      return control.closest('[role=radiogroup]') ?? control;
    }
    const name = (control as HTMLInputElement).name;
    const sameGroup = (r: Element): boolean =>
      r.getAttribute('role') === 'radio' || (r as HTMLInputElement).name === name;
    let group: Element = control;
    while (group.parentElement) {
      group = group.parentElement;
      const radios = Array.from(group.querySelectorAll('input[type=radio], [role=radio]'));
      if (radios.filter(sameGroup).length > 1) return group;
    }
    return control;
  };
  for (const cell of cells) {
    let box = cell.parentElement;
    for (let depth = 0; box && depth < 2; depth += 1, box = box.parentElement) {
      const near = Array.from(box.querySelectorAll(CONTROLS)).filter(
        (c) => isShown(c) && !cell.contains(c),
      );
      const following = near.filter(
        (c) => cell.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
      if (following[0]) return groupOf(following[0]);
      // Right beside the label only: a checkbox drawn before its text.
      const before = near[near.length - 1];
      if (depth === 0 && before) return groupOf(before);
      if (box === root) break;
    }
  }
  return null;
}

/** Runs in the page: the option element (or <option> value) of `control` showing `text`. */
function findOptionInPage(control: Element, text: string): Element | string | null {
  const norm = (s: string | null | undefined): string =>
    (s ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  const want = norm(text);
  const textOf = (el: Element): string => {
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return Array.from(labels, (l) => l.textContent).join(' ');
    return el.getAttribute('aria-label') ?? el.textContent ?? '';
  };
  if (control instanceof HTMLSelectElement) {
    const option = Array.from(control.options).find((o) => norm(o.textContent) === want);
    return option ? option.value : null;
  }
  let candidates: Element[] = [];
  const role = control.getAttribute('role');
  if (role === 'combobox') {
    const ids = `${control.getAttribute('aria-controls') ?? ''} ${control.getAttribute('aria-owns') ?? ''}`;
    const listboxes = ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id))
      .filter((el): el is HTMLElement => el !== null);
    if (listboxes.length === 0) {
      listboxes.push(
        ...Array.from(document.querySelectorAll<HTMLElement>('[role=listbox]')).filter(
          (el) => el.getClientRects().length > 0,
        ),
      );
    }
    candidates = listboxes.flatMap((lb) => Array.from(lb.querySelectorAll('[role=option]')));
  } else if (role === 'radiogroup' || !control.matches('input, [role]')) {
    // A radio group, or the container of one (found through its label cell).
    candidates = Array.from(control.querySelectorAll('[role=radio], input[type=radio]'));
  } else if (control instanceof HTMLInputElement && control.type === 'radio') {
    const scope = control.form ?? document;
    candidates = Array.from(scope.querySelectorAll('input[type=radio]')).filter(
      (r) => (r as HTMLInputElement).name === control.name,
    );
  } else if (role === 'radio') {
    candidates = Array.from(control.parentElement?.querySelectorAll('[role=radio]') ?? []);
  }
  return candidates.find((c) => norm(textOf(c)) === want) ?? null;
}

/** Runs in the page: what the control shows as its value. */
function readControlInPage(el: Element): string {
  const text = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
  if (el instanceof HTMLInputElement) {
    return el.type === 'checkbox' || el.type === 'radio' ? String(el.checked) : el.value;
  }
  if (el instanceof HTMLTextAreaElement) return el.value;
  if (el instanceof HTMLSelectElement) return text(el.selectedOptions[0]?.textContent);
  const role = el.getAttribute('role');
  if (role === 'checkbox' || role === 'switch' || role === 'radio') {
    return String(el.getAttribute('aria-checked') === 'true');
  }
  const radios = Array.from(el.querySelectorAll<HTMLElement>('[role=radio], input[type=radio]'));
  if (role === 'radiogroup' || radios.length > 0) {
    const checked = radios.find((r) =>
      r instanceof HTMLInputElement ? r.checked : r.getAttribute('aria-checked') === 'true',
    );
    if (!checked) return '';
    const labels = (checked as HTMLInputElement).labels;
    return text(labels && labels.length > 0 ? labels[0]?.textContent : checked.textContent);
  }
  return text(el.textContent);
}

/** The control labelled `label`, waiting for it to render (pages render forms late). */
export async function findField(page: Page, label: string): Promise<ElementHandle<Element>> {
  try {
    const handle = await page.waitForFunction(findControlInPage, { label } satisfies FindArgs, {
      timeout: FIND_TIMEOUT_MS,
    });
    const element = handle.asElement();
    if (!element) throw new Error('not an element');
    return element as ElementHandle<Element>;
  } catch (error) {
    throw new Error(
      `No field labelled "${label}" on ${page.url()} within ${FIND_TIMEOUT_MS} ms ` +
        '(looked for <label for>, a wrapping <label>, aria-label, aria-labelledby and label cells).',
      { cause: error },
    );
  }
}

async function kindOf(control: ElementHandle<Element>): Promise<string> {
  return control.evaluate((el) => {
    const role = el.getAttribute('role');
    if (role) return role;
    if (el instanceof HTMLInputElement) return `input:${el.type}`;
    return el.tagName.toLowerCase();
  });
}

/** Types `value` into the field labelled `label` (as a user would: input events fire). */
export async function fillField(page: Page, label: string, value: string | number): Promise<void> {
  const control = await findField(page, label);
  await control.fill(String(value));
}

/** Chooses the option showing `option` in the select, combobox or radio group labelled `label`. */
export async function selectField(page: Page, label: string, option: string): Promise<void> {
  const control = await findField(page, label);
  const kind = await kindOf(control);
  if (kind === 'combobox' && (await control.getAttribute('aria-expanded')) !== 'true') {
    await control.click();
  }
  let found: JSHandle<Element | string | null> | undefined;
  try {
    await expect
      .poll(async () => {
        found = await control.evaluateHandle(findOptionInPage, option);
        return found.evaluate((v) => v !== null);
      })
      .toBe(true);
  } catch (error) {
    throw new Error(`The field "${label}" (${kind}) has no option "${option}".`, { cause: error });
  }
  if (!found) throw new Error(`The field "${label}" has no option "${option}".`);
  const value = await found.evaluate((v) => (typeof v === 'string' ? v : null));
  if (typeof value === 'string') {
    await control.selectOption(value);
    return;
  }
  const element = found.asElement();
  if (!element) throw new Error(`The field "${label}" has no option "${option}".`);
  if ((await kindOf(element)) === 'input:radio') await element.check();
  else await element.click();
}

/** Ticks (or clears) the checkbox labelled `label`; fails if its state does not change. */
export async function setCheckedField(page: Page, label: string, checked: boolean): Promise<void> {
  const control = await findField(page, label);
  const kind = await kindOf(control);
  if (kind === 'input:checkbox' || kind === 'input:radio') {
    await control.setChecked(checked);
    return;
  }
  if (kind !== 'checkbox' && kind !== 'switch') {
    throw new Error(`The field "${label}" is a ${kind}, not a checkbox.`);
  }
  if ((await control.getAttribute('aria-checked')) !== String(checked)) await control.click();
  await expect
    .poll(() => control.getAttribute('aria-checked'), { message: `"${label}" checked` })
    .toBe(String(checked));
}

/** The value the field labelled `label` shows: its text, selected option, or `true`/`false`. */
export async function readField(page: Page, label: string): Promise<string> {
  const control = await findField(page, label);
  return control.evaluate(readControlInPage);
}

/**
 * Runs in the page: the text shown beside a read-only label cell, or null. The mock's label
 * decorations (help icons, tooltips) are not part of the label, and its value decorations
 * (a status icon, a tag beside the text, a trailing link) not part of the value.
 */
function readTextBesideInPage({ label, scope }: { label: string; scope: string }): string | null {
  const UNSHOWN = '[hidden], [role="tooltip"]';
  const LABEL_MARKS = `${UNSHOWN}, .pc-help, .pc-icon, .pc-tip`;
  const VALUE_MARKS = `${UNSHOWN}, a, button, .pc-status-icon, .tag`;
  const textWithout = (el: Element, skip: string): string => {
    let out = '';
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 3) out += child.textContent ?? '';
      else if (child.nodeType === 1 && !(child as Element).matches(skip)) {
        out += ` ${textWithout(child as Element, skip)} `;
      }
    }
    return out;
  };
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  const norm = (s: string | null | undefined): string =>
    (s ?? '')
      .normalize('NFKC')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\*\s*/, '')
      .replace(/\s*:$/, '')
      .trim()
      .toLowerCase();
  const want = norm(label);
  const root = document.querySelector(scope) ?? document.body;
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.matches(UNSHOWN) || el.closest(UNSHOWN)) continue;
    const shown = textWithout(el, LABEL_MARKS);
    if (norm(shown) !== want || el.getClientRects().length === 0) continue;
    if (Array.from(el.children).some((child) => norm(textWithout(child, LABEL_MARKS)) === want)) {
      continue;
    }
    const value = el.nextElementSibling;
    if (value) return clean(textWithout(value, VALUE_MARKS)) || clean(textWithout(value, UNSHOWN));
  }
  return null;
}

/** The read-only value a page shows beside `label` (plain text in the next cell). */
export async function readTextBeside(page: Page, label: string, scope = '#app'): Promise<string> {
  try {
    const handle = await page.waitForFunction(
      readTextBesideInPage,
      { label, scope },
      {
        timeout: FIND_TIMEOUT_MS,
      },
    );
    return (await handle.jsonValue()) as string;
  } catch (error) {
    throw new Error(`No value beside the label "${label}" on ${page.url()}.`, { cause: error });
  }
}
