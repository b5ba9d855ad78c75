import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createEvaluator,
  fileKind,
  formatDiagnostic,
  loadPack,
  type CompiledPack,
  type Diagnostic,
  type Evaluator,
  type SourceFile,
} from '../../../engine/index.ts';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const RULES_DIR = join(REPO, 'rules');

/** The real fact vocabulary: every test pack speaks the project's language. */
export const FACTS_TEXT = readFileSync(join(RULES_DIR, 'facts.yaml'), 'utf8');
export const FACTS_FILE: SourceFile = { path: 'rules/facts.yaml', text: FACTS_TEXT };

/** The real rule pack's files (vocabulary, rules, cases; not page maps), paths as `rules/...`. */
export function realFiles(): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (fileKind(full) && fileKind(full) !== 'pages') {
        out.push({
          path: relative(REPO, full).split('\\').join('/'),
          text: readFileSync(full, 'utf8'),
        });
      }
    }
  };
  walk(RULES_DIR);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

let realPack: CompiledPack | undefined;

/** The real pack, loaded once; fails loudly if it does not load. */
export function loadRealPack(): CompiledPack {
  if (realPack) return realPack;
  const { pack, diagnostics } = loadPack(realFiles());
  if (!pack)
    throw new Error(`rules/ does not load:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  realPack = pack;
  return pack;
}

/** Loads rule files (path -> YAML) beside the real vocabulary. */
export function load(files: Record<string, string>): ReturnType<typeof loadPack> {
  return loadPack([FACTS_FILE, ...Object.entries(files).map(([path, text]) => ({ path, text }))]);
}

/** Loads rule files that must be valid and returns an evaluator for them. */
export function evaluatorFor(files: Record<string, string>): Evaluator {
  const { pack, diagnostics } = load(files);
  if (!pack)
    throw new Error(`test pack does not load:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  return createEvaluator(pack);
}

/** A rule file of flow `demo.flow` holding the given rule entries (YAML, indented by 2). */
export function ruleFile(rules: string, flow = 'demo.flow', extra = ''): string {
  return `flow: ${flow}\n${extra}title: { zh-CN: 演示, en: Demo }\nrules:\n${rules}`;
}

/**
 * One rule entry with sensible defaults; `body` holds further keys at rule indentation
 * (4 spaces), e.g. `    require: { fact: account.freeze, operator: equal, value: none }\n`.
 */
export function rule(id: string, body = '', severity = 'block'): string {
  return (
    `  - id: ${id}\n` +
    `    severity: ${severity}\n` +
    `    source: seed L1\n` +
    `    title: { zh-CN: 标题, en: Title of ${id} }\n` +
    `    message: { zh-CN: 消息, en: Message of ${id} }\n` +
    body
  );
}

/** The 1-based line and column where `needle` (its `nth` occurrence) starts in `text`. */
export function posOf(text: string, needle: string, nth = 1): { line: number; col: number } {
  let offset = -1;
  for (let i = 0; i < nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" occurs fewer than ${nth} times`);
  }
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, col: offset - before.lastIndexOf('\n') };
}

/** Diagnostics as `file:line:col: severity: message` lines, the way users see them. */
export function lines(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map(formatDiagnostic);
}
