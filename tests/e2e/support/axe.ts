// Runs the axe-core accessibility audit in a page (evaluated through CDP, so extension pages' CSP does not block it).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical violations in a page or frame (the in-page panel's), optionally only inside elements matching `within`. */
export async function seriousViolations(page: Page | Frame, within?: string): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    }));
  });
  return violations
    .map((violation) => ({ ...violation, targets: within ? violation.targets.filter((target) => target.startsWith(`[["${within}"`)) : violation.targets }))
    .filter((violation) => (violation.impact === 'serious' || violation.impact === 'critical') && violation.targets.length > 0);
}
