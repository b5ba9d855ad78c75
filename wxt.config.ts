import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { buildInfo } from './extension/build/build-info.ts';
import { policyPack } from './extension/build/pack-plugin.ts';
import { DEFAULT_LOCALE, storeLocaleFiles } from './extension/build/store-locales.ts';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    // The store listing in zh_CN and en, from locales/ (see the build:publicAssets hook).
    name: '__MSG_name__',
    description: '__MSG_description__',
    default_locale: DEFAULT_LOCALE,
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
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push(...storeLocaleFiles());
    },
  },
  // The sources zip for addons.mozilla.org: the repository, without what runs leave behind.
  zip: { excludeSources: ['demo-output/**', 'test-results/**', 'playwright-report/**'] },
  vite: () => ({
    plugins: [preact(), policyPack(), buildInfo()],
  }),
});
