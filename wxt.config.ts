// Build configuration: one manifest for Chrome (MV3) and Firefox (MV2), minimal permissions.
import { defineConfig } from 'wxt';
import { devBrowserConfig } from './build/dev-browser';
import { PRESET_HOST_PERMISSIONS } from './utils/llm/provider-origins';
import { COMMAND_IMPROVE_WRITING, COMMAND_SUMMARIZE_PAGE } from './utils/menus/menus-and-shortcuts';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  webExt: devBrowserConfig(),
  manifest: ({ browser }) => ({
    name: 'Lifeline: resilient AI on any page',
    short_name: 'Lifeline',
    description:
      'Summarize and rewrite any page with several AI providers. Fails over in milliseconds and always says who answered.',
    permissions: ['activeTab', 'scripting', 'contextMenus', 'storage'],
    host_permissions: PRESET_HOST_PERMISSIONS,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The in-page panel is this extension page in an iframe. Chrome serves it only at a per-session address, so a web
    // page cannot probe it by the extension's fixed id; only the loader Lifeline injects knows where it is.
    web_accessible_resources: [{ resources: ['panel.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }],
    // Shortcuts grant activeTab like a menu click; users can change them in the browser's shortcut settings.
    commands: {
      [COMMAND_SUMMARIZE_PAGE]: { suggested_key: { default: 'Alt+Shift+S' }, description: 'Summarize this page' },
      [COMMAND_IMPROVE_WRITING]: { suggested_key: { default: 'Alt+Shift+I' }, description: 'Improve the selected writing' },
    },
    ...(browser !== 'firefox'
      ? {
          // Administrators pre-configure providers through browser policy (chrome.storage.managed), see docs/enterprise.md.
          // Firefox needs no schema: its policies.json "3rdparty" section fills storage.managed directly.
          storage: { managed_schema: 'managed-schema.json' },
          // Build setting for the end-to-end tests: a public key fixes the unpacked extension's id (store zips carry none).
          ...(process.env.LIFELINE_MANIFEST_KEY ? { key: process.env.LIFELINE_MANIFEST_KEY.trim() } : {}),
        }
      : {}),
    ...(browser === 'firefox'
      ? {
          // MV2 has no optional_host_permissions: custom endpoints are requested through optional_permissions.
          optional_permissions: ['https://*/*', 'http://*/*'],
          browser_specific_settings: {
            gecko: {
              id: 'lifeline@lifeline.invalid',
              // data_collection_permissions needs Firefox 140 on desktop and 142 on Android.
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['websiteContent'] },
            },
          },
        }
      : {}),
  }),
});
