import { own } from './own.ts';
import { didYouMean, quote, show, type Diagnostic } from './diagnostics.ts';
import { isDate } from './dates.ts';
import { describeType, factValueProblem } from './facts.ts';
import { OPERATOR_NAMES, OPERATORS } from './operators.ts';
import type { Condition, FactVocabulary, FactCondition } from './types.ts';
import type { JsonPath, ParsedYamlFile } from './yaml.ts';

/** Semantic checks of a schema-valid condition: facts, operators and values must fit. */
export function checkCondition(
  condition: Condition,
  path: JsonPath,
  file: ParsedYamlFile,
  facts: FactVocabulary,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (at: JsonPath, code: string, message: string, onKey = false) => {
    const pos = onKey ? file.keyPosAt(at) : file.posAt(at);
    out.push({ file: file.path, ...pos, severity: 'error', code, message });
  };
  const walk = (node: Condition, at: JsonPath) => {
    if ('all' in node) node.all.forEach((c, i) => walk(c, [...at, 'all', i]));
    else if ('any' in node) node.any.forEach((c, i) => walk(c, [...at, 'any', i]));
    else if ('not' in node) walk(node.not, [...at, 'not']);
    else checkLeaf(node, at, facts, report);
  };
  walk(condition, path);
  return out;
}

function checkLeaf(
  leaf: FactCondition,
  at: JsonPath,
  facts: FactVocabulary,
  report: (at: JsonPath, code: string, message: string) => void,
): void {
  const names = Object.keys(facts);
  const def = own(facts, leaf.fact);
  if (!def) {
    report(
      [...at, 'fact'],
      'unknown-fact',
      `unknown fact ${quote(leaf.fact)}${didYouMean(leaf.fact, names)}`,
    );
  }
  const op = own(OPERATORS, leaf.operator);
  if (!op) {
    report(
      [...at, 'operator'],
      'unknown-operator',
      `unknown operator ${quote(leaf.operator)}${didYouMean(leaf.operator, OPERATOR_NAMES)}; expected one of: ${OPERATOR_NAMES.join(', ')}`,
    );
  }
  if (!def || !op) return;
  if (!op.factTypes.includes(def.type)) {
    report(
      [...at, 'operator'],
      'operator-type',
      `operator ${quote(leaf.operator)} does not apply to ${quote(leaf.fact)} (${def.type}); it takes ${op.factTypes.join(' or ')} facts`,
    );
    return;
  }

  const value = leaf.value;
  const valueAt = [...at, 'value'];
  if (isFactRef(value)) {
    const other = own(facts, value.fact);
    if (!other) {
      report(
        [...valueAt, 'fact'],
        'unknown-fact',
        `unknown fact ${quote(value.fact)}${didYouMean(value.fact, names)}`,
      );
      return;
    }
    const wanted = op.value === 'same' ? def.type : op.value === 'date' ? 'date' : undefined;
    if (wanted === undefined || other.type !== wanted) {
      report(
        [...valueAt, 'fact'],
        'value-type',
        `${quote(leaf.fact)} ${leaf.operator} needs ${wanted ? `a ${wanted} fact` : 'a literal value'}, found fact ${quote(value.fact)} (${other.type})`,
      );
    }
    return;
  }
  switch (op.value) {
    case 'same': {
      const problem = factValueProblem(def, value);
      if (problem)
        report(valueAt, 'value-type', `${quote(leaf.fact)} ${leaf.operator}: ${problem}`);
      break;
    }
    case 'list': {
      if (!Array.isArray(value) || value.length === 0) {
        report(
          valueAt,
          'value-type',
          `${quote(leaf.fact)} ${leaf.operator}: expected a non-empty list of ${describeType(def)}, found ${show(value)}`,
        );
        break;
      }
      value.forEach((item, i) => {
        const problem = factValueProblem(def, item);
        if (problem)
          report([...valueAt, i], 'value-type', `${quote(leaf.fact)} ${leaf.operator}: ${problem}`);
      });
      break;
    }
    case 'number':
      if (typeof value !== 'number') {
        report(
          valueAt,
          'value-type',
          `${quote(leaf.fact)} ${leaf.operator}: expected a number, found ${show(value)}`,
        );
      }
      break;
    case 'date':
      if (!isDate(value)) {
        report(
          valueAt,
          'value-type',
          `${quote(leaf.fact)} ${leaf.operator}: expected a date YYYY-MM-DD or { fact: context.date }, found ${show(value)}`,
        );
      }
      break;
    case 'day':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 31) {
        report(
          valueAt,
          'value-type',
          `${quote(leaf.fact)} ${leaf.operator}: expected a day of the month 1-31, found ${show(value)}`,
        );
      }
      break;
  }
}

export function isFactRef(value: unknown): value is { fact: string } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { fact?: unknown }).fact === 'string'
  );
}

/** Every fact a condition reads, in order of first use. */
export function factsOf(condition: Condition | undefined, into: string[] = []): string[] {
  if (!condition) return into;
  const add = (name: string) => {
    if (!into.includes(name)) into.push(name);
  };
  if ('all' in condition) condition.all.forEach((c) => factsOf(c, into));
  else if ('any' in condition) condition.any.forEach((c) => factsOf(c, into));
  else if ('not' in condition) factsOf(condition.not, into);
  else {
    add(condition.fact);
    if (isFactRef(condition.value)) add(condition.value.fact);
  }
  return into;
}
