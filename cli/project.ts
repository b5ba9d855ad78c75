import { loadSuites, type Suite } from '../engine/authoring/cases.ts';
import {
  fileKind,
  loadPack,
  sortDiagnostics,
  type CompiledPack,
  type Diagnostic,
  type ParsedYamlFile,
  type SourceFile,
} from '../engine/index.ts';
import { loadPageMaps, type CompiledPageMap } from '../engine/pages.ts';
import { findRulesRoot, readPack } from './files.ts';
import { locateFlows } from './locate.ts';

export interface Project {
  root: string;
  files: SourceFile[];
  pack?: CompiledPack;
  suites: Suite[];
  diagnostics: Diagnostic[];
  /** The rule files as parsed while loading, for positions. */
  ruleFiles: ParsedYamlFile[];
  /** The page maps, when the files hold any and they have no errors. */
  pageMaps?: CompiledPageMap[];
  /** Every flow the pack declares, when they had to be looked for. */
  knownFlows?: string[];
}

/**
 * Loads a whole rule pack from the folder that holds facts.yaml: vocabulary, rules and cases,
 * and with `withPageMaps`, the page maps too (validate and lint check them; the commands that
 * evaluate do not need them).
 */
export function loadProject(anyPath: string, { withPageMaps = false } = {}): Project {
  const root = findRulesRoot(anyPath);
  const { files, diagnostics } = readPack(root);
  return loadFiles(
    root,
    withPageMaps ? files : files.filter((f) => fileKind(f.path) !== 'pages'),
    diagnostics,
  );
}

/**
 * Loads only what the given flows need: the vocabulary, the rule files that declare the
 * flows, and the given case files. What it costs grows with those flows, not with the pack;
 * the rest of the pack is not read, so its problems are `policylens validate`'s to report.
 */
export async function loadFlows(
  anyPath: string,
  flowIds: string[],
  caseFiles: SourceFile[] = [],
): Promise<Project> {
  const located = await locateFlows(anyPath, flowIds);
  return {
    ...loadFiles(located.root, [...located.files, ...caseFiles], located.diagnostics),
    ...(located.known ? { knownFlows: located.known } : {}),
  };
}

/**
 * Compiles files of a pack: the pack from the vocabulary and rule files, then the cases and
 * the page maps against it. With files that could not be read (`unreadable`, their errors),
 * nothing is compiled: a missing file may hold rules, and a pack never half-loads.
 */
export function loadFiles(
  root: string,
  files: SourceFile[],
  unreadable: Diagnostic[] = [],
  parsed?: (file: SourceFile) => ParsedYamlFile | undefined,
): Project {
  if (unreadable.length > 0) {
    return { root, files, suites: [], diagnostics: sortDiagnostics(unreadable), ruleFiles: [] };
  }
  const loaded = loadPack(files, parsed);
  const diagnostics = [...loaded.diagnostics];
  let suites: Suite[] = [];
  let pageMaps: CompiledPageMap[] | undefined;
  const { pack } = loaded;
  if (pack) {
    const cases = loadSuites(
      files.filter((f) => fileKind(f.path) === 'cases'),
      pack,
    );
    suites = cases.suites;
    diagnostics.push(...cases.diagnostics);
    const pageFiles = files.filter((f) => fileKind(f.path) === 'pages');
    if (pageFiles.length > 0) {
      const pages = loadPageMaps(
        pageFiles,
        pack.facts,
        pack.flows.map((f) => f.id),
        pack.flows.flatMap((f) => f.rules.map((r) => r.id)),
      );
      pageMaps = pages.pageMaps;
      diagnostics.push(...pages.diagnostics);
    }
  }
  return {
    root,
    files,
    ...(pack ? { pack } : {}),
    ...(pageMaps ? { pageMaps } : {}),
    suites,
    diagnostics: sortDiagnostics(diagnostics),
    ruleFiles: loaded.ruleFiles,
  };
}
