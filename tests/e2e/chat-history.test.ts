// End to end: the chat history in the real toolbar popup. Conversations are filed per page; the history finds them by
// search, reopens, deletes and exports them as Markdown; with "Keep chat history" off nothing is written to disk.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatMock, type ChatMock } from '../mocks/openai-chat-mock';
import { ask, closePopup, lastAnswer, messageLog, openPopup } from './support/chat-surfaces';
import { openOptions, statusIn } from './support/extension-actions';
import { launchExtension, type LaunchedExtension } from './support/launch-extension';
import { startPageServer } from './support/page-server';
import { seedProviders } from './support/seed-providers';

const DARING_TITLE = 'Daring Fireball: Colophon';
const WIKI_TITLE = 'Mozilla - Wikipedia';
const DARING_QUESTION = 'Which typefaces does the colophon name?';
const DARING_ANSWER = 'The colophon names Verdana for the body text.';
const WIKI_QUESTION = 'When was the foundation started?';
const WIKI_ANSWER = 'The foundation was started in July 2003.';
const OFF_QUESTION = 'Is this chat kept anywhere?';

interface StoredConversation {
  title: string;
  messages: { role: string; text?: string; job?: { status: string; text: string } }[];
}

/** The conversations Lifeline keeps in storage.local (history on) or storage.session (history off). */
function storedConversations(extension: LaunchedExtension, area: 'local' | 'session'): Promise<Record<string, StoredConversation>> {
  return extension.worker.evaluate(async (where) => {
    type Area = { get(key: string): Promise<Record<string, unknown>> };
    const { chrome } = globalThis as unknown as { chrome: { storage: Record<'local' | 'session', Area> } };
    const { conversations } = await chrome.storage[where].get('conversations');
    return (conversations ?? {}) as Record<string, StoredConversation>;
  }, area);
}

/** The questions in the conversation shown, without the notes under them. */
const questionsShown = (popup: Page) => messageLog(popup).getByRole('article', { name: 'You' }).locator('.ll-chat-question').allTextContents();
const historyList = (popup: Page) => popup.getByRole('list', { name: 'Conversations' });
const listedTitles = (popup: Page) => historyList(popup).locator('.ll-history-title').allTextContents();

async function showHistory(popup: Page): Promise<void> {
  await popup.getByRole('button', { name: 'History' }).click();
  await popup.getByRole('region', { name: 'History' }).waitFor();
}

