// Page reader: injected by the tab reader when a job reads this tab; reports the page's text and selection, and puts
// a rewrite back in place of an editable selection. Wiring only (utils/page/page-reader.ts); no UI.
// An unlisted script, not a WXT content script: nothing is posted on the page's window.
import { extensionRuntime } from '@/utils/messaging/extension-runtime';
import { readPageSchema, replaceSelectionSchema } from '@/utils/messaging/message-schemas';
import { serveMessage } from '@/utils/messaging/serve-messages';
import { createPageReader } from '@/utils/page/page-reader';

type ReaderGlobal = typeof globalThis & { __lifelinePageReaderLoaded?: boolean };

export default defineUnlistedScript(() => {
  // Injected before every read; the first copy stays in charge (it holds the selection Replace puts text into).
  const scope = globalThis as ReaderGlobal;
  if (scope.__lifelinePageReaderLoaded) return;
  scope.__lifelinePageReaderLoaded = true;

  const reader = createPageReader(document);
  const context = { extensionId: extensionRuntime().id };
  serveMessage('readPage', (request) => reader.read(request), { schema: readPageSchema }, context);
  serveMessage('replaceSelectionInPage', (request) => reader.replace(request), { schema: replaceSelectionSchema }, context);
});
