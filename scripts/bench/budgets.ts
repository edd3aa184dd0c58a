// The performance budgets of DESIGN.md, each checked against its measured figure. Reported, never enforced.

export interface Budget {
  value: number;
  limit: number;
  /** How `value` is compared with `limit`. */
  rule: '<=' | '<' | '==' | '>=';
  ok: boolean;
}

export interface BudgetInputs {
  routerOverheadMs: { node: number; extension: number };
  failoverAddedMs: { refused: number; overloaded529: number };
  silentPrimaryMs: { hedged: number };
  slowFirstTokenMs: { hedged: number };
  hedgeRate: number;
  extractionF1: number;
  extractionF1Min: number;
  popupFirstInputMs: number;
  panelVisibleMs: { warm: number; cold: number };
  scriptKbPanelLoader: number;
  renderLongestTaskMs: number;
  extractiveFromArticle: number;
  crashTestPassed: number;
  crashTestFullPassed: number;
  scenarios: number;
}

function budget(value: number, rule: Budget['rule'], limit: number): Budget {
  const ok = Number.isFinite(value) && (rule === '<=' ? value <= limit : rule === '<' ? value < limit : rule === '>=' ? value >= limit : value === limit);
  return { value, limit, rule, ok };
}

export function checkBudgets(inputs: BudgetInputs): Record<string, Budget> {
  return {
    'routerOverheadMs.node': budget(inputs.routerOverheadMs.node, '<=', 2),
    'routerOverheadMs.extension': budget(inputs.routerOverheadMs.extension, '<=', 5),
    'failoverAddedMs.refused': budget(inputs.failoverAddedMs.refused, '<', 50),
    'failoverAddedMs.overloaded529': budget(inputs.failoverAddedMs.overloaded529, '<', 50),
    'silentPrimaryMs.hedged': budget(inputs.silentPrimaryMs.hedged, '<=', 3_500),
    'slowFirstTokenMs.hedged': budget(inputs.slowFirstTokenMs.hedged, '<=', 3_500),
    hedgeRate: budget(inputs.hedgeRate, '<=', 0.02),
    extractionF1: budget(inputs.extractionF1, '>=', 0.95),
    extractionF1Min: budget(inputs.extractionF1Min, '>=', 0.8),
    popupFirstInputMs: budget(inputs.popupFirstInputMs, '<=', 100),
    'panelVisibleMs.warm': budget(inputs.panelVisibleMs.warm, '<=', 100),
    'panelVisibleMs.cold': budget(inputs.panelVisibleMs.cold, '<=', 300),
    'scriptKb.panelLoader': budget(inputs.scriptKbPanelLoader, '<=', 30),
    renderLongestTaskMs: budget(inputs.renderLongestTaskMs, '<=', 200),
    extractiveFromArticle: budget(inputs.extractiveFromArticle, '>=', 0.95),
    'crashTest.passed': budget(inputs.crashTestPassed, '==', inputs.scenarios),
    'crashTestFull.passed': budget(inputs.crashTestFullPassed, '==', inputs.scenarios),
  };
}
