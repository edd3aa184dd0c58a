// @vitest-environment happy-dom
// Unit tests: the chat's view of a tab is never replaced by an answer the user has already moved past: a chat view
// that was still loading when the user clicked New chat does not bring the old conversation back.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatView } from '@/utils/chat/chat-view';
import type { Conversation } from '@/utils/history/conversation';
import { renderInDom, type Rendered } from '../support/render-in-dom';

/** The background's answers, per question, in the order the hook asks; each waits until the test answers it. */
const background = vi.hoisted(() => ({ questions: [] as Array<{ type: string; answer(value: unknown): void }> }));
vi.mock('@/utils/messaging/protocol', () => ({
  sendMessage: (type: string) => new Promise((resolve) => background.questions.push({ type, answer: resolve })),
}));
vi.mock('@/utils/jobs/job-client', () => ({ createJobClient: () => ({ attach() {}, decide() {}, close() {} }) }));
vi.mock('@/utils/messaging/page-events', () => ({ onPageMessage: () => () => {} }));

const { useChat } = await import('@/components/chat/use-chat');
type Controller = ReturnType<typeof useChat>;

const conversation = (id: string): Conversation => ({ id, pageKey: 'example.com/', url: 'https://example.com/', title: 'Example', createdAt: 1, updatedAt: 1, messages: [] });
const view = (id: string): ChatView => ({ tabId: 5, access: 'ok', incognito: false, conversation: conversation(id) });
const question = (type: string) => background.questions.find((asked) => asked.type === type)!;

let chat: Controller | undefined;
function Probe() {
  chat = useChat(5);
  return null;
}

let rendered: Rendered | undefined;
afterEach(() => {
  rendered?.remove();
  background.questions = [];
  chat = undefined;
});

describe('useChat', () => {
  it('should keep the new chat when the view asked for before it arrives later', async () => {
    rendered = await renderInDom(<Probe />);
    expect(background.questions.map((asked) => asked.type)).toEqual(['getChat']);

    let started: Promise<void> | undefined;
    await act(async () => {
      started = chat!.newChat();
    });
    await act(async () => question('newConversation').answer(view('new')));
    await act(async () => started);
    await act(async () => question('getChat').answer(view('old')));

    expect(chat!.view?.conversation?.id).toBe('new');
  });

  it('should show the view it asked for when nothing happened meanwhile', async () => {
    rendered = await renderInDom(<Probe />);

    await act(async () => question('getChat').answer(view('latest')));

    expect(chat!.view?.conversation?.id).toBe('latest');
  });
});
