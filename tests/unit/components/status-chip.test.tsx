// @vitest-environment happy-dom
// Unit tests: the status chip shows a short label in a polite status, an icon for errors, and the story behind a disclosure.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { JobStatusChip, StatusChip } from '@/components/StatusChip';
import { applyRouterPart, createJobRecord } from '@/utils/jobs/job-record';
import type { StatusChipModel } from '@/utils/jobs/job-status-chip';
import { createLlmError } from '@/utils/llm/errors';
import { renderInDom, type Rendered } from '../support/render-in-dom';

const FAIL_OVER: StatusChipModel = {
  label: 'gpt-4o-mini · Claude 529',
  tone: 'degraded',
  story: ['Answered by OpenAI (gpt-4o-mini).', 'Claude (claude-sonnet) failed: 529 overloaded.'],
};
const ERROR: StatusChipModel = { label: 'Error · key rejected', tone: 'error', icon: 'error', story: ['OpenAI rejected the key (401). Check the key in settings.'] };
const CONSENT: StatusChipModel = { label: 'Waiting for your consent', tone: 'waiting', story: ['Nothing has been sent yet. Lifeline will send this page to Claude (claude-sonnet).'] };

let rendered: Rendered | undefined;

const chip = (): HTMLElement => rendered!.container.querySelector<HTMLElement>('[data-testid="answer-status"]')!;
const status = (): HTMLElement => chip().querySelector<HTMLElement>('[role="status"]')!;
const toggle = (): HTMLButtonElement | null => chip().querySelector<HTMLButtonElement>('button');
const story = (): HTMLElement | null => chip().querySelector<HTMLElement>('ul');

describe('StatusChip', () => {
  afterEach(() => {
    rendered?.remove();
    rendered = undefined;
  });

  it('should show the label in a polite status named by the full label', async () => {
    rendered = await renderInDom(<StatusChip status={FAIL_OVER} />);

    expect(status().textContent).toBe('gpt-4o-mini · Claude 529');
    expect(status().getAttribute('aria-live')).toBe('polite');
    expect(status().getAttribute('aria-label')).toBe('gpt-4o-mini · Claude 529');
    expect(chip().dataset.tone).toBe('degraded');
    expect(chip().className).toContain('ll-chip-degraded');
  });

  it('should start with the story folded behind a Details button', async () => {
    rendered = await renderInDom(<StatusChip status={FAIL_OVER} />);

    expect(toggle()?.getAttribute('aria-expanded')).toBe('false');
    expect(story()?.hidden).toBe(true);
  });

  it('should unfold the story on a click', async () => {
    rendered = await renderInDom(<StatusChip status={FAIL_OVER} />);

    await act(async () => toggle()!.click());

    expect(toggle()?.getAttribute('aria-expanded')).toBe('true');
    expect(toggle()?.getAttribute('aria-controls')).toBe(story()?.id);
    expect(story()?.hidden).toBe(false);
    expect([...story()!.querySelectorAll('li')].map((line) => line.textContent)).toEqual(FAIL_OVER.story);
  });

  it('should fold the story again on a second click', async () => {
    rendered = await renderInDom(<StatusChip status={FAIL_OVER} />);
    await act(async () => toggle()!.click());

    await act(async () => toggle()!.click());

    expect(toggle()?.getAttribute('aria-expanded')).toBe('false');
    expect(story()?.hidden).toBe(true);
  });

  it('should make the disclosure a real button with an accessible name, reachable by keyboard', async () => {
    rendered = await renderInDom(<StatusChip status={FAIL_OVER} />);

    toggle()!.focus();

    expect(toggle()?.type).toBe('button');
    expect(toggle()?.getAttribute('aria-label')).toBe('Details');
    expect(document.activeElement).toBe(toggle());
  });

  it('should keep every sentence of the folded story in the chip', async () => {
    rendered = await renderInDom(<StatusChip status={FAIL_OVER} />);

    for (const line of FAIL_OVER.story) expect(chip().textContent).toContain(line);
  });

  it('should show an icon with an error and none with a degraded answer', async () => {
    rendered = await renderInDom(
      <>
        <StatusChip status={ERROR} />
        <StatusChip status={FAIL_OVER} />
      </>,
    );
    const [error, degraded] = [...rendered.container.querySelectorAll<HTMLElement>('[data-testid="answer-status"]')];

    expect(error?.querySelector('[role="status"] svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(error?.className).toContain('ll-chip-error');
    expect(degraded?.querySelector('[role="status"] svg')).toBeNull();
  });

  it('should start unfolded when the job waits for the user, so the question is in view', async () => {
    rendered = await renderInDom(<StatusChip status={CONSENT} />);

    expect(toggle()?.getAttribute('aria-expanded')).toBe('true');
    expect(story()?.hidden).toBe(false);
  });

  it('should offer no details when the story says no more than the label', async () => {
    rendered = await renderInDom(<StatusChip status={{ label: 'Reading the page…', tone: 'working', story: [] }} />);

    expect(toggle()).toBeNull();
    expect(story()).toBeNull();
    expect(chip().textContent).toBe('Reading the page…');
  });
});

describe('JobStatusChip', () => {
  afterEach(() => {
    rendered?.remove();
    rendered = undefined;
  });

  it("should show a job's chip and tell a retried failure once", async () => {
    const claude = { id: 'c', name: 'Claude', model: 'claude-sonnet' };
    const failure = { entry: claude, error: createLlmError('overloaded', 'Claude', { status: 529 }) };
    const job = applyRouterPart(createJobRecord({ id: 'j', title: 'T', workerId: 'w', now: 0 }), {
      type: 'finish',
      finishReason: 'stop',
      usage: {},
      answeredBy: { id: 'o', name: 'OpenAI', model: 'gpt-4o-mini' },
      failures: [failure, failure],
    });

    rendered = await renderInDom(<JobStatusChip job={job} />);

    expect(status().textContent).toBe('gpt-4o-mini · Claude 529');
    expect(chip().textContent?.split('Claude (claude-sonnet) failed').length).toBe(2);
  });
});
