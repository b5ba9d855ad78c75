import { loadSuites, type Suite } from '../engine/authoring/cases.ts';
import {
  fileKind,
  loadPack,
  sortDiagnostics,
  type CompiledPack,
  type Diagnostic,
  type SourceFile,
} from '../engine/index.ts';
import { findRulesRoot, readSources, yamlFilesUnder } from './files.ts';
import { locateFlows } from './locate.ts';

export interface Project {
  root: string;
  files: SourceFile[];
  pack?: CompiledPack;
  suites: Suite[];
  diagnostics: Diagnostic[];
  /** Every flow the pack declares, when they had to be looked for. */
  knownFlows?: string[];
}

/** Loads a whole rule pack (vocabulary, rules, cases) from the folder that holds facts.yaml. */
export function loadProject(anyPath: string): Project {
  const root = findRulesRoot(anyPath);
  return loadFiles(root, readSources(yamlFilesUnder(root)));
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
    ...loadFiles(located.root, [...located.files, ...caseFiles]),
    ...(located.known ? { knownFlows: located.known } : {}),
  };
}

/** Compiles files of a pack: the pack from the vocabulary and rule files, then the cases. */
export function loadFiles(root: string, files: SourceFile[]): Project {
  const loaded = loadPack(files);
  const diagnostics = [...loaded.diagnostics];
  let suites: Suite[] = [];
  if (loaded.pack) {
    const cases = loadSuites(
      files.filter((f) => fileKind(f.path) === 'cases'),
      loaded.pack,
    );
    suites = cases.suites;
    diagnostics.push(...cases.diagnostics);
  }
  return {
    root,
    files,
    ...(loaded.pack ? { pack: loaded.pack } : {}),
    suites,
    diagnostics: sortDiagnostics(diagnostics),
  };
}
