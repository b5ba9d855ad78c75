import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../../..');

/** The real fact vocabulary: fixture packs copy it so they test against real facts. */
export const FACTS_YAML = readFileSync(join(ROOT, 'rules/facts.yaml'), 'utf8');

export { cli, type Run } from '../cli/helpers.ts';

const made: string[] = [];

/**
 * A temp folder standing for a repository: `rules/facts.yaml` (the real vocabulary) and the
 * given files, paths relative to the temp folder. Returns the folder.
 */
export function tempRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'policylens-owner-'));
  made.push(dir);
  writeFiles(dir, { 'rules/facts.yaml': FACTS_YAML, ...files });
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** Removes every temp folder made so far; call it from afterAll. */
export function removeTempRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs git in a folder with a fixed identity, so commits work on any machine. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=PolicyLens Test', '-c', 'user.email=test@example.com', ...args],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** A rule in YAML, indented as an item of `rules:`. */
export function rule(id: string, body: string, severity = 'block'): string {
  const indented = body
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return `  - id: ${id}
    severity: ${severity}
    source: seed L7
    title: { zh-CN: 标题, en: Title of ${id} }
    message: { zh-CN: 说明。, en: About ${id}. }
${indented}
`;
}

/** A rule file for a flow with the given rules. */
export function ruleFile(flow: string, ...rules: string[]): string {
  return `flow: ${flow}\ntitle: { zh-CN: 演示, en: Demo ${flow} }\nrules:\n${rules.join('')}`;
}
