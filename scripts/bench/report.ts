// The readable form of the benchmark result: a table of figures against their budgets.
import type { Budget } from './budgets';

const cell = (value: unknown): string =>
  typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'n/a') : value === undefined || value === null ? 'n/a' : String(value);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]): string => row.map((text, column) => text.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export interface ReportInput {
  crashTest: Record<string, string> | null;
  crashTestFull: Record<string, string> | null;
  budgets: Record<string, Budget>;
  figures: [string, unknown][];
  errors: Record<string, string>;
  durationSeconds: number;
}

export function renderReport(input: ReportInput): string {
  const out: string[] = [];
  out.push('Lifeline benchmark', '');
  out.push(table([['budget', 'value', 'limit', 'ok'], ...Object.entries(input.budgets).map(([name, b]) => [name, cell(b.value), `${b.rule} ${b.limit}`, Number.isFinite(b.value) ? (b.ok ? 'yes' : 'NO') : 'not run'])]));
  out.push('', table([['figure', 'value'], ...input.figures.map(([name, value]) => [name, cell(value)])]));
  const ids = Object.keys(input.crashTest ?? input.crashTestFull ?? {});
  if (ids.length > 0) {
    out.push('', table([['scenario', 'fast', 'production'], ...ids.map((id) => [id, cell(input.crashTest?.[id]), cell(input.crashTestFull?.[id])])]));
  }
  for (const [name, message] of Object.entries(input.errors)) out.push('', `ERROR in ${name}: ${message}`);
  out.push('', `took ${input.durationSeconds} s`);
  return out.join('\n');
}
