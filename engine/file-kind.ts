export type FileKind = 'facts' | 'rules' | 'cases' | 'pages';

/** What a file under `rules/` holds, by its name. */
export function fileKind(path: string): FileKind | undefined {
  const normalized = path.replace(/\\/g, '/');
  if (!/\.ya?ml$/.test(normalized)) return undefined;
  if (/(^|\/)facts\.ya?ml$/.test(normalized)) return 'facts';
  if (/\.cases\.ya?ml$/.test(normalized)) return 'cases';
  if (/(^|\/)pages\//.test(normalized)) return 'pages';
  return 'rules';
}
