// The background's handler registration: every message goes through the access table, its schema and one reply shape.
import { browser } from 'wxt/browser';
import type { ProtocolMap } from '@/utils/messaging/protocol';
import { serveMessage, type MessageHandler, type ServeOptions } from '@/utils/messaging/serve-messages';

export function serve<K extends keyof ProtocolMap>(name: K, handler: MessageHandler<K>, options: ServeOptions<K> = {}): void {
  serveMessage(name, handler, options, {
    extensionId: browser.runtime.id,
    // Developers see what failed in the worker's console; the user gets plain words.
    logFailure: (message, error) => console.error(`Lifeline: "${message}" failed`, error),
  });
}

/**
 * The Origin Lifeline's requests carry (shown in local servers' allowed-origins hints). Chrome: its fixed id, even
 * when runtime.getURL answers with a per-session address for dynamic web-accessible resources; Firefox: its uuid.
 */
export function extensionOrigin(): string {
  const origin = new URL(browser.runtime.getURL('/')).origin;
  return origin.startsWith('chrome-extension:') ? `chrome-extension://${browser.runtime.id}` : origin;
}
