import { parse, type ParseError } from 'jsonc-parser';

export type JsonResult =
  { isOk: true; value: unknown } | { isOk: false; line: number; col: number; message: string };

/**
 * Parses strict JSON with JSON.parse. On an error, says where and what on one line: V8's own
 * words and position, and where V8 names no position ("Unexpected token"), jsonc-parser's.
 */
export function parseJson(text: string): JsonResult {
  try {
    return { isOk: true, value: JSON.parse(text) };
  } catch (error) {
    const v8 = (error as Error).message;
    const named = /position (\d+)/.exec(v8);
    const offset = named ? Number(named[1]) : unnamedErrorOffset(text, v8);
    const before = text.slice(0, offset);
    return {
      isOk: false,
      line: before.split('\n').length,
      col: offset - before.lastIndexOf('\n'),
      message: oneLine(v8),
    };
  }
}

/** jsonc-parser finds the bad token; V8's "Unexpected token 'o'" names the character in it. */
function unnamedErrorOffset(text: string, v8: string): number {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  const start = errors[0]?.offset ?? text.length;
  const token = /^Unexpected token '(.)'/su.exec(v8)?.[1];
  const at = token === undefined ? -1 : text.indexOf(token, start);
  return at >= 0 ? at : start;
}

/** V8's message without its position or its echo of the input, control characters escaped. */
function oneLine(message: string): string {
  const text = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
  let out = '';
  for (const c of text) out += c < ' ' ? JSON.stringify(c).slice(1, -1) : c;
  return out;
}
