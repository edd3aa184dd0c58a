// How `npm run dev` opens a browser: a Chromium that honours --load-extension, or none on a machine without a display.
import { existsSync } from 'node:fs';

const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function devBrowserConfig(): { disabled: boolean; binaries?: Record<string, string>; chromiumArgs?: string[] } {
  const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  // WXT itself then says where the dev build is ("Load .output/chrome-mv3-dev as an unpacked extension manually").
  if (process.env.LIFELINE_NO_BROWSER === '1' || headless) return { disabled: true };
  // Branded Chrome 137+ ignores --load-extension, so prefer a Chromium when one is installed.
  const chromium = CHROMIUM_CANDIDATES.find((path): path is string => Boolean(path) && existsSync(path!));
  return {
    disabled: false,
    ...(chromium ? { binaries: { chrome: chromium } } : {}),
    ...(process.getuid?.() === 0 ? { chromiumArgs: ['--no-sandbox'] } : {}),
  };
}
