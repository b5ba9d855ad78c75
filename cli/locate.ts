import { join } from 'node:path';
import type { Diagnostic } from '../engine/diagnostics.ts';
import { fileKind } from '../engine/file-kind.ts';
import type { SourceFile } from '../engine/load.ts';
import { display, findRulesRoot, isPresent, readSources, yamlFilesUnder } from './files.ts';

/** The files a command needs from a rule pack: the vocabulary first, then rule files. */
export interface LocatedFlows {
  root: string;
  files: SourceFile[];
  /** Files that could not be read (a link out of the pack, a FIFO, not UTF-8, ...). */
  diagnostics: Diagnostic[];
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
  const diagnostics: Diagnostic[] = [];
  const read = (paths: string[]) => {
    const result = readSources(paths, root);
    diagnostics.push(...result.diagnostics);
    return result.files;
  };
  const vocabulary = read([join(root, 'facts.yaml')]);
  const found = new Map<string, SourceFile>();
  const missing = new Set<string>();
  for (const flow of flowIds) {
    const candidate = conventionalPath(root, flow);
    const [source] = candidate ? read([candidate]) : [];
    if (source && (await declaredFlow(source)) === flow) found.set(source.path, source);
    else missing.add(flow);
  }
  if (missing.size === 0) {
    return { root, files: [...vocabulary, ...found.values()], diagnostics };
  }
  const known = new Set<string>();
  const walked = yamlFilesUnder(root);
  diagnostics.push(...walked.diagnostics);
  for (const path of walked.paths) {
    if (fileKind(path) !== 'rules') continue;
    const source = found.get(display(path)) ?? read([path])[0];
    if (!source) continue;
    const flow = await declaredFlow(source);
    if (flow === undefined) continue;
    known.add(flow);
    if (missing.has(flow)) found.set(source.path, source);
  }
  return {
    root,
    files: [...vocabulary, ...found.values()],
    diagnostics: dedupe(diagnostics),
    known: [...known].sort(),
  };
}

/** A file refused on the way to its flow and again in the walk is said once. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\n${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function conventionalPath(root: string, flow: string): string | undefined {
  const parts = flow.split('.');
  for (const ext of ['.yaml', '.yml']) {
    const path = join(root, ...parts.slice(0, -1), `${parts.at(-1)}${ext}`);
    // Present at all (a link or a FIFO too): reading it says what is wrong with it.
    if (isPresent(path)) return path;
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
