import { own } from './own.ts';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean, quote, show, type Diagnostic } from './diagnostics.ts';
import { validatorFor, type SchemaName } from './validators.ts';
import { describePath, type JsonPath, type ParsedYamlFile, type Position } from './yaml.ts';

/** Checks a parsed YAML file against a named schema; errors point at the offending node. */
export function checkSchema(
  schema: SchemaName | ValidateFunction,
  file: ParsedYamlFile,
): Diagnostic[] {
  if (file.value === undefined && file.diagnostics.length > 0) return [];
  const validate = typeof schema === 'string' ? validatorFor(schema) : schema;
  if (validate(file.value)) return [];
  const errors = relevantErrors(validate.errors ?? []);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of errors) {
    const path = toPath(error.instancePath);
    const { pos, message } = describe(error, path, file);
    const key = `${pos.line}:${pos.col}:${pos.at}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      file: file.path,
      ...pos,
      severity: 'error',
      code: `schema-${error.keyword}`,
      message,
    });
  }
  return out;
}

function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  // `if` only says that a `then`/`else` branch failed; that branch's own error says why.
  // `propertyNames` only says that a name failed; the error about that name says why.
  const namedFailures = new Set(
    errors.filter((e) => e.propertyName !== undefined).map((e) => e.instancePath),
  );
  const kept = errors.filter(
    (e) =>
      e.keyword !== 'if' && !(e.keyword === 'propertyNames' && namedFailures.has(e.instancePath)),
  );
  // A type error on a node makes every other complaint about that node noise.
  const typeFailed = new Set(kept.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return kept.filter((e) => e.keyword === 'type' || !typeFailed.has(e.instancePath));
}

function toPath(pointer: string): JsonPath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(
  error: ErrorObject,
  path: JsonPath,
  file: ParsedYamlFile,
): { pos: Position; message: string } {
  const at = describePath(path);
  const params = error.params as Record<string, unknown>;
  const parent = error.parentSchema as { description?: string; properties?: object } | undefined;
  const expected = parent?.description ? ` (${parent.description})` : '';
  const found = show(valueAt(file.value, path));
  if (error.propertyName !== undefined) {
    // Inside `propertyNames`: the name of a key is what is wrong, so point at that key.
    const name = error.propertyName;
    const why =
      error.keyword === 'maxLength'
        ? `longer than ${String(params.limit)} characters`
        : `expected ${parent?.description ?? `a name matching ${String(params.pattern ?? '')}`}`;
    return {
      pos: file.keyPosAt([...path, name]),
      message: `${at}: invalid name ${show(name)}: ${why}`,
    };
  }
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return {
        pos: path.length ? file.keyPosAt(path) : file.posAt(path),
        message: `${at} is missing "${missing}"`,
      };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys(parent?.properties ?? {});
      return {
        pos: file.keyPosAt([...path, extra]),
        message: `unknown property ${quote(extra)} in ${at}${didYouMean(extra, known)}; expected one of: ${known.join(', ')}`,
      };
    }
    case 'propertyNames':
      return { pos: file.posAt(path), message: `${at} has an invalid name` };
    case 'enum':
      return {
        pos: file.posAt(path),
        message: `${at}: expected one of ${(params.allowedValues as unknown[]).join(', ')}, found ${found}`,
      };
    case 'type':
      return {
        pos: file.posAt(path),
        message: `${at}: expected ${String(params.type).replace(/,/g, ' or ')}${expected}, found ${found}`,
      };
    case 'pattern':
    case 'format':
      return {
        pos: file.posAt(path),
        message: `${at}: expected ${parent?.description ?? `text matching ${String(params.pattern ?? params.format)}`}, found ${found}`,
      };
    case 'minItems':
    case 'minLength':
    case 'minProperties':
      return { pos: file.posAt(path), message: `${at} must not be empty` };
    case 'maxProperties':
      return {
        pos: file.posAt(path),
        message: `${at}: ${parent?.description ?? `expected at most ${String(params.limit)} entries`}`,
      };
    default:
      return {
        pos: file.posAt(path),
        message: `${at}: ${error.message ?? 'is invalid'}${expected}`,
      };
  }
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = own(node as Record<string, unknown>, String(segment));
  }
  return node;
}
