/**
 * Normalizes an entity name for comparison: Unicode NFKC (full-width brackets and letters
 * become half-width), trimmed, inner white space collapsed, Latin letters lower-cased.
 */
export function normalizeEntityName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** True when two names denote the same entity (domain.md section 3). */
export function isSameEntity(a: string, b: string): boolean {
  return normalizeEntityName(a) === normalizeEntityName(b);
}
