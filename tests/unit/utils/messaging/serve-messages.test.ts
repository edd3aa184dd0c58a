import { beforeEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REFUSED, type Caller, type SenderLike } from '@/utils/messaging/access-table';
import { tabSchema } from '@/utils/messaging/message-schemas';
import { MessageFailed, sendMessage } from '@/utils/messaging/protocol';
import { answerMessage, UserFacingError, type MessageHandler } from '@/utils/messaging/serve-messages';
import type { ChatView } from '@/utils/chat/chat-view';

const EXTENSION_ID = 'lifeline-id';
const POPUP: SenderLike = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
const CONTENT_SCRIPT: SenderLike = { id: EXTENSION_ID, url: 'https://example.com/', tab: { id: 3 } };

const view = (tabId: number): ChatView => ({ tabId, access: 'ok', incognito: false });

/** A getChat handler that records what it was given. */
function recordingHandler(answer: MessageHandler<'getChat'> = ({ tabId }) => view(tabId)) {
  const calls: Array<{ data: { tabId: number }; caller: Caller }> = [];
  const handler: MessageHandler<'getChat'> = (data, caller) => {
    calls.push({ data, caller });
    return answer(data, caller);
  };
  return { handler, calls };
}

function failureLog() {
  const logged: Array<{ name: string; error: unknown }> = [];
  return { logged, context: { extensionId: EXTENSION_ID, logFailure: (name: string, error: unknown) => void logged.push({ name, error }) } };
}

