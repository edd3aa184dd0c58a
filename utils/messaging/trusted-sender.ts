// Sender checks for privileged handlers: only this extension's own pages, never content scripts or other extensions.

export interface SenderLike {
  id?: string;
  url?: string;
  tab?: unknown;
}

/** True for this extension's pages (options, popup), false for content scripts, which run at the page's URL. */
export function isOwnExtensionPage(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

/** True for any context of this extension, content scripts included. */
export function isOwnExtension(sender: SenderLike, extensionId: string): boolean {
  return sender.id === extensionId;
}
