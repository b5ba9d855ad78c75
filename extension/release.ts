import bundle from 'virtual:policylens-pack';
import build from 'virtual:policylens-build';
import type { Release } from './pack-info.ts';

/** This build's release line: extension version, rule pack hash, build day. */
export const RELEASE: Release = {
  version: build.version,
  hash: bundle.pack.version,
  builtOn: build.builtOn,
};
