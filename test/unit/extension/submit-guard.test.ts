// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { RuleResult } from '../../../engine/types.ts';
import { installSubmitGuard, type GuardChoice } from '../../../extension/submit-guard.ts';

const FAILING: RuleResult = {
  rule: 'invoice.request.special-enterprise-title',
  status: 'fail',
  severity: 'block',
  title: 'VAT special invoices need an enterprise title',
  message: 'Use an enterprise title.',
  reason: 'Does not hold.',
  missing: [],
  effective: {},
  source: ['seed L5'],
};

let controller: AbortController;

afterEach(() => controller.abort());

/** A page whose own code submits on a button click (like UI libraries) or on a form submit. */
function setUp(options: { failing: RuleResult[]; isCurrent?: boolean; answer: GuardChoice }) {
  document.body.innerHTML = `
    <main>
      <div id="plain"><input id="title" value="typed by the partner"><button type="button" id="submit">提交</button></div>
      <form id="form"><input id="amount" value="50"><button type="submit" id="form-submit">确认提现</button></form>
      <button type="button" id="other">取消</button>
    </main>`;
  const submissions: string[] = [];
  document.getElementById('submit')!.addEventListener('click', () => submissions.push('click'));
  document.getElementById('form')!.addEventListener('submit', (e) => {
    e.preventDefault();
    submissions.push('form');
  });
  document.getElementById('other')!.addEventListener('click', () => submissions.push('other'));
  controller = new AbortController();
  const state = { failing: options.failing, isCurrent: options.isCurrent ?? true };
  const ask = vi.fn(async (_failing: RuleResult[]) => options.answer);
  const settle = vi.fn(async () => {
    state.isCurrent = true;
    return state.failing;
  });
  installSubmitGuard({
    win: window,
    signal: controller.signal,
    submitTexts: ['提交', '确认提现', 'Submit'],
    current: () => ({ isCurrent: state.isCurrent, failing: state.failing }),
    settle,
    ask,
  });
  return { submissions, ask, settle, state };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('submit guard', () => {
  test('does not interfere when no block item fails', async () => {
    const { submissions, ask } = setUp({ failing: [], answer: 'go-back' });
    document.getElementById('submit')!.click();
    await flush();
    expect(submissions).toEqual(['click']);
    expect(ask).not.toHaveBeenCalled();
  });

  test('asks before a failing submission; "go back" keeps everything typed and submits nothing', async () => {
    const { submissions, ask } = setUp({ failing: [FAILING], answer: 'go-back' });
    document.getElementById('submit')!.click();
    await flush();
    expect(ask).toHaveBeenCalledWith([FAILING]);
    expect(submissions).toEqual([]);
    expect((document.getElementById('title') as HTMLInputElement).value).toBe(
      'typed by the partner',
    );
  });

  test('"submit anyway" lets the page\'s own handler run once', async () => {
    const { submissions } = setUp({ failing: [FAILING], answer: 'submit-anyway' });
    document.getElementById('submit')!.click();
    await flush();
    await flush();
    expect(submissions).toEqual(['click']);
  });

  test('guards a real form submission (button type=submit) and replays it', async () => {
    const back = setUp({ failing: [FAILING], answer: 'go-back' });
    document.getElementById('form-submit')!.click();
    await flush();
    expect(back.ask).toHaveBeenCalledTimes(1);
    expect(back.submissions).toEqual([]);
    controller.abort();

    const anyway = setUp({ failing: [FAILING], answer: 'submit-anyway' });
    document.getElementById('form-submit')!.click();
    await flush();
    await flush();
    expect(anyway.ask).toHaveBeenCalledTimes(1);
    expect(anyway.submissions).toEqual(['form']);
    expect((document.getElementById('amount') as HTMLInputElement).value).toBe('50');
  });

  test('other buttons are left alone', async () => {
    const { submissions, ask } = setUp({ failing: [FAILING], answer: 'go-back' });
    document.getElementById('other')!.click();
    await flush();
    expect(submissions).toEqual(['other']);
    expect(ask).not.toHaveBeenCalled();
  });

  test('when typing is still being evaluated, it evaluates first and then decides', async () => {
    const { submissions, ask, settle, state } = setUp({
      failing: [],
      isCurrent: false,
      answer: 'go-back',
    });
    document.getElementById('submit')!.click();
    expect(submissions).toEqual([]);
    await flush();
    await flush();
    expect(settle).toHaveBeenCalled();
    expect(ask).not.toHaveBeenCalled();
    expect(submissions).toEqual(['click']);
    expect(state.isCurrent).toBe(true);
  });

  test('stops guarding when its signal aborts', async () => {
    const { submissions, ask } = setUp({ failing: [FAILING], answer: 'go-back' });
    controller.abort();
    document.getElementById('submit')!.click();
    await flush();
    expect(ask).not.toHaveBeenCalled();
    expect(submissions).toEqual(['click']);
  });
});
