import { afterEach, describe, expect, it } from 'vitest';
import { addDays, today } from '../../../engine/dates.ts';

// "Today" is the calendar date in China (Asia/Shanghai, UTC+8 all year), whatever the time
// zone of the computer that asks.

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('today', () => {
  it('turns at midnight in Shanghai, which is 16:00 UTC the day before', () => {
    expect(today(new Date('2024-11-29T15:59:59.999Z'))).toBe('2024-11-29');
    expect(today(new Date('2024-11-29T16:00:00Z'))).toBe('2024-11-30');
    expect(today(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
  });

  for (const tz of ['America/Los_Angeles', 'Europe/Berlin', 'Pacific/Kiritimati', 'UTC']) {
    it(`is the date in China on a computer set to ${tz}`, () => {
      process.env.TZ = tz;
      // 18:00 on 29 November in Los Angeles, 03:00 on 30 November in Berlin, 00:00 on 1
      // December in Kiritimati: 10:00 on 30 November in Shanghai everywhere.
      const instant = new Date('2024-11-30T02:00:00Z');
      expect(today(instant)).toBe('2024-11-30');
    });
  }

  it('differs from the computer’s own date on an evening in America', () => {
    process.env.TZ = 'America/Los_Angeles';
    const evening = new Date('2024-11-29T18:00:00-08:00');
    expect(evening.getDate()).toBe(29);
    expect(today(evening)).toBe('2024-11-30');
  });

  it('agrees with the time zone data for Shanghai, before 1991 with its summer time too', () => {
    const shanghai = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    // Every 13 h 7 min from 1985 to 2035: instants at every hour of China's day, over years.
    const step = (13 * 60 + 7) * 60 * 1000;
    let checked = 0;
    for (let t = Date.UTC(1985, 0, 1); t < Date.UTC(2035, 0, 1); t += step) {
      const instant = new Date(t);
      expect(today(instant), instant.toISOString()).toBe(shanghai.format(instant));
      checked++;
    }
    expect(checked).toBeGreaterThan(33_000);
    // 15:30 UTC on 1 June 1988: 00:30 the next day in China's summer time of those years.
    expect(today(new Date('1988-06-01T15:30:00Z'))).toBe('1988-06-02');
  });
});

describe('addDays', () => {
  it('moves across months, leap days and years, and keeps years below 100 as written', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-11-30', 1)).toBe('2024-12-01');
    expect(addDays('0050-01-01', -1)).toBe('0049-12-31');
  });
});
