import { parse, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { quote } from './diagnostics.ts';
import type { JsonPath } from './yaml.ts';

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

/** How deep JSON may nest before it is refused rather than parsed. */
export const MAX_JSON_DEPTH = 100;

/** Strict JSON with the position of every node: syntax, depth and duplicate keys checked. */
export interface ParsedJson {
  /** Absent when there is an error: a broken file never half-loads. */
  value?: unknown;
  errors: { line: number; col: number; message: string }[];
  /** Position of the node at a JSON path (the closest existing ancestor if it is absent). */
  posAt(path: JsonPath): { line: number; col: number };
  /** Position of the key at a JSON path, for problems with the name itself. */
  keyPosAt(path: JsonPath): { line: number; col: number };
}

/**
 * Parses strict JSON keeping positions, in time linear in the text: a syntax error, nesting
 * deeper than MAX_JSON_DEPTH, or a key given twice in one object is an error at its line.
 */
export function parseJsonFile(source: string): ParsedJson {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const lines = lineStarts(text);
  const at = (offset: number) => {
    // The last line starting at or before the offset.
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lines[lo]! + 1 };
  };
  const start = () => ({ line: 1, col: 1 });
  const nowhere = { errors: [], posAt: start, keyPosAt: start };

  const tooDeep = depthExceeded(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    return {
      ...nowhere,
      errors: [{ ...at(tooDeep), message: `nested more than ${MAX_JSON_DEPTH} levels deep` }],
    };
  }
  const parsed = parseJson(text);
  if (!parsed.isOk) {
    return {
      ...nowhere,
      errors: [
        { line: parsed.line, col: parsed.col, message: `not valid JSON: ${parsed.message}` },
      ],
    };
  }
  // The text is valid JSON, so jsonc-parser builds the very same tree, with offsets.
  const tree = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  const keys = new WeakMap<JsonNode, Map<string, JsonNode>>();
  const errors: ParsedJson['errors'] = [];
  const index = (node: JsonNode) => {
    if (node.type === 'object') {
      const byKey = new Map<string, JsonNode>();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key) continue;
        const name = String(key.value);
        const first = byKey.get(name);
        if (first) {
          errors.push({
            ...at(key.offset),
            message: `duplicate key ${quote(name)} (first at line ${at(first.offset).line}); keys must be unique`,
          });
        } else {
          byKey.set(name, property);
        }
        if (value) index(value);
      }
      keys.set(node, byKey);
    } else if (node.type === 'array') {
      for (const child of node.children ?? []) index(child);
    }
  };
  if (tree) index(tree);
  const locate = (path: JsonPath, wantKey: boolean) => {
    let node = tree;
    let best = tree;
    for (const [i, segment] of path.entries()) {
      if (!node) break;
      let next: JsonNode | undefined;
      if (node.type === 'object') {
        const property = keys.get(node)?.get(String(segment));
        next = wantKey && i === path.length - 1 ? property?.children?.[0] : property?.children?.[1];
      } else if (node.type === 'array' && typeof segment === 'number') {
        next = node.children?.[segment];
      }
      if (!next) break;
      best = next;
      node = next;
    }
    return at(best?.offset ?? 0);
  };
  const posAt = (path: JsonPath) => locate(path, false);
  const keyPosAt = (path: JsonPath) => locate(path, true);
  return errors.length > 0
    ? { errors, posAt, keyPosAt }
    : { value: parsed.value, errors, posAt, keyPosAt };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The offset of the first bracket nested deeper than `limit`, outside strings, if any. */
function depthExceeded(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return undefined;
}
