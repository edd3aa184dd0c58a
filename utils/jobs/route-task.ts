// Turns a task into a router stream: checks privacy and the lock, loads the chain and health, runs the router.
import { createLlmError } from '../llm/errors';
import type { HealthTracker } from '../llm/health/health-tracker';
import { failoverRouter, type HedgingOptions, type RouterDeps } from '../llm/router/failover-router';
import { labelOf, type ChainEntry, type LlmRequest, type RouterStreamPart, type TokenUsage } from '../llm/types';
import { chainBudgetTokens, estimateTokens, inputBudgetTokens, OUTPUT_RESERVE_TOKENS } from '../page/chunk-plan';
import { buildChatRequestWithin, CHAT_MAX_OUTPUT_TOKENS, type ChatPrompt } from '../prompts/chat-about-page';
import { isNeverSend } from '../privacy/never-send';
import { buildRewriteSelectionRequest } from '../prompts/rewrite-selection';
import { buildSummarizePageRequest } from '../prompts/summarize-page';
import { buildSummarizeSelectionRequest } from '../prompts/summarize-selection';
import { chainForTask, type TaskChains } from '../storage/task-chains';
import { preferProvider } from './prefer-provider';
import { fallbackTiers, fallsThrough, type FallbackDeps } from './fallback-tiers';
import { planLongPage, summarizeLongPage } from './summarize-long-page';
import { taskCategory, type TaskRequest } from './task';

export type RouteContext =
  | { status: 'locked' }
  | {
      status: 'ready';
      chain: ChainEntry[];
      health: HealthTracker;
      hedging: HedgingOptions;
      neverSendSites: readonly string[];
      consentedProviderIds: readonly string[];
      taskChains?: TaskChains;
      /** Ask before a page job estimated above this many input tokens (DEFAULT_CONFIRM_ABOVE_TOKENS when absent). */
      confirmAboveTokens?: number;
    };

export const DEFAULT_CONFIRM_ABOVE_TOKENS = 50_000;

export interface TaskRouterDeps extends Omit<RouterDeps, 'health' | 'hedging'>, FallbackDeps {
  loadContext: () => Promise<RouteContext>;
  /** Told the tokens an entry used for each answer it gave. */
  onUsage?: (entryId: string, usage: TokenUsage) => void;
}

type ChatTask = Extract<TaskRequest, { kind: 'chat' }>;

/** A chat turn with as much of the page as the chain's smallest budget leaves after the conversation and the selection. */
export function buildChatTurn(task: ChatTask, chain: readonly Pick<ChainEntry, 'contextWindow'>[]): ChatPrompt {
  const conversationTokens = estimateTokens(task.messages.map((message) => message.content).join('\n') + (task.selection ?? ''));
  // A chat answer may be longer than the reserve the page budget keeps for it.
  const pageTokens = chainBudgetTokens(chain) - conversationTokens - (CHAT_MAX_OUTPUT_TOKENS - OUTPUT_RESERVE_TOKENS);
  return buildChatRequestWithin(task, pageTokens);
}

export function buildRequest(task: TaskRequest): LlmRequest {
  switch (task.kind) {
    case 'chat':
      return buildChatTurn(task, []).request;
    case 'summarize-page':
      return buildSummarizePageRequest(task.page, task.summaryStyle);
    case 'summarize-selection':
      return buildSummarizeSelectionRequest(task.page, task.selection, task.summaryStyle);
    case 'rewrite-selection':
      return buildRewriteSelectionRequest(task);
  }
}

export interface RouteOptions {
  /** A private window's job: nothing of it is kept (no cached summary either). */
  ephemeral?: boolean;
}

