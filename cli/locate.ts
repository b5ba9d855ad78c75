import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileKind } from '../engine/file-kind.ts';
import type { SourceFile } from '../engine/load.ts';
import { display, findRulesRoot, readSources, yamlFilesUnder } from './files.ts';

/** The files a command needs from a rule pack: the vocabulary first, then rule files. */
export interface LocatedFlows {
  root: string;
  files: SourceFile[];
  /** Every flow the pack declares, when they had to be looked for (a flow not found at once). */
  known?: string[];
}

/**
 * Finds the vocabulary and the rule files that declare the flows, reading no more of the
 * pack than it must. A flow `program.name` lives by convention in `program/name.yaml`, read
 * first; only a flow not found there makes every rule file be looked at, by its `flow:`.
 */
export async function locateFlows(anyPath: string, flowIds: string[]): Promise<LocatedFlows> {
  const root = findRulesRoot(anyPath);
  const vocabulary = readSources([join(root, 'facts.yaml')]);
  const found = new Map<string, SourceFile>();
  const missing = new Set<string>();
  for (const flow of flowIds) {
    const candidate = conventionalPath(root, flow);
    const [source] = candidate ? readSources([candidate]) : [];
    if (source && (await declaredFlow(source)) === flow) found.set(source.path, source);
    else missing.add(flow);
  }
  if (missing.size === 0) return { root, files: [...vocabulary, ...found.values()] };
  const known = new Set<string>();
  for (const path of yamlFilesUnder(root)) {
    if (fileKind(path) !== 'rules') continue;
    const source = found.get(display(path)) ?? readSources([path])[0]!;
    const flow = await declaredFlow(source);
    if (flow === undefined) continue;
    known.add(flow);
    if (missing.has(flow)) found.set(source.path, source);
  }
  return { root, files: [...vocabulary, ...found.values()], known: [...known].sort() };
}

function conventionalPath(root: string, flow: string): string | undefined {
  const parts = flow.split('.');
  for (const ext of ['.yaml', '.yml']) {
    const path = join(root, ...parts.slice(0, -1), `${parts.at(-1)}${ext}`);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** `flow: reseller.join` on a line of its own, as rule and case files begin. */
const FLOW_LINE = /^flow:[ \t]*(["']?)([a-z][a-z0-9.-]*)\1[ \t]*(?:#.*)?$/m;

/**
 * The flow a rule or case file declares: from its `flow:` line, or where the file is written
 * otherwise (JSON, flow style), from the parsed file.
 */
export async function declaredFlow(source: SourceFile): Promise<string | undefined> {
  const line = FLOW_LINE.exec(source.text)?.[2];
  if (line !== undefined) return line;
  const { parseYamlFile } = await import('../engine/yaml.ts');
  const value = parseYamlFile(source.path, source.text).value as { flow?: unknown } | undefined;
  return typeof value?.flow === 'string' ? value.flow : undefined;
}
