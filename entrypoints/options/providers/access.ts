// Host permissions from the options page. Browsers grant them only during a user gesture, so `requestAccessNow` must be
// called synchronously from a click or submit handler, before any await.
import { browser } from 'wxt/browser';
import { isOriginCovered, originPatternFor } from '@/utils/llm/provider-origins';

/**
 * Asks for access to the endpoint's origin when the manifest does not already cover it: null when nothing needs asking
 * (or the URL is not valid, which validation reports), else the browser's answer (false when it refuses or fails).
 */
export function requestAccessNow(baseURL: string): Promise<boolean> | null {
  const url = baseURL.trim();
  if (isOriginCovered(url)) return null;
  let pattern: string;
  try {
    pattern = originPatternFor(url);
  } catch {
    return null;
  }
  return browser.permissions.request({ origins: [pattern] }).catch(() => false);
}
