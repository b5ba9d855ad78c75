import { sortDiagnostics } from '../engine/diagnostics.ts';
import { fileKind } from '../engine/file-kind.ts';
import { loadPack, type LoadResult } from '../engine/load.ts';
import { findRulesRoot, readPack as readPackFiles } from './files.ts';

/**
 * Reads the rule pack in a folder (the folder holding facts.yaml, at or above `path`) and
 * loads its vocabulary and rule files, as `policylens validate` does; `root` is that folder.
 * Throws when there is no such folder or no facts.yaml; problems in the files, and files
 * that cannot be read (then nothing loads), are diagnostics.
 */
export function readPack(path = 'rules'): LoadResult & { root: string } {
  const root = findRulesRoot(path);
  const { files, diagnostics } = readPackFiles(root);
  if (diagnostics.length > 0) {
    return { diagnostics: sortDiagnostics(diagnostics), ruleFiles: [], root };
  }
  const wanted = files.filter((f) => fileKind(f.path) === 'facts' || fileKind(f.path) === 'rules');
  return { ...loadPack(wanted), root };
}
