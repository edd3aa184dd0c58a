// Turns a task into a router stream: loads the chain and health, builds the prompt, runs the fail-over router.
import { createLlmError } from '../llm/errors';
import type { HealthTracker } from '../llm/health/health-tracker';
import { failoverRouter, type HedgingOptions, type RouterDeps } from '../llm/router/failover-router';
import type { ChainEntry, LlmRequest, RouterStreamPart, TokenUsage } from '../llm/types';
import { buildSummarizePageRequest } from '../prompts/summarize-page';
import type { TaskRequest } from './task';

export interface RouteContext {
  chain: ChainEntry[];
  health: HealthTracker;
  hedging: HedgingOptions;
}

export interface TaskRouterDeps extends Omit<RouterDeps, 'health' | 'hedging'> {
  loadContext: () => Promise<RouteContext>;
  /** Told the tokens an entry used for each answer it gave. */
  onUsage?: (entryId: string, usage: TokenUsage) => void;
}

export function buildRequest(task: TaskRequest): LlmRequest {
  switch (task.kind) {
    case 'summarize-page':
      return buildSummarizePageRequest(task.page);
  }
}

export function createTaskRouter(deps: TaskRouterDeps) {
  return async function* routeTask(task: TaskRequest, signal: AbortSignal): AsyncGenerator<RouterStreamPart> {
    const { chain, health, hedging } = await deps.loadContext();
    if (chain.length === 0) {
      yield { type: 'error', error: createLlmError('no-provider', 'Lifeline'), failures: [] };
      return;
    }
    for await (const part of failoverRouter(chain, buildRequest(task), signal, { ...deps, health, hedging })) {
      if (part.type === 'finish') deps.onUsage?.(part.answeredBy.id, part.usage);
      yield part;
    }
  };
}
