/**
 * `record[key]` for the record's own keys only. Names come from input files, pages and
 * storage, and `constructor`, `toString` or `__proto__` must find nothing rather than what
 * every object inherits from Object.prototype.
 */
export function own<T>(
  record: Readonly<Record<string, T>> | undefined,
  key: string,
): T | undefined {
  return record !== undefined && record !== null && Object.hasOwn(record, key)
    ? record[key]
    : undefined;
}

/** True when `key` is the record's own key, not one inherited from Object.prototype. */
export function hasOwn(record: object | undefined, key: string): boolean {
  return record !== undefined && record !== null && Object.hasOwn(record, key);
}