/** Clicks an export button and returns the downloaded file's name and text. */
async function exportedFile(popup: Page, button: string): Promise<{ name: string; text: string }> {
  const downloading = popup.waitForEvent('download', { timeout: 15_000 });
  await popup.getByRole('button', { name: button, exact: true }).click();
  const download = await downloading;
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Asks in a fresh popup on `page` and waits for the complete answer. */
async function askInPopup(extension: LaunchedExtension, page: Page, question: string, known: readonly Page[] = []): Promise<Page> {
  const popup = await openPopup(extension, page, known);
  await ask(popup, question);
  await expect.poll(() => statusIn(popup).textContent(), { timeout: 30_000 }).toContain('Answered by');
  return popup;
}

describe('Chat history in the popup', () => {
  let extension: LaunchedExtension;
  let first: ChatMock;
  let second: ChatMock;
  let pages: Awaited<ReturnType<typeof startPageServer>>;
  let daring: Page;
  let wiki: Page;
  /** Every popup opened so far: a new one is told apart from closed ones. */
  const opened: Page[] = [];

  beforeAll(async () => {
    first = await startChatMock({ kind: 'healthy', answer: DARING_ANSWER });
    second = await startChatMock({ kind: 'healthy', answer: WIKI_ANSWER });
    pages = await startPageServer();
    extension = await launchExtension();
    daring = await extension.context.newPage();
    await daring.goto(pages.url('daringfireball-1'), { waitUntil: 'domcontentloaded' });
    wiki = await extension.context.newPage();
    await wiki.goto(pages.url('wikipedia'), { waitUntil: 'domcontentloaded' });
  });

  afterAll(async () => {
    await extension?.close();
    await Promise.all([first?.close(), second?.close(), pages?.close()]);
  });

  it('should file one conversation per page and narrow the history by search', async () => {
    // Each page is answered by its own provider, so each conversation has an answer of its own.
    await seedProviders(extension.worker, [{ id: 'history-first', name: 'First', baseURL: first.baseURL, model: 'first-model', apiKey: 'sk-e2e-history-0001' }]);
    const onDaring = await askInPopup(extension, daring, DARING_QUESTION, opened);
    opened.push(onDaring);
    expect(await lastAnswer(onDaring).getByTestId('chat-answer').innerText()).toBe(DARING_ANSWER);
    await closePopup(onDaring);

    await seedProviders(extension.worker, [{ id: 'history-second', name: 'Second', baseURL: second.baseURL, model: 'second-model', apiKey: 'sk-e2e-history-0002' }]);
    const popup = await askInPopup(extension, wiki, WIKI_QUESTION, opened);
    opened.push(popup);
    expect(await lastAnswer(popup).getByTestId('chat-answer').innerText()).toBe(WIKI_ANSWER);

    await showHistory(popup);
    await expect.poll(() => listedTitles(popup)).toEqual(expect.arrayContaining([DARING_TITLE, WIKI_TITLE]));
    expect(await listedTitles(popup)).toHaveLength(2);

    const search = popup.getByRole('searchbox', { name: 'Search history' });
    await search.fill('typefaces');
    await expect.poll(() => listedTitles(popup)).toEqual([DARING_TITLE]);
    // Answers are searched too, and every word must match.
    await search.fill('july 2003');
    await expect.poll(() => listedTitles(popup)).toEqual([WIKI_TITLE]);
    await search.fill('typefaces 2003');
    await popup.getByText('No conversation matches.').waitFor();
    expect(await historyList(popup).count()).toBe(0);
    await search.fill('');
    await expect.poll(async () => (await listedTitles(popup)).length).toBe(2);
    await closePopup(popup);
  });

  it('should reopen a conversation from the history in the chat view', async () => {
    const popup = await openPopup(extension, wiki, opened);
    opened.push(popup);
    // The popup opens on this page's conversation.
    await expect.poll(() => questionsShown(popup)).toEqual([WIKI_QUESTION]);

    await showHistory(popup);
    await popup.getByRole('button', { name: `Open ${DARING_TITLE}`, exact: true }).click();

    await popup.getByRole('region', { name: 'History' }).waitFor({ state: 'detached' });
    await expect.poll(() => questionsShown(popup)).toEqual([DARING_QUESTION]);
    expect(await lastAnswer(popup).getByTestId('chat-answer').innerText()).toBe(DARING_ANSWER);
    expect(await statusIn(popup).textContent()).toContain('Answered by First');
    expect(await popup.getByText('This conversation is about another page: Daring Fireball: Colophon.').isVisible()).toBe(true);
    await closePopup(popup);
  });

  it('should export one conversation, or all of them, as Markdown with the questions and answers', async () => {
    const popup = await openPopup(extension, wiki, opened);
    opened.push(popup);
    await showHistory(popup);
    await historyList(popup).waitFor();

    const one = await exportedFile(popup, `Export ${DARING_TITLE}`);
    expect(one.name).toMatch(/^lifeline-history-\d{4}-\d{2}-\d{2}\.md$/);
    expect(one.text).toContain(`# ${DARING_TITLE}`);
    expect(one.text).toContain(`**You:** ${DARING_QUESTION}`);
    expect(one.text).toContain(DARING_ANSWER);
    expect(one.text).not.toContain(WIKI_QUESTION);
    expect(one.text).not.toContain(WIKI_ANSWER);
    await popup.getByRole('status').filter({ hasText: 'Exported the conversation as' }).waitFor();

    const all = await exportedFile(popup, 'Export all as Markdown');
    expect(all.text).toContain('2 conversations');
    for (const expected of [`# ${DARING_TITLE}`, `**You:** ${DARING_QUESTION}`, DARING_ANSWER, `# ${WIKI_TITLE}`, `**You:** ${WIKI_QUESTION}`, WIKI_ANSWER]) {
      expect(all.text).toContain(expected);
    }
    await popup.getByRole('status').filter({ hasText: 'Exported the history as' }).waitFor();
    await closePopup(popup);
  });

  it('should delete a conversation, and it stays gone after the popup opens again', async () => {
    const popup = await openPopup(extension, wiki, opened);
    opened.push(popup);
    await showHistory(popup);
    await expect.poll(async () => (await listedTitles(popup)).length).toBe(2);

    await popup.getByRole('button', { name: `Delete ${DARING_TITLE}`, exact: true }).click();
    await expect.poll(() => listedTitles(popup)).toEqual([WIKI_TITLE]);
    await popup.getByRole('status').filter({ hasText: `Deleted "${DARING_TITLE}".` }).waitFor();
    await closePopup(popup);

    const reopened = await openPopup(extension, wiki, opened);
    opened.push(reopened);
    await showHistory(reopened);
    await expect.poll(() => listedTitles(reopened)).toEqual([WIKI_TITLE]);
    await closePopup(reopened);

    // The page's chat starts empty again, and storage holds only the other conversation.
    const onDaring = await openPopup(extension, daring, opened);
    opened.push(onDaring);
    await messageLog(onDaring).getByText('Ask anything about this page').waitFor();
    expect(await messageLog(onDaring).getByRole('article').count()).toBe(0);
    expect(Object.values(await storedConversations(extension, 'local')).map((conversation) => conversation.title)).toEqual([WIKI_TITLE]);
    await closePopup(onDaring);

    // Deleting the conversation on screen: back in the chat, it is gone there too.
    const onWiki = await openPopup(extension, wiki, opened);
    opened.push(onWiki);
    await expect.poll(() => messageLog(onWiki).getByRole('article').count()).toBeGreaterThan(0);
    await showHistory(onWiki);
    await onWiki.getByRole('button', { name: `Delete ${WIKI_TITLE}`, exact: true }).click();
    await onWiki.getByRole('status').filter({ hasText: `Deleted "${WIKI_TITLE}".` }).waitFor();
    await onWiki.getByRole('button', { name: 'Back to chat' }).click();
    await messageLog(onWiki).getByText('Ask anything about this page').waitFor();
    expect(await messageLog(onWiki).getByRole('article').count()).toBe(0);
    await closePopup(onWiki);
  });

  it('should write nothing to storage.local with "Keep chat history" off, and keep the chat for this session', async () => {
    // A chat kept while history was on.
    const kept = await askInPopup(extension, daring, 'Kept before history was turned off?', opened);
    opened.push(kept);
    await closePopup(kept);

    const options = await openOptions(extension.context, extension.extensionId);
    const keep = options.getByRole('checkbox', { name: 'Keep chat history' });
    await keep.waitFor();
    expect(await keep.isChecked()).toBe(true);
    // The box shows the saved setting: it turns off once the background has saved it.
    await keep.click();
    await options.getByRole('status').filter({ hasText: 'Saved. Chats are no longer kept' }).waitFor();
    expect(await keep.isChecked()).toBe(false);
    await options.close();
    const before = await storedConversations(extension, 'local');

    const page = await extension.context.newPage();
    await page.goto(pages.url('guardian-1'), { waitUntil: 'domcontentloaded' });
    const popup = await askInPopup(extension, page, OFF_QUESTION, opened);
    opened.push(popup);
    expect(await lastAnswer(popup).getByTestId('chat-answer').innerText()).toBe(WIKI_ANSWER);
    await closePopup(popup);

    // Kept for this browser session: the popup shows the chat again when it opens.
    const reopened = await openPopup(extension, page, opened);
    opened.push(reopened);
    await expect.poll(() => questionsShown(reopened)).toEqual([OFF_QUESTION]);
    await expect.poll(() => statusIn(reopened).textContent()).toContain('Answered by');
    // The History view shows this session's chat and the one kept before, newest first.
    await showHistory(reopened);
    await expect.poll(async () => (await listedTitles(reopened)).length).toBe(2);
    expect((await listedTitles(reopened))[1]).toBe(DARING_TITLE);
    await closePopup(reopened);

    const session = Object.values(await storedConversations(extension, 'session'));
    expect(session.flatMap((conversation) => conversation.messages.map((message) => message.text ?? message.job?.text))).toEqual([OFF_QUESTION, WIKI_ANSWER]);
    expect(session[0]?.messages[1]?.job?.status).toBe('done');
    expect(await storedConversations(extension, 'local')).toEqual(before);
    expect(JSON.stringify(before)).not.toContain(OFF_QUESTION);
  });
});
