import {
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { EXCERPT_CHARS, quote, type Diagnostic } from './diagnostics.ts';

export type JsonPath = (string | number)[];

/**
 * Where a node is: its line and column in YAML text (from 1); or, in an object given as it
 * is, line and column 0 and the path to the node in `at`.
 */
export interface Position {
  line: number;
  col: number;
  at?: string;
}

/** A YAML file parsed once, with the position of every node. */
export interface ParsedYamlFile {
  path: string;
  /** Absent when the file has syntax errors: a broken file never half-loads. */
  value?: unknown;
  diagnostics: Diagnostic[];
  /** Position of the node at a JSON path (the closest existing ancestor if it is absent). */
  posAt(path: JsonPath): Position;
  /** Position of a mapping key at a JSON path, for errors about the key itself. */
  keyPosAt(path: JsonPath): Position;
}

/** A JSON path as a reader writes it: `rules[0].require`; the root is `the file`. */
export function describePath(path: JsonPath): string {
  if (path.length === 0) return 'the file';
  return path
    .map((s) => (typeof s === 'number' ? `[${s}]` : s.length > EXCERPT_CHARS ? quote(s) : s))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** `file:line:col`, or for an object given as it is, `name at path`. */
export function describePosition(file: string, pos: Position): string {
  return pos.at === undefined ? `${file}:${pos.line}:${pos.col}` : `${file} at ${pos.at}`;
}

/**
 * A value given as an object (a rule file, the vocabulary) instead of YAML text: checked and
 * compiled like a parsed file. It has no lines, so positions name the path to the node. The
 * value is copied first, so that later changes to the caller's object change nothing here;
 * what is not plain data (a function, a class instance) is an error.
 */
export function objectFile(path: string, given: unknown): ParsedYamlFile {
  const diagnostics: Diagnostic[] = [];
  let value: unknown;
  const fail = (message: string) =>
    diagnostics.push({
      file: path,
      line: 0,
      col: 0,
      at: 'the file',
      severity: 'error',
      code: 'not-data',
      message,
    });
  try {
    value = structuredClone(given);
    if (containsItself(value)) fail('the object contains itself');
  } catch (error) {
    fail(`not plain data: ${firstLine((error as Error).message)}`);
  }
  const locate = (jsonPath: JsonPath): Position => {
    const found: JsonPath = [];
    let node = value;
    for (const segment of jsonPath) {
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) break;
      node = (node as Record<string, unknown>)[segment];
      found.push(segment);
    }
    return { line: 0, col: 0, at: describePath(found) };
  };
  return {
    path,
    ...(diagnostics.length > 0 ? {} : { value }),
    diagnostics,
    posAt: locate,
    keyPosAt: locate,
  };
}

/**
 * Parses YAML (JSON is YAML too) keeping positions; syntax errors become diagnostics.
 * A leading byte order mark is dropped, so columns on the first line are what an editor
 * shows. Linear in the size of the text, however many keys a mapping holds.
 */
export function parseYamlFile(path: string, source: string): ParsedYamlFile {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    // The library finds duplicate keys by comparing each key with every earlier one, which
    // is quadratic in the keys of a mapping; `duplicateKeys` below does it with a set.
    uniqueKeys: false,
    strict: true,
    // Dates stay strings: the engine compares YYYY-MM-DD text, never Date objects.
    schema: 'core',
    // Problems become diagnostics with positions, never stray process warnings on stderr.
    logLevel: 'error',
  });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const diagnostics: Diagnostic[] = [];
  // One syntax error sets off others further on (a bad indent can yield dozens, pointing at
  // lines that are fine), so only the first one is reliable: report it, and count the rest.
  const firstError = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (firstError) {
    const { line, col } = at(firstError.pos[0]);
    const more = doc.errors.length - 1;
    diagnostics.push({
      file: path,
      line,
      col,
      severity: 'error',
      code: 'yaml-syntax',
      message: `invalid YAML: ${firstLine(firstError.message)}${more > 0 ? ` (${more} more syntax error${more === 1 ? '' : 's'} after it may follow from this one)` : ''}`,
    });
  }
  for (const warning of doc.warnings) {
    const { line, col } = at(warning.pos[0]);
    diagnostics.push({
      file: path,
      line,
      col,
      severity: 'warning',
      code: 'yaml-warning',
      message: firstLine(warning.message),
    });
  }

  // Each mapping's keys, indexed on first use, so finding a key is not a scan of the mapping.
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const name = keyName(pair.key);
        if (name !== undefined && !index.has(name)) index.set(name, pair);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };

  const locate = (jsonPath: JsonPath, wantKey: boolean) => {
    let node: unknown = doc.contents;
    let best = isNode(node) ? node : undefined;
    let lastKey: Node | undefined;
    for (const [i, segment] of jsonPath.entries()) {
      let next: unknown;
      let key: Node | undefined;
      if (isMap(node)) {
        const pair = pairOf(node, String(segment));
        if (!pair) break;
        key = isNode(pair.key) ? pair.key : undefined;
        next = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      } else {
        break;
      }
      if (i === jsonPath.length - 1) lastKey = key;
      // A key with no value (`foo:`) has no node of its own: point at the key.
      const here = isNode(next) && next.range ? next : key;
      if (!here) break;
      best = here;
      node = next;
    }
    const target = wantKey && lastKey ? lastKey : best;
    return at(target?.range?.[0] ?? 0);
  };

  if (doc.errors.length === 0) diagnostics.push(...duplicateKeys(doc, path, at));

  let value: unknown;
  if (!diagnostics.some((d) => d.severity === 'error')) {
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      diagnostics.push({
        file: path,
        line: 1,
        col: 1,
        severity: 'error',
        code: 'yaml-syntax',
        message: `invalid YAML: ${firstLine((error as Error).message)}`,
      });
    }
  }
  // An alias inside the node it names makes a value that contains itself: every later step
  // (schema check, compile, evaluate) would recurse forever, so refuse it here. Only a value
  // that does contain itself (rare, and only with a `*` in the text) is searched for the alias.
  if (text.includes('*') && containsItself(value)) {
    visit(doc, {
      Alias(_, alias, ancestors) {
        const target = alias.resolve(doc);
        if (!target || !ancestors.includes(target)) return;
        const { line, col } = at(alias.range?.[0] ?? 0);
        diagnostics.push({
          file: path,
          line,
          col,
          severity: 'error',
          code: 'yaml-syntax',
          message: `invalid YAML: alias *${alias.source} refers to a node that contains it`,
        });
      },
    });
  }
  return {
    path,
    ...(diagnostics.some((d) => d.severity === 'error') ? {} : { value }),
    diagnostics,
    posAt: (p) => locate(p, false),
    keyPosAt: (p) => locate(p, true),
  };
}

