// Page bridge: injected on demand into one tab so the popup or side panel can read its text and selection and put a
// rewrite back, without the in-page panel; wiring only (utils/page/page-bridge.ts), kept small: no React, no UI.
import { onMessage } from '@/utils/messaging/protocol';
import { createPageBridge } from '@/utils/page/page-bridge';

type BridgeGlobal = typeof globalThis & { __lifelinePageBridgeLoaded?: boolean };

export default defineContentScript({
  // Injected by the background only when the user works with this tab: no match patterns, no host permissions.
  matches: [],
  registration: 'runtime',
  main() {
    // The background injects this script before every read; the first copy stays in charge (it holds the selection).
    const scope = globalThis as BridgeGlobal;
    if (scope.__lifelinePageBridgeLoaded) return;
    scope.__lifelinePageBridgeLoaded = true;

    const bridge = createPageBridge(document);
    onMessage('readPageForChat', ({ data }) => bridge.read(data));
    onMessage('replaceSelectionInPage', ({ data }) => bridge.replace(data));
  },
});
