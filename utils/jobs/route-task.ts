// Turns a task into a router stream: loads the chain, builds the prompt, runs the fail-over router.
import { createLlmError } from '../llm/errors';
import { failoverRouter, type RouterDeps } from '../llm/router/failover-router';
import type { ChainEntry, LlmRequest, RouterStreamPart } from '../llm/types';
import { buildSummarizePageRequest } from '../prompts/summarize-page';
import type { TaskRequest } from './task';

export interface TaskRouterDeps extends RouterDeps {
  loadChain: () => Promise<ChainEntry[]>;
}

export function buildRequest(task: TaskRequest): LlmRequest {
  switch (task.kind) {
    case 'summarize-page':
      return buildSummarizePageRequest(task.page);
  }
}

export function createTaskRouter(deps: TaskRouterDeps) {
  return async function* routeTask(task: TaskRequest, signal: AbortSignal): AsyncGenerator<RouterStreamPart> {
    const chain = await deps.loadChain();
    if (chain.length === 0) {
      yield { type: 'error', error: createLlmError('no-provider', 'Lifeline'), failures: [] };
      return;
    }
    yield* failoverRouter(chain, buildRequest(task), signal, deps);
  };
}
