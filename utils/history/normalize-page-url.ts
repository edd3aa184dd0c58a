// The key a page's conversations are filed under: one address per page, whatever fragment or tracking tag it came with.

/** Query parameters that only say how the visitor arrived; every `utm_*` parameter counts too. */
const TRACKING_PARAMS: ReadonlySet<string> = new Set(['fbclid', 'gclid', 'mc_cid', 'mc_eid', 'ref_src', 'igshid']);

const isTrackingParam = (name: string): boolean => {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
};

/** The parameter's name as written, decoded when it can be ("utm%5Fsource" is "utm_source"). */
function paramName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** The query without tracking parameters or empty pairs, the others kept as written and in their order. */
function withoutTracking(search: string): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(paramName(pair)));
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}

const withoutFragment = (url: string): string => {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
};

/**
 * http(s): lower-case scheme and host, no default port, no credentials, no fragment, no tracking parameters, "/" for an
 * empty path.
 * Other schemes (file:, chrome:, about:) are only trimmed and lose their fragment; a string that is no URL comes back as is.
 */
export function normalizePageUrl(url: string): string {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return url;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return withoutFragment(trimmed);
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  parsed.search = withoutTracking(parsed.search);
  return parsed.href;
}
