import { buildPackage } from '../scripts/build-package.ts';

/** The tests that run the `policylens` executable or the packed package run today's code. */
export default async function setup(): Promise<void> {
  await buildPackage();
}
