import { describe, expect, test } from 'vitest';
import { formatAmount, formatDate, formatNumber } from '../../../locales/index.ts';

// Numbers, amounts and dates in messages read the way the console writes them, in the
// message's language: the page shows "¥1,200.00", so does the message.

describe('formatting for messages', () => {
  test('an amount in yuan reads as the console shows money, in both languages', () => {
    expect(formatAmount(1200, 'CNY', 'zh-CN')).toBe('¥1,200.00');
    expect(formatAmount(1200, 'CNY', 'en')).toBe('¥1,200.00');
    expect(formatAmount(99.5, 'CNY', 'en')).toBe('¥99.50');
    expect(formatAmount(-0.5, 'CNY', 'zh-CN')).toBe('-¥0.50');
  });

  test('a plain number is grouped, with at most two decimals', () => {
    expect(formatNumber(12345.678, 'en')).toBe('12,345.68');
    expect(formatNumber(2, 'zh-CN')).toBe('2');
  });

  test('a date and a month read as each language writes them', () => {
    expect(formatDate('2024-11-30', 'en')).toBe('Nov 30, 2024');
    expect(formatDate('2024-11-30', 'zh-CN')).toBe('2024年11月30日');
    expect(formatDate('2025-05', 'en')).toBe('May 2025');
    expect(formatDate('2025-05', 'zh-CN')).toBe('2025年5月');
  });

  test('a date is the same calendar day in any time zone', () => {
    // The test runner's zone does not matter: formatting reads the date in UTC.
    expect(formatDate('2024-01-01', 'en')).toBe('Jan 1, 2024');
    expect(formatDate('2024-12-31', 'zh-CN')).toBe('2024年12月31日');
  });

  test('what is not a date is shown as written', () => {
    expect(formatDate('2024-02-30', 'en')).toBe('2024-02-30');
    expect(formatDate('soon', 'zh-CN')).toBe('soon');
  });

  test('formatters kept between calls never mix languages, currencies or dates with months', () => {
    // Each language, currency and kind in turn, twice, so that each follows every other.
    for (let round = 0; round < 2; round++) {
      expect(formatAmount(1200, 'CNY', 'en')).toBe('¥1,200.00');
      expect(formatAmount(1200, 'USD', 'en')).toBe('$1,200.00');
      expect(formatAmount(1200, 'CNY', 'zh-CN')).toBe('¥1,200.00');
      expect(formatNumber(1200.5, 'en')).toBe('1,200.5');
      expect(formatDate('2025-05', 'en')).toBe('May 2025');
      expect(formatDate('2025-05-06', 'en')).toBe('May 6, 2025');
      expect(formatDate('2025-05', 'zh-CN')).toBe('2025年5月');
      expect(formatDate('2025-05-06', 'zh-CN')).toBe('2025年5月6日');
    }
  });
});
