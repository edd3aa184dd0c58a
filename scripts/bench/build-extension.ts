// Builds the Chrome extension afresh (no test key), so every figure describes the current source.
import { spawnSync } from 'node:child_process';
import { log } from './log';

export function buildExtension(): void {
  log('  building the extension: npx wxt build');
  const built = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, LIFELINE_MANIFEST_KEY: '' } });
  if (built.status !== 0) throw new Error('wxt build failed');
}
