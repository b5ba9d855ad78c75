import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { buildInfo } from './extension/build/build-info.ts';
import { policyPack } from './extension/build/pack-plugin.ts';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'PolicyLens',
    description:
      'Huawei Cloud Partner Center policies beside the forms: checklists, inline warnings and eligibility, computed on your computer.',
    permissions: ['storage'],
    // Firefox: an add-on id, and no data collected (addons.mozilla.org asks; Firefox 140+ reads it).
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'policylens@policylens.local',
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  // The sources zip for addons.mozilla.org: the repository, without what runs leave behind.
  zip: { excludeSources: ['demo-output/**', 'test-results/**', 'playwright-report/**'] },
  vite: () => ({
    plugins: [preact(), policyPack(), buildInfo()],
  }),
});