export function createTaskRouter(deps: TaskRouterDeps) {
  /** The user's providers for this task (or why none may be asked); falls through to the later tiers on failure. */
  async function* fromProviders(task: TaskRequest, signal: AbortSignal, context: Extract<RouteContext, { status: 'ready' }>, chain: ChainEntry[]): AsyncGenerator<RouterStreamPart> {
    const { health, hedging } = context;
    const routerDeps = { ...deps, health, hedging };
    if (task.kind === 'summarize-page') {
      // A long page costs many tokens: the user confirms first. Then it is read in parts when one request cannot hold it.
      const estimatedTokens = estimateTokens(task.page.text);
      const long = estimatedTokens > inputBudgetTokens(chain[0]!);
      if (!task.confirmedLong && estimatedTokens > (context.confirmAboveTokens ?? DEFAULT_CONFIRM_ABOVE_TOKENS)) {
        yield { type: 'confirm-required', estimatedTokens, parts: long ? planLongPage(task.page.text, chain).chunks.length : 1 };
        return;
      }
      if (long) {
        yield* summarizeLongPage(chain, task.page, signal, routerDeps, task.summaryStyle);
        return;
      }
    }
    let request = buildRequest(task);
    if (task.kind === 'chat') {
      const turn = buildChatTurn(task, chain);
      request = turn.request;
      // A long page cut to fit the conversation: the answer says how much of it the model saw.
      if (turn.pageFraction < 1) yield { type: 'coverage', parts: 1, fraction: turn.pageFraction, complete: false };
    }
    yield* failoverRouter(chain, request, signal, routerDeps);
  }

  /** Keeps a complete AI summary of the page for the day no AI can be reached. */
  function remember(task: TaskRequest, text: string, part: Extract<RouterStreamPart, { type: 'finish' }>, coverage: { complete: boolean } | undefined): void {
    const tier = part.answeredBy.tier ?? 'cloud';
    if (task.kind !== 'summarize-page' || tier === 'offline' || tier === 'cache' || part.finishReason !== 'stop') return;
    if (coverage && !coverage.complete) return;
    void deps.summaryCache?.put(task.page.url, task.page.text, { text, answeredBy: part.answeredBy, at: Date.now() }).catch(() => undefined);
  }

  return async function* routeTask(task: TaskRequest, signal: AbortSignal, options: RouteOptions = {}): AsyncGenerator<RouterStreamPart> {
    const context = await deps.loadContext();
    if (context.status === 'locked') {
      yield { type: 'error', error: createLlmError('locked', 'Lifeline'), failures: [] };
      return;
    }
    if (isNeverSend(task.page.url, context.neverSendSites)) {
      yield { type: 'error', error: createLlmError('site-blocked', 'Lifeline'), failures: [] };
      return;
    }
    const chain = preferProvider(chainForTask(context.chain, context.taskChains, taskCategory(task)), context.chain, task.preferProviderId);
    const fallbackDeps = options.ephemeral ? { ...deps, summaryCache: undefined } : deps;
    // No provider yet: the on-device and offline tiers answer, and surfaces invite the user to add one.
    if (chain.length === 0) {
      yield* fallbackTiers(task, signal, fallbackDeps, { failures: [], noProvider: true });
      return;
    }
    // Page text goes only to providers the user has been told about and accepted.
    const unconsented = chain.filter((entry) => !context.consentedProviderIds.includes(entry.id));
    if (unconsented.length > 0) {
      const sendsPage = task.kind === 'summarize-page' || (task.kind === 'chat' && task.pageContent !== undefined);
      yield { type: 'consent-required', entries: chain.map(labelOf), sends: sendsPage ? 'page' : 'selection' };
      return;
    }
    let text = '';
    let coverage: { complete: boolean } | undefined;
    for await (const part of fromProviders(task, signal, context, chain)) {
      if (part.type === 'error' && fallsThrough(part.error)) {
        const last = part.failures.at(-1);
        // What the failed providers wrote is replaced by the next tier's answer.
        if (text && last) yield { type: 'restart', failure: last };
        yield* fallbackTiers(task, signal, fallbackDeps, { failures: part.failures, noProvider: false });
        return;
      }
      if (part.type === 'text-delta') text += part.text;
      if (part.type === 'restart') text = '';
      if (part.type === 'coverage') coverage = part;
      if (part.type === 'finish') {
        deps.onUsage?.(part.answeredBy.id, part.usage);
        if (!options.ephemeral) remember(task, text, part, coverage);
      }
      yield part;
    }
  };
}
