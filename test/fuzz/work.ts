// Counts work, not time: how many elements of arrays, maps, sets and objects' keys the code
// under test visits, through the built-ins that visit them (callbacks, iterators, scans,
// copies). A reader that scans a list once per key visits its square; one that indexes visits
// each element a fixed number of times. Unlike a clock, the count is the same on a busy machine.

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

const CALLBACK_METHODS = [
  'every',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'flatMap',
  'forEach',
  'map',
  'reduce',
  'reduceRight',
  'some',
  'sort',
] as const;
/** Built-ins that visit up to every element without a callback. */
const SCAN_METHODS = ['concat', 'includes', 'indexOf', 'join', 'lastIndexOf', 'slice'] as const;
const ITERATOR_METHODS = ['entries', 'keys', 'values', Symbol.iterator] as const;

interface Patch {
  target: object;
  key: PropertyKey;
  original: PropertyDescriptor;
}

/**
 * Runs `fn` and returns how many elements it visited through Array, Map and Set built-ins and
 * Object.keys / values / entries. Only one count runs at a time; everything is put back after.
 */
export async function countWork(fn: () => unknown): Promise<number> {
  let visits = 0;
  const patches: Patch[] = [];
  const patch = (
    target: object,
    key: PropertyKey,
    wrap: (original: AnyFunction) => AnyFunction,
  ) => {
    const original = Object.getOwnPropertyDescriptor(target, key)!;
    patches.push({ target, key, original });
    Object.defineProperty(target, key, {
      ...original,
      value: wrap(original.value as AnyFunction),
    });
  };
  const countingIterator = (iterator: Iterator<unknown>): IterableIterator<unknown> => ({
    next() {
      visits++;
      return iterator.next();
    },
    [Symbol.iterator]() {
      return this;
    },
  });

  for (const name of CALLBACK_METHODS) {
    patch(
      Array.prototype,
      name,
      (original) =>
        function (this: unknown) {
          // `arguments` as given: reduce tells reduce(f) from reduce(f, undefined) by their count.
          // eslint-disable-next-line prefer-rest-params
          const args = arguments;
          const callback = args[0] as unknown;
          if (typeof callback === 'function') {
            args[0] = function (this: unknown) {
              visits++;
              // eslint-disable-next-line prefer-rest-params
              return (callback as AnyFunction).apply(this, arguments as unknown as unknown[]);
            };
          }
          return original.apply(this, args as unknown as unknown[]);
        },
    );
  }
  for (const name of SCAN_METHODS) {
    patch(
      Array.prototype,
      name,
      (original) =>
        function (this: unknown) {
          visits += (this as unknown[]).length;
          // eslint-disable-next-line prefer-rest-params
          return original.apply(this, arguments as unknown as unknown[]);
        },
    );
  }
  for (const target of [Array.prototype, Map.prototype, Set.prototype]) {
    for (const name of ITERATOR_METHODS) {
      if (!Object.hasOwn(target, name)) continue;
      patch(
        target,
        name,
        (original) =>
          function (this: unknown) {
            // eslint-disable-next-line prefer-rest-params
            const iterator = original.apply(this, arguments as unknown as unknown[]);
            return countingIterator(iterator as Iterator<unknown>);
          },
      );
    }
  }
  for (const name of ['forEach'] as const) {
    for (const target of [Map.prototype, Set.prototype]) {
      patch(
        target,
        name,
        (original) =>
          function (this: unknown) {
            visits += (this as Map<unknown, unknown>).size;
            // eslint-disable-next-line prefer-rest-params
            return original.apply(this, arguments as unknown as unknown[]);
          },
      );
    }
  }
  for (const name of ['keys', 'values', 'entries'] as const) {
    patch(
      Object,
      name,
      (original) =>
        function (this: unknown) {
          // eslint-disable-next-line prefer-rest-params
          const out = original.apply(this, arguments as unknown as unknown[]) as unknown[];
          visits += out.length;
          return out;
        },
    );
  }
  visits = 0;
  try {
    await fn();
    return visits;
  } finally {
    for (const { target, key, original } of patches.reverse()) {
      Object.defineProperty(target, key, original);
    }
  }
}