/** The key of a pair as toJS names it: scalars by their value, anything else by its text. */
function keyName(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (isNode(key)) return String(key);
  return key === null || key === undefined ? undefined : String(key);
}

/** Keys given twice in one mapping, each at its second place: a file never half-overrides. */
function duplicateKeys(
  doc: ReturnType<typeof parseDocument>,
  path: string,
  at: (offset: number) => { line: number; col: number },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A plain walk over maps and lists, in the order the library's `visit` takes (each map
  // before what it holds, a key before its value): `visit` costs a command's start-up
  // several times as much, as it calls out for every pair and scalar.
  const walk = (node: unknown) => {
    if (isSeq(node)) {
      for (const item of node.items) walk(item);
      return;
    }
    if (!isMap(node)) return;
    const seen = new Map<string, Pair>();
    for (const pair of node.items) {
      const name = keyName(pair.key);
      if (name === undefined) continue;
      const first = seen.get(name);
      if (!first) {
        seen.set(name, pair);
        continue;
      }
      const firstAt = at(isNode(first.key) ? (first.key.range?.[0] ?? 0) : 0);
      out.push({
        file: path,
        ...at(isNode(pair.key) ? (pair.key.range?.[0] ?? 0) : 0),
        severity: 'error',
        code: 'yaml-syntax',
        message: `invalid YAML: duplicate key ${quote(name)} (first at line ${firstAt.line}); keys must be unique`,
      });
    }
    for (const pair of node.items) {
      walk(pair.key);
      walk(pair.value);
    }
  };
  walk(doc.contents);
  return out;
}

/** The first line of a parser's message, cut: parsers may quote the input they stopped at. */
function firstLine(message: string): string {
  const line = message.split('\n')[0]!.trim();
  const limit = EXCERPT_CHARS * 3;
  return line.length > limit ? `${line.slice(0, limit)}… (cut)` : line;
}

/** True when an object or list holds itself, at any depth. */
function containsItself(value: unknown, ancestors = new Set<object>()): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (ancestors.has(value)) return true;
  ancestors.add(value);
  for (const child of Object.values(value)) {
    if (containsItself(child, ancestors)) return true;
  }
  ancestors.delete(value);
  return false;
}
