// Host permissions the manifest declares up front: preset provider APIs and local model servers only.
export const PRESET_HOST_PERMISSIONS = [
  'https://api.anthropic.com/*',
  'https://api.openai.com/*',
  'https://generativelanguage.googleapis.com/*',
  'https://openrouter.ai/*',
  'https://api.groq.com/*',
  'https://api.mistral.ai/*',
  'https://api.deepseek.com/*',
  'https://api.x.ai/*',
  'http://localhost/*',
  'http://127.0.0.1/*',
];

/** The match pattern that grants access to an endpoint's origin, e.g. `https://llm.example.com/*`. */
export function originPatternFor(baseURL: string): string {
  const url = new URL(baseURL);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * Whether one of `patterns` already grants access to the origin of `baseURL`, so saving it needs no runtime
 * permission request. Host permissions ignore the path, and a pattern without a port covers every port.
 */
export function isOriginCovered(baseURL: string, patterns: readonly string[] = PRESET_HOST_PERMISSIONS): boolean {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return false;
  }
  return patterns.some((pattern) => patternCoversUrl(pattern, url));
}

function patternCoversUrl(pattern: string, url: URL): boolean {
  if (pattern === '<all_urls>') return url.protocol === 'http:' || url.protocol === 'https:';
  const match = /^(\*|[a-z][a-z0-9+.-]*):\/\/([^/]*)\//i.exec(pattern);
  if (!match) return false;
  const [, scheme = '', hostAndPort = ''] = match;
  const protocol = url.protocol.slice(0, -1);
  const schemeMatches = scheme === '*' ? protocol === 'http' || protocol === 'https' : scheme.toLowerCase() === protocol;
  if (!schemeMatches) return false;

  const portMatch = /^(.*?)(?::(\d+))?$/.exec(hostAndPort);
  const host = (portMatch?.[1] ?? '').toLowerCase();
  const port = portMatch?.[2];
  if (port !== undefined && port !== effectivePort(url)) return false;
  if (host === '*') return true;
  if (host.startsWith('*.')) {
    const domain = host.slice(2);
    return url.hostname === domain || url.hostname.endsWith(`.${domain}`);
  }
  return url.hostname === host;
}

function effectivePort(url: URL): string {
  if (url.port) return url.port;
  return url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '';
}

/** Whether a base URL is an http(s) address (the only kind a provider endpoint may have). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
