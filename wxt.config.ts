// Build configuration: one manifest for Chrome (MV3) and Firefox (MV2), minimal permissions.
import { defineConfig } from 'wxt';
import { PRESET_HOST_PERMISSIONS } from './utils/llm/provider-origins';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // The dev runner opens a browser it can find; see README for machines without one.
  webExt: { disabled: process.env.LIFELINE_NO_BROWSER === '1' },
  manifest: ({ browser }) => ({
    name: 'Lifeline: resilient AI on any page',
    short_name: 'Lifeline',
    description:
      'Summarize and rewrite any page with several AI providers. Fails over in milliseconds and always says who answered.',
    permissions: ['activeTab', 'scripting', 'contextMenus', 'storage'],
    host_permissions: PRESET_HOST_PERMISSIONS,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'lifeline@lifeline.invalid',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['websiteContent'] },
            },
          },
        }
      : {}),
  }),
});
