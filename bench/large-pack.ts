import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * Writes a rule pack `copies` times the size of `source`: the vocabulary once, then every
 * rule file, case file and page map `copies` times, each copy's flows, rule ids, page ids and
 * routes renamed (`reseller.join` -> `reseller-c7.join`) so that the pack stays valid. Copy 0
 * is the pack itself. Returns the number of files written.
 */
export function writeLargePack(source: string, target: string, copies: number): number {
  const files = yamlFiles(source).map((path) => ({
    path: relative(source, path),
    text: readFileSync(path, 'utf8'),
  }));
  const flows = files
    .map((f) => /^flow:\s*(\S+)/m.exec(f.text)?.[1])
    .filter((id): id is string => id !== undefined);
  let written = 0;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), text);
    written++;
  };
  for (const file of files) {
    if (file.path === 'facts.yaml') {
      write(file.path, file.text);
      continue;
    }
    for (let copy = 0; copy < copies; copy++) {
      const suffix = copy === 0 ? '' : `-c${copy}`;
      write(renamePath(file.path, suffix), renameText(file.text, flows, suffix, file.path));
    }
  }
  return written;
}

function renamePath(path: string, suffix: string): string {
  const [first, ...rest] = path.split('/');
  if (first === 'pages') return `pages/${rest.join('/').replace(/\.yaml$/, `${suffix}.yaml`)}`;
  return [`${first}${suffix}`, ...rest].join('/');
}

function renameText(text: string, flows: string[], suffix: string, path: string): string {
  if (suffix === '') return text;
  let out = text;
  for (const flow of flows) {
    const [program, ...rest] = flow.split('.');
    const pattern = new RegExp(`(?<![\\w.-])${flow.replace(/[.-]/g, '\\$&')}(?![\\w-])`, 'g');
    out = out.replace(pattern, [`${program}${suffix}`, ...rest].join('.'));
  }
  if (path.startsWith('pages/')) {
    // Page ids and the places pages live (route, or site without routes) are unique in a pack.
    out = out
      .replace(/^(\s*- id: )(\w+)$/gm, `$1$2${suffix}`)
      .replace(/routes: \[\//g, `routes: [/copy${suffix}/`)
      .replace(/\/index\.html$/gm, `/index${suffix}.html`);
  }
  return out;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(entry.name) ? [path] : [];
    });
}
