// Panel loader: injected on a user gesture (menu item, shortcut) to show the in-page panel, which is panel.html in an
// iframe inside a closed shadow root (utils/panel/panel-host.ts). It also moves, focuses and closes the panel when the
// frame asks. Kept tiny (DESIGN budget: 30 kB): no React, no page reading. An unlisted script, not a WXT content
// script: nothing is posted on the page's window, so the page learns nothing about Lifeline from it.
import { extensionRuntime } from '@/utils/messaging/extension-runtime';
import { dragPanelSchema, movePanelSchema, noPayloadSchema, reshapePanelSchema, showPanelSchema } from '@/utils/messaging/message-schemas';
import { serveMessage } from '@/utils/messaging/serve-messages';
import { createPanelHost } from '@/utils/panel/panel-host';

type LoaderGlobal = typeof globalThis & { __lifelinePanelLoader?: boolean };

export default defineUnlistedScript(() => {
  // Injected on every gesture; the first copy stays in charge of the panel.
  const scope = globalThis as LoaderGlobal;
  if (scope.__lifelinePanelLoader) return;
  scope.__lifelinePanelLoader = true;

  const runtime = extensionRuntime();
  const panel = createPanelHost({ document, window, frameUrl: (query) => `${runtime.getURL('/panel.html')}?${query.toString()}` });
  const context = { extensionId: runtime.id };
  serveMessage('showPanel', (request) => panel.show(request), { schema: showPanelSchema }, context);
  serveMessage('movePanel', ({ dx, dy }) => panel.moveBy(dx, dy), { schema: movePanelSchema }, context);
  serveMessage('dragPanel', (grab) => panel.drag(grab), { schema: dragPanelSchema }, context);
  serveMessage('panelReady', () => panel.frameReady(), { schema: noPayloadSchema }, context);
  serveMessage('reshapePanel', ({ shape }) => panel.reshape(shape), { schema: reshapePanelSchema }, context);
  serveMessage('focusPanel', () => panel.focus(), { schema: noPayloadSchema }, context);
  serveMessage('closePanel', () => panel.close(), { schema: noPayloadSchema }, context);
});
