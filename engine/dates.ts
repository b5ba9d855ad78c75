const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear takes the year as written.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** True for a month written YYYY-MM. */
export function isMonth(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = MONTH.exec(text);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** The month before the month of a date: `2024-03-02` -> `2024-02`. */
export function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const year = (n: number) => String(n).padStart(4, '0');
  return m === 1 ? `${year(y - 1)}-12` : `${year(y)}-${String(m - 1).padStart(2, '0')}`;
}

/** The time zone the policies' dates are in: China's. */
export const POLICY_TIME_ZONE = 'Asia/Shanghai';

let chinaDate: Intl.DateTimeFormat | undefined;

/** 1991-09-15 00:00 China time: since then China's clocks are UTC+8 all year, without DST. */
const FIXED_OFFSET_SINCE = Date.UTC(1991, 8, 14, 16);
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Today's date in China (Asia/Shanghai), YYYY-MM-DD, whatever the machine's own time zone:
 * the policies are China's, so on an evening in Europe or America it is already tomorrow.
 * China has kept UTC+8 since 1991, so the date is found by adding eight hours; only an
 * earlier instant asks Intl's time zone data, whose loading costs a command's start-up
 * more than the rest of an evaluation.
 */
export function today(now: Date = new Date()): string {
  const time = now.getTime();
  if (time >= FIXED_OFFSET_SINCE)
    return new Date(time + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  chinaDate ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: POLICY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const parts = Object.fromEntries(chinaDate.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The date `days` days after (or before, when negative) a date: `2024-03-01`, -1 -> `2024-02-29`. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // As in isDate: setUTCFullYear takes years 0-99 as written, Date.UTC would not.
  const shifted = new Date(0);
  shifted.setUTCFullYear(y, m - 1, d + days);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1, 2)}-${pad(shifted.getUTCDate(), 2)}`;
}

/** True when `at` lies in [from, until): dates compare as text. */
export function isWithin(at: string, from?: string, until?: string): boolean {
  return (from === undefined || at >= from) && (until === undefined || at < until);
}
