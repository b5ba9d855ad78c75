// The compiled rules and page maps, served by extension/build/pack-plugin.ts.
declare module 'virtual:policylens-pack' {
  import type { PackBundle } from '../overlay.ts';

  const bundle: PackBundle;
  export default bundle;
}
