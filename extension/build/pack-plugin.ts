import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../../engine/diagnostics.ts';
import { fileKind, loadPack, type SourceFile } from '../../engine/load.ts';
import { loadPageMaps } from '../../engine/pages.ts';
import { readDiagnostic, readTextFile, yamlFilesUnder } from '../../cli/files.ts';
import { CONTENT_MATCHES, isCoveredBy } from '../matches.ts';
import type { PackBundle } from '../overlay.ts';

// Build time only (Node): the extension ships the compiled JSON, never the YAML parser or
// the schema compiler (MV3 forbids the `new Function` ajv needs).

/** The virtual module the content script imports the compiled rules and page maps from. */
export const PACK_MODULE = 'virtual:policylens-pack';
const RESOLVED_PACK = `\0${PACK_MODULE}`;
/**
 * json-rules-engine only calls JSONPath for conditions with a `path`; the engine never
 * writes one (facts are flat dotted names), so the extension ships a stub instead of
 * jsonpath-plus, whose unused "native" mode contains `new Function`.
 */
const RESOLVED_JSONPATH = '\0policylens-no-jsonpath';

/** Reads `rules/**\/*.yaml` and compiles the pack and the page maps, with every diagnostic. */
export function compileBundle(root: string): {
  bundle?: PackBundle;
  diagnostics: Diagnostic[];
  files: string[];
} {
  // The same safe reading as the CLI: regular UTF-8 files, no links leaving rules/, capped.
  const rulesDir = join(root, 'rules');
  const found = yamlFilesUnder(rulesDir);
  const paths = found.paths;
  const shown = (path: string) => relative(root, path).split(sep).join('/');
  const files: SourceFile[] = [];
  const unreadable = [...found.diagnostics];
  for (const path of paths) {
    const read = readTextFile(path, { root: rulesDir });
    if (read.isOk) files.push({ path: shown(path), text: read.text });
    else unreadable.push(readDiagnostic(shown(path), read));
  }
  if (unreadable.length > 0) return { diagnostics: unreadable, files: paths };
  const loaded = loadPack(files);
  if (!loaded.pack) return { diagnostics: loaded.diagnostics, files: paths };
  const { pack } = loaded;
  const pages = loadPageMaps(
    files.filter((f) => fileKind(f.path) === 'pages'),
    pack.facts,
    pack.flows.map((f) => f.id),
    pack.flows.flatMap((f) => f.rules.map((r) => r.id)),
  );
  const diagnostics = [...loaded.diagnostics, ...pages.diagnostics];
  for (const page of pages.pageMaps ?? []) {
    for (const site of page.sites) {
      if (!CONTENT_MATCHES.some((m) => isCoveredBy(m, site))) {
        diagnostics.push({
          file: page.pos?.file ?? 'rules/pages',
          line: page.pos?.line ?? 1,
          col: page.pos?.col ?? 1,
          severity: 'error',
          code: 'site-not-matched',
          message: `site ${site} of page "${page.id}" is not covered by the content script's matches (extension/matches.ts)`,
        });
      }
    }
  }
  if (hasErrors(diagnostics) || !pages.pageMaps) return { diagnostics, files: paths };
  return { bundle: { pack, pageMaps: pages.pageMaps }, diagnostics, files: paths };
}

/**
 * Compiles and validates the rules and page maps when a build starts (any error fails it,
 * listing every `path:line:col: error: message`) and serves them as a JSON module.
 */
export function policyPack(root: string = process.cwd()): Plugin {
  let bundle: PackBundle | undefined;
  return {
    name: 'policylens-pack',
    enforce: 'pre',
    buildStart() {
      const result = compileBundle(root);
      for (const file of result.files) this.addWatchFile(file);
      const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
      for (const d of warnings) this.warn(formatDiagnostic(d));
      if (!result.bundle) {
        const errors = result.diagnostics
          .filter((d) => d.severity === 'error')
          .map(formatDiagnostic);
        this.error(
          `PolicyLens rules or page maps are invalid (${errors.length} errors):\n${errors.join('\n')}`,
        );
      }
      bundle = result.bundle;
    },
    resolveId(id) {
      if (id === PACK_MODULE) return RESOLVED_PACK;
      if (id === 'jsonpath-plus') return RESOLVED_JSONPATH;
      return undefined;
    },
    load(id) {
      if (id === RESOLVED_PACK) return `export default ${JSON.stringify(bundle)};`;
      if (id === RESOLVED_JSONPATH) {
        return 'export function JSONPath() { throw new Error("PolicyLens: JSONPath is not available in the extension"); }';
      }
      return undefined;
    },
  };
}