describe('answerMessage', () => {
  it('should answer with the value and tell the handler who called', async () => {
    const { handler, calls } = recordingHandler();

    const reply = await answerMessage('getChat', { tabId: 4 }, POPUP, handler, { schema: tabSchema }, { extensionId: EXTENSION_ID });

    expect(reply).toEqual({ ok: true, value: view(4) });
    expect(calls).toEqual([{ data: { tabId: 4 }, caller: { role: 'chat-page' } }]);
  });

  it('should refuse a sender the access table does not allow, in plain words, without running the handler', async () => {
    const { handler, calls } = recordingHandler();

    const fromContentScript = await answerMessage('getChat', { tabId: 3 }, CONTENT_SCRIPT, handler, { schema: tabSchema }, { extensionId: EXTENSION_ID });
    const fromOtherExtension = await answerMessage('getChat', { tabId: 3 }, { ...POPUP, id: 'other' }, handler, {}, { extensionId: EXTENSION_ID });
    const fromNobody = await answerMessage('getChat', { tabId: 3 }, undefined, handler, {}, { extensionId: EXTENSION_ID });

    for (const reply of [fromContentScript, fromOtherExtension, fromNobody]) expect(reply).toEqual({ ok: false, error: { code: 'refused', message: REFUSED } });
    expect(calls).toEqual([]);
  });

  it('should refuse before it looks at the payload', async () => {
    const { handler } = recordingHandler();

    const reply = await answerMessage('getChat', 'not a payload', CONTENT_SCRIPT, handler, { schema: tabSchema }, { extensionId: EXTENSION_ID });

    expect(reply).toMatchObject({ ok: false, error: { code: 'refused' } });
  });

  it.each([
    ['nothing', undefined],
    ['a tab that is not a number', { tabId: '4' }],
    ['a negative tab', { tabId: -1 }],
    ['a tab that is not whole', { tabId: 1.5 }],
  ])('should call a payload of %s invalid without running the handler', async (_name, data) => {
    const { handler, calls } = recordingHandler();

    const reply = await answerMessage('getChat', data, POPUP, handler, { schema: tabSchema }, { extensionId: EXTENSION_ID });

    expect(reply).toEqual({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/^Lifeline could not use this request/) } });
    expect(calls).toEqual([]);
  });

  it("should give the handler the schema's output, not what was sent", async () => {
    const { handler, calls } = recordingHandler();

    await answerMessage('getChat', { tabId: 4, extra: '<payload>' }, POPUP, handler, { schema: tabSchema }, { extensionId: EXTENSION_ID });

    expect(calls[0]?.data).toEqual({ tabId: 4 });
  });

  it('should report an unexpected failure in plain words, never its message or stack, and log it for developers', async () => {
    const secret = new Error('ENOENT /home/me/.keys at readVault (vault.ts:12)');
    const { handler } = recordingHandler(() => {
      throw secret;
    });
    const { logged, context } = failureLog();

    const reply = await answerMessage('getChat', { tabId: 4 }, POPUP, handler, { schema: tabSchema }, context);

    expect(reply).toEqual({ ok: false, error: { code: 'failed', message: 'Lifeline could not do this. Try again.' } });
    expect(JSON.stringify(reply)).not.toMatch(/ENOENT|vault|at /);
    expect(logged).toEqual([{ name: 'getChat', error: secret }]);
  });

  it('should report a rejected answer like a thrown one', async () => {
    const { handler } = recordingHandler(() => Promise.reject(new TypeError('x is undefined')));

    const reply = await answerMessage('getChat', { tabId: 4 }, POPUP, handler, { schema: tabSchema }, { extensionId: EXTENSION_ID });

    expect(reply).toEqual({ ok: false, error: { code: 'failed', message: 'Lifeline could not do this. Try again.' } });
  });

  it("should pass on a user-facing error's own words", async () => {
    const { handler } = recordingHandler(() => {
      throw new UserFacingError('Unlock Lifeline to see saved keys.');
    });
    const { logged, context } = failureLog();

    const reply = await answerMessage('getChat', { tabId: 4 }, POPUP, handler, { schema: tabSchema }, context);

    expect(reply).toEqual({ ok: false, error: { code: 'failed', message: 'Unlock Lifeline to see saved keys.' } });
    expect(logged).toHaveLength(1);
  });

  it('should run a handler without a schema on the payload as sent', async () => {
    const { handler, calls } = recordingHandler();

    const reply = await answerMessage('getChat', { tabId: 4 }, POPUP, handler, {}, { extensionId: EXTENSION_ID });

    expect(reply).toMatchObject({ ok: true });
    expect(calls[0]?.data).toEqual({ tabId: 4 });
  });

  it('should check the schema the handler is registered with, whatever it is', async () => {
    const strict = v.object({ tabId: v.literal(4) });
    const { handler } = recordingHandler();

    const allowed = await answerMessage('getChat', { tabId: 4 }, POPUP, handler, { schema: strict }, { extensionId: EXTENSION_ID });
    const refused = await answerMessage('getChat', { tabId: 5 }, POPUP, handler, { schema: strict }, { extensionId: EXTENSION_ID });

    expect(allowed.ok).toBe(true);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('sendMessage', () => {
  beforeEach(() => fakeBrowser.reset());

  /** Answers every message in this context with `reply`, as the transport carries it. */
  function answerWith(reply: unknown): void {
    fakeBrowser.runtime.onMessage.addListener((_message: unknown, _sender: unknown, sendResponse: (response: unknown) => void) => {
      sendResponse({ res: reply });
      return true;
    });
  }

  it('should unwrap the value of an ok reply', async () => {
    answerWith({ ok: true, value: view(4) });

    const value = await sendMessage('getChat', { tabId: 4 });

    expect(value).toEqual(view(4));
  });

  it.each(['refused', 'invalid', 'failed'] as const)('should throw a %s reply as a MessageFailed with its words', async (code) => {
    answerWith({ ok: false, error: { code, message: 'Plain words.' } });

    const sent = sendMessage('getChat', { tabId: 4 });

    await expect(sent).rejects.toBeInstanceOf(MessageFailed);
    await expect(sent).rejects.toMatchObject({ code, message: 'Plain words.' });
  });

  it('should say Lifeline did not answer when the reply is not a Reply', async () => {
    answerWith('pong');

    const sent = sendMessage('getChat', { tabId: 4 });

    await expect(sent).rejects.toMatchObject({ code: 'failed', message: 'Lifeline did not answer. Try again.' });
  });
});
