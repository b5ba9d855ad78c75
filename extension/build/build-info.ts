import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** The virtual module the popup and the options page read the release and build date from. */
export const BUILD_MODULE = 'virtual:policylens-build';
const RESOLVED_BUILD = `\0${BUILD_MODULE}`;

/** What a partner (or a support request) quotes to say which rules they saw. */
export interface BuildInfo {
  /** package.json's version: the extension's version. */
  version: string;
  /** The day the extension was built (UTC, YYYY-MM-DD). */
  builtOn: string;
}

/** Serves the version of package.json and the build day (build time only, Node). */
export function buildInfo(
  root: string = process.cwd(),
  now: () => Date = () => new Date(),
): Plugin {
  return {
    name: 'policylens-build-info',
    resolveId: (id) => (id === BUILD_MODULE ? RESOLVED_BUILD : undefined),
    load(id) {
      if (id !== RESOLVED_BUILD) return undefined;
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        version: string;
      };
      const info: BuildInfo = { version: pkg.version, builtOn: now().toISOString().slice(0, 10) };
      return `export default ${JSON.stringify(info)};`;
    },
  };
}
