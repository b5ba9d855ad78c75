// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { panelAnchor } from '../../../extension/overlay/placement.ts';

// The checklist goes under the page heading; when the heading shares a flex row with a back
// link or buttons, under that row, so the page's title is never squeezed into a column.

describe('where the panel goes', () => {
  test('right after a heading that stands on its own', () => {
    document.body.innerHTML = '<main><h2 id="h">提现</h2><form></form></main>';
    expect(panelAnchor(document.getElementById('h')!).id).toBe('h');
  });

  test('after the header rows holding a heading beside a back link (Element Plus)', () => {
    document.body.innerHTML = `<div class="el-page-header">
      <div id="header" style="display: flex; justify-content: space-between">
        <div id="left" style="display: flex; align-items: center">
          <div role="button">返回</div><div id="h">提现</div></div></div></div>`;
    expect(panelAnchor(document.getElementById('h')!).id).toBe('header');
  });

  test('a row that is the page layout, not a header, is not climbed out of', () => {
    const long = '开户名须与实名认证主体名称一致。'.repeat(10);
    document.body.innerHTML = `<div id="layout" style="display: flex">
      <aside>${long}</aside><div id="h">提现</div></div>`;
    expect(panelAnchor(document.getElementById('h')!).id).toBe('h');
  });

  test('a column layout is no row', () => {
    document.body.innerHTML = `<div style="display: flex; flex-direction: column">
      <div id="h">提现</div><span>返回</span></div>`;
    expect(panelAnchor(document.getElementById('h')!).id).toBe('h');
  });
});
