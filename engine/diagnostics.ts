export type DiagnosticSeverity = 'error' | 'warning';

/** A problem in an input file, pointing at the node that caused it. */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: DiagnosticSeverity;
  message: string;
  /** A short stable name for the kind of problem, e.g. `unknown-fact`. */
  code?: string;
  /**
   * In an object given as it is (not YAML text), the path to the node, e.g. `rules[0].id`;
   * `line` and `col` are then 0.
   */
  at?: string;
}

/**
 * Formats a diagnostic the way compilers do: `path:line:col: error: message` (for an object
 * given as it is, `name: at rules[0].id: error: message`), on one line whatever the file name
 * or message hold (control characters are escaped, so a name in the input cannot move the
 * cursor, clear the terminal or start a second line).
 */
export function formatDiagnostic(d: Diagnostic): string {
  const file = escapeControls(d.file);
  const where =
    d.at === undefined ? `${file}:${d.line}:${d.col}` : `${file}: at ${escapeControls(d.at)}`;
  return `${where}: ${d.severity}: ${escapeControls(d.message)}`;
}

/** How many characters of a value from the input a message may echo. */
export const EXCERPT_CHARS = 80;

/**
 * A text from the input, quoted, with control characters escaped, and cut to its first
 * 80 characters when longer: `"abc"`, or `"abc"… (cut: 80 of 5242880 characters shown)`.
 * Messages echo input through this (or `show`), so a wrong value never floods the output
 * and never shows more than an excerpt of what a file holds.
 */
export function quote(text: string): string {
  let head = '';
  let count = 0;
  for (const char of text) {
    if (count === EXCERPT_CHARS) {
      return `${escapeControls(JSON.stringify(head))}… (cut: ${EXCERPT_CHARS} of ${codePoints(text)} characters shown)`;
    }
    head += char;
    count++;
  }
  return escapeControls(JSON.stringify(text));
}

function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls
// that reorder what a terminal shows. Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** Control characters as `\uXXXX`, so a text always prints as one visible line. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Orders diagnostics by file, then position, so output is stable. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col,
  );
}

export function hasErrors(list: Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** Renders a value the way a user wrote it, for "expected X, found Y" messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `a list`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Suggests the closest known name, for "did you mean" hints. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  const allowed = Math.max(2, Math.floor(name.length / 3));
  let bestDistance = allowed + 1;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip what cannot be close, so a
    // long name from the input costs no more than a short one.
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const d = editDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

/** Levenshtein distance, or `limit + 1` as soon as it is sure to exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
      if (row[j]! < rowMin) rowMin = row[j]!;
    }
    // Each row's smallest value never decreases further down.
    if (rowMin > limit) return limit + 1;
  }
  return row[b.length]!;
}

export function didYouMean(name: string, candidates: Iterable<string>): string {
  const guess = closest(name, candidates);
  return guess ? ` (did you mean ${quote(guess)}?)` : '';
}
