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

export interface Project {
  root: string;
  files: SourceFile[];
  pack?: CompiledPack;
  suites: Suite[];
  diagnostics: Diagnostic[];
}

/** Loads a whole rule pack (vocabulary, rules, cases) from the folder that holds facts.yaml. */
export function loadProject(anyPath: string): Project {
  const root = findRulesRoot(anyPath);
  const files = readSources(yamlFilesUnder(root));
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
