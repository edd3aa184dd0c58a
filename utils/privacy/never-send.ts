// The per-site "never send" list: host names whose pages no provider may receive.

/** Normalises what a user types ("https://www.Example.com/path", "example.com") to a host name, or undefined. */
export function toSiteHost(input: string): string | undefined {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed) return undefined;
  try {
    const host = new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).hostname;
    return host.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** A listed host also covers its subdomains: "example.com" blocks "news.example.com". */
export function isNeverSend(pageUrl: string, neverSendSites: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(pageUrl).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return false;
  }
  return neverSendSites.some((site) => host === site || host.endsWith(`.${site}`));
}
