// Schemas of every payload that crosses a trust boundary: what the chat surfaces and the panel frame send the
// background, what the job port carries, what the background and the frame send content scripts, and what the page
// reader answers. One schema per shape; types come from the protocol, the schemas check them at run time.
import * as v from 'valibot';
import type { JobDecision, JobIntent, StartJobRequest } from '../jobs/job-api';
import type { PageSnapshot } from '../page/page-snapshot';
import { MAX_INSTRUCTION_CHARS, REWRITE_STYLES } from '../prompts/rewrite-selection';
import { SUMMARY_STYLES } from '../prompts/summary-style';
import type { PanelRequest } from './protocol';

/** Longer than any question, selection or page Lifeline sends; a bound, not a policy. */
const MAX_TEXT = 50_000_000;
const MAX_ID = 200;

const id = v.pipe(v.string(), v.nonEmpty(), v.maxLength(MAX_ID));
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const coordinate = v.pipe(v.number(), v.finite());
const text = v.pipe(v.string(), v.maxLength(MAX_TEXT));

export const noPayloadSchema = v.undefined();
export const tabSchema = v.object({ tabId });

export const jobIntentSchema: v.GenericSchema<unknown, JobIntent> = v.variant('kind', [
  v.object({ kind: v.literal('ask'), question: v.pipe(v.string(), v.maxLength(100_000)), includePage: v.boolean(), includeSelection: v.boolean() }),
  v.object({ kind: v.literal('summarize-page') }),
  v.object({ kind: v.literal('summarize-selection') }),
  v.object({
    kind: v.literal('rewrite-selection'),
    style: v.picklist(REWRITE_STYLES),
    instruction: v.optional(v.pipe(v.string(), v.maxLength(MAX_INSTRUCTION_CHARS))),
  }),
]);

const summaryStyle = v.picklist(SUMMARY_STYLES);

export const startJobSchema: v.GenericSchema<unknown, StartJobRequest> = v.object({
  tabId,
  intent: jobIntentSchema,
  choices: v.optional(v.object({ summaryStyle: v.optional(summaryStyle), preferProviderId: v.optional(id) })),
  conversationId: v.optional(id),
  selectionFallback: v.optional(text),
});

const placement = v.optional(v.picklist(['replace', 'below']));
export const replaceInTabSchema = v.object({ tabId, text, placement });
export const conversationIdSchema = v.object({ id });
export const listConversationsSchema = v.object({ query: v.optional(v.pipe(v.string(), v.maxLength(1_000))) });
export const exportConversationsSchema = v.object({ ids: v.optional(v.pipe(v.array(id), v.maxLength(10_000))) });
export const jobStartedSchema = v.object({ tabId, jobId: id, conversationId: id });

export const positionSchema = v.object({ left: coordinate, top: coordinate });
export const showPanelSchema: v.GenericSchema<unknown, PanelRequest> = v.object({
  tabId,
  intent: jobIntentSchema,
  selectionFallback: v.optional(text),
  position: v.optional(positionSchema),
  anchor: v.optional(v.literal('selection')),
});
export const reshapePanelSchema = v.object({ shape: v.picklist(['panel', 'popover', 'toast']) });
export const movePanelSchema = v.object({ dx: coordinate, dy: coordinate });
export const dragPanelSchema = v.object({ x: coordinate, y: coordinate });

export const readPageSchema = v.object({ includePage: v.boolean(), peek: v.optional(v.boolean()) });
export const replaceSelectionSchema = v.object({ text, placement });

export const jobDecisionSchema: v.GenericSchema<unknown, JobDecision> = v.variant('kind', [
  v.object({ kind: v.literal('consent'), providerIds: v.pipe(v.array(id), v.maxLength(100)) }),
  v.object({ kind: v.literal('read-whole-page') }),
  v.object({ kind: v.literal('instruction'), instruction: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(MAX_INSTRUCTION_CHARS)) }),
  v.object({ kind: v.literal('stop') }),
  v.object({ kind: v.literal('retry'), preferProviderId: v.optional(id) }),
  v.object({ kind: v.literal('style'), summaryStyle }),
]);

/** What a chat surface may send on the job port. */
export const jobClientMessageSchema = v.variant('type', [
  v.object({ type: v.literal('attach'), jobId: id }),
  v.object({ type: v.literal('decide'), jobId: id, decision: jobDecisionSchema }),
]);

export type JobClientMessage = v.InferOutput<typeof jobClientMessageSchema>;

const pageInfo = v.object({ url: v.pipe(v.string(), v.maxLength(100_000)), title: v.pipe(v.string(), v.maxLength(100_000)), lang: v.optional(v.pipe(v.string(), v.maxLength(100))) });

/** What the page reader answers: read in the page, so checked before the background uses it. */
export const pageSnapshotSchema: v.GenericSchema<unknown, PageSnapshot> = v.object({
  info: pageInfo,
  page: v.optional(
    v.object({
      url: v.pipe(v.string(), v.maxLength(100_000)),
      title: v.pipe(v.string(), v.maxLength(100_000)),
      byline: v.optional(v.pipe(v.string(), v.maxLength(10_000))),
      lang: v.optional(v.pipe(v.string(), v.maxLength(100))),
      text,
      source: v.picklist(['readability', 'visible-text', 'pdf']),
    }),
  ),
  pageProblem: v.optional(v.pipe(v.string(), v.maxLength(10_000))),
  selection: v.object({ text, editable: v.boolean() }),
});

export const replaceOutcomeSchema = v.variant('ok', [v.object({ ok: v.literal(true) }), v.object({ ok: v.literal(false), message: v.pipe(v.string(), v.maxLength(10_000)) })]);
