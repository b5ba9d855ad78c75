import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import casesSchema from './schema/cases.schema.json' with { type: 'json' };
import commonSchema from './schema/common.schema.json' with { type: 'json' };
import configSchema from './schema/config.schema.json' with { type: 'json' };
import factsSchema from './schema/facts.schema.json' with { type: 'json' };
import pageMapSchema from './schema/page-map.schema.json' with { type: 'json' };
import rulesSchema from './schema/rules.schema.json' with { type: 'json' };

// Node only: ajv compiles schemas with `new Function`, which MV3 forbids. The built CLI and
// package do not run this module: the build (scripts/build-package.ts) puts in its place the
// validators ajv generates ahead of time from the same schemas and options (ajv standalone
// code), so they never compile a schema at run time.

/** The schemas of the files a rule pack holds, by name. */
export const SCHEMAS = {
  facts: factsSchema,
  rules: rulesSchema,
  cases: casesSchema,
  'page-map': pageMapSchema,
  config: configSchema,
};
export type SchemaName = keyof typeof SCHEMAS;

/** Schemas the others refer to by `$id`. */
export const SHARED_SCHEMAS = [commonSchema];

/** One ajv instance with the project's options, formats and shared schemas. */
export function createAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    // Errors carry their schema node, whose `description` says what was expected.
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    ...extra,
  });
  // ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
  const addFormats = ((addFormatsModule as { default?: unknown }).default ??
    addFormatsModule) as unknown as (a: Ajv) => void;
  addFormats(ajv);
  for (const schema of SHARED_SCHEMAS) ajv.addSchema(schema);
  return ajv;
}

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

/** The validator of one of the pack's schemas, compiled on first use. */
export function validatorFor(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = compileSchema(SCHEMAS[name]);
    compiled.set(name, validate);
  }
  return validate;
}

/** Compiles a further schema (a test's own file kind) with the same options. */
export function compileSchema(schema: object): ValidateFunction {
  ajv ??= createAjv();
  return ajv.compile(schema);
}
