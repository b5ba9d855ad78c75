// The version and build day, served by extension/build/build-info.ts.
declare module 'virtual:policylens-build' {
  import type { BuildInfo } from './build-info.ts';

  const info: BuildInfo;
  export default info;
}
