import { own } from '../own.ts';
import { isFactRef } from '../check-condition.ts';
import type { Condition, FactCondition, FactVocabulary, Truth } from '../types.ts';

// What a condition can come out as, found by trying every combination of values. Enum and
// boolean facts range over their values plus "missing"; any other fact is only "present" or
// "missing", and each distinct comparison on it is a free true/false. That over-approximates
// what can happen, so "can never be X" is always sound (it may miss some impossibilities on
// numbers or names, never invent one).

/** A fact that is known but whose value the analysis does not track (a string, a number...). */
export const PRESENT = Symbol('present');

/** One combination: each fact's value (undefined = missing) and each free comparison's truth. */
export interface Assignment {
  facts: Map<string, unknown>;
  atoms: Map<string, boolean>;
}

export interface ConditionSpace {
  facts: { name: string; domain: unknown[] }[];
  /** Comparisons whose truth is free once their facts are present. */
  atoms: string[];
  /** How many assignments there are. */
  size: number;
}

const COMPUTED = new Set(['equal', 'notEqual', 'in', 'notIn']);

/** Above this many assignments a space is not searched: the answer would come too late. */
export const MAX_SPACE = 200_000;

function hasFiniteDomain(name: string, vocabulary: FactVocabulary): boolean {
  const type = own(vocabulary, name)?.type;
  return type === 'enum' || type === 'boolean';
}

function domainOf(name: string, vocabulary: FactVocabulary): unknown[] {
  const def = own(vocabulary, name);
  if (def?.isBuiltIn) return [PRESENT];
  if (def?.type === 'enum') return [...Object.keys(def.values ?? {}), undefined];
  if (def?.type === 'boolean') return [true, false, undefined];
  return [PRESENT, undefined];
}

/** Whether a comparison's truth follows from its facts' values (or is a free atom). */
function isComputed(leaf: FactCondition, vocabulary: FactVocabulary): boolean {
  if (!COMPUTED.has(leaf.operator) || !hasFiniteDomain(leaf.fact, vocabulary)) return false;
  if (isFactRef(leaf.value)) return hasFiniteDomain(leaf.value.fact, vocabulary);
  return true;
}

function atomKey(leaf: FactCondition): string {
  return JSON.stringify([leaf.fact, leaf.operator, leaf.value]);
}

function leavesOf(condition: Condition | undefined, into: FactCondition[] = []): FactCondition[] {
  if (!condition) return into;
  if ('all' in condition) condition.all.forEach((c) => leavesOf(c, into));
  else if ('any' in condition) condition.any.forEach((c) => leavesOf(c, into));
  else if ('not' in condition) leavesOf(condition.not, into);
  else into.push(condition);
  return into;
}

/** The assignments that matter for some conditions: their facts and free comparisons. */
export function spaceOf(
  conditions: (Condition | undefined)[],
  vocabulary: FactVocabulary,
  extraFacts: string[] = [],
): ConditionSpace {
  const names: string[] = [];
  const atoms: string[] = [];
  const addFact = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  for (const leaf of conditions.flatMap((c) => leavesOf(c))) {
    addFact(leaf.fact);
    if (isFactRef(leaf.value)) addFact(leaf.value.fact);
    if (!isComputed(leaf, vocabulary)) {
      const key = atomKey(leaf);
      if (!atoms.includes(key)) atoms.push(key);
    }
  }
  extraFacts.forEach(addFact);
  const facts = names.map((name) => ({ name, domain: domainOf(name, vocabulary) }));
  const size = facts.reduce((n, f) => n * f.domain.length, 1) * 2 ** atoms.length;
  return { facts, atoms, size };
}

/** Every assignment of a space, in a fixed order. */
export function* assignments(space: ConditionSpace): Generator<Assignment> {
  const digits = [...space.facts.map((f) => f.domain.length), ...space.atoms.map(() => 2)];
  const index = digits.map(() => 0);
  for (;;) {
    const facts = new Map<string, unknown>();
    space.facts.forEach((f, i) => facts.set(f.name, f.domain[index[i]!]));
    const atoms = new Map<string, boolean>();
    space.atoms.forEach((a, i) => atoms.set(a, index[space.facts.length + i] === 1));
    yield { facts, atoms };
    let i = 0;
    while (i < digits.length && index[i] === digits[i]! - 1) index[i++] = 0;
    if (i === digits.length) return;
    index[i]!++;
  }
}

/** Kleene three-valued truth of a condition under one assignment; absent condition is true. */
export function truthIn(condition: Condition | undefined, a: Assignment): Truth {
  if (!condition) return 'true';
  if ('all' in condition || 'any' in condition) {
    const isAll = 'all' in condition;
    const results = (isAll ? condition.all : condition.any).map((c) => truthIn(c, a));
    const decisive: Truth = isAll ? 'false' : 'true';
    if (results.includes(decisive)) return decisive;
    if (results.includes('unknown')) return 'unknown';
    return isAll ? 'true' : 'false';
  }
  if ('not' in condition) {
    const inner = truthIn(condition.not, a);
    return inner === 'unknown' ? 'unknown' : inner === 'true' ? 'false' : 'true';
  }
  return leafTruth(condition, a);
}

function leafTruth(leaf: FactCondition, a: Assignment): Truth {
  const left = a.facts.get(leaf.fact);
  if (left === undefined) return 'unknown';
  const ref = isFactRef(leaf.value) ? leaf.value.fact : undefined;
  const right = ref !== undefined ? a.facts.get(ref) : leaf.value;
  if (right === undefined) return 'unknown';
  const key = atomKey(leaf);
  if (a.atoms.has(key)) return a.atoms.get(key) ? 'true' : 'false';
  let holds: boolean;
  switch (leaf.operator) {
    case 'equal':
      holds = left === right;
      break;
    case 'notEqual':
      holds = left !== right;
      break;
    case 'in':
      holds = Array.isArray(right) && right.includes(left);
      break;
    default:
      holds = Array.isArray(right) && !right.includes(left);
  }
  return holds ? 'true' : 'false';
}

/**
 * The first assignment for which `test` holds, or undefined when none does. Returns `'too-big'`
 * when the space is too large to search.
 */
export function findAssignment(
  space: ConditionSpace,
  test: (a: Assignment) => boolean,
): Assignment | undefined | 'too-big' {
  if (space.size > MAX_SPACE) return 'too-big';
  for (const a of assignments(space)) if (test(a)) return a;
  return undefined;
}
