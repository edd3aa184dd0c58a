// The one place handlers are registered: the sender is checked against the access table, the payload against its
// schema, and every outcome goes back as one Reply shape (a refusal or failure in plain words, never a stack trace).
import * as v from 'valibot';
import { identifyCaller, mayUse, REFUSED, type Caller, type SenderLike } from './access-table';
import { transport, type ProtocolMap, type Reply } from './protocol';

type DataOf<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];
type ValueOf<K extends keyof ProtocolMap> = ReturnType<ProtocolMap[K]>;

export type MessageHandler<K extends keyof ProtocolMap> = (data: DataOf<K>, caller: Caller) => ValueOf<K> | Promise<ValueOf<K>>;

export interface ServeOptions<K extends keyof ProtocolMap> {
  /** Required for payloads from a less trusted context (panel frame, content script, chat pages). */
  schema?: v.GenericSchema<unknown, DataOf<K>>;
}

/** What a context needs to know about itself to judge its senders; tests pass their own. */
export interface ServeContext {
  extensionId: string;
  /** Where unexpected failures are written for developers (the user only sees plain words). */
  logFailure?: (name: string, error: unknown) => void;
}

const INVALID = 'Lifeline could not use this request: it was not in the expected form.';
const FAILED = 'Lifeline could not do this. Try again.';

/** Errors thrown on purpose by handlers carry a message for the user; anything else is reported generically. */
export class UserFacingError extends Error {}

/** Runs one message through the rules; exported for tests, used by `serveMessage`. */
export async function answerMessage<K extends keyof ProtocolMap>(
  name: K,
  data: unknown,
  sender: SenderLike | undefined,
  handler: MessageHandler<K>,
  options: ServeOptions<K>,
  context: ServeContext,
): Promise<Reply<ValueOf<K>>> {
  const caller = identifyCaller(sender, context.extensionId);
  if (!caller || !mayUse(name, caller, data)) return { ok: false, error: { code: 'refused', message: REFUSED } };
  let payload = data as DataOf<K>;
  if (options.schema) {
    const parsed = v.safeParse(options.schema, data);
    if (!parsed.success) return { ok: false, error: { code: 'invalid', message: INVALID } };
    payload = parsed.output;
  }
  try {
    return { ok: true, value: await handler(payload, caller) };
  } catch (error) {
    context.logFailure?.(name, error);
    return { ok: false, error: { code: 'failed', message: error instanceof UserFacingError ? error.message : FAILED } };
  }
}

/** Registers the handler of message `name` in this context. */
export function serveMessage<K extends keyof ProtocolMap>(name: K, handler: MessageHandler<K>, options: ServeOptions<K>, context: ServeContext): () => void {
  const onMessage = transport.onMessage as unknown as (
    type: K,
    listener: (message: { data: unknown; sender: SenderLike }) => Promise<Reply<ValueOf<K>>>,
  ) => () => void;
  return onMessage(name, ({ data, sender }) => answerMessage(name, data, sender, handler, options, context));
}
