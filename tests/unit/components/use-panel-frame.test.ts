import { describe, expect, it } from 'vitest';
import { intentFromAddress } from '@/components/chat/use-panel-frame';

const address = (intent: unknown, extra = ''): string => `?tabId=4&intent=${encodeURIComponent(JSON.stringify(intent))}${extra}`;

describe('intentFromAddress', () => {
  it.each([
    { kind: 'summarize-page' },
    { kind: 'summarize-selection' },
    { kind: 'rewrite-selection', style: 'improve' },
    { kind: 'rewrite-selection', style: 'custom', instruction: 'Make it rhyme' },
    { kind: 'ask', question: 'What is this?', includePage: true, includeSelection: false },
  ])('should read the intent the loader put in the address: %j', (intent) => {
    expect(intentFromAddress(address(intent, '&selection=words'))).toEqual(intent);
  });

  it('should drop fields an intent does not have', () => {
    expect(intentFromAddress(address({ kind: 'summarize-page', preferProviderId: 'evil', tabId: 9 }))).toEqual({ kind: 'summarize-page' });
  });

  it.each([
    ['no intent', '?tabId=4'],
    ['an empty intent', '?tabId=4&intent='],
    ['an intent that is not JSON', '?intent=summarize-page'],
    ['an unknown kind', address({ kind: 'delete-page' })],
    ['an unknown rewrite style', address({ kind: 'rewrite-selection', style: 'shout' })],
    ['a question without its switches', address({ kind: 'ask', question: 'Why?' })],
    ['JSON that is not an object', address('summarize-page')],
  ])('should start nothing for %s', (_name, search) => {
    expect(intentFromAddress(search)).toBeUndefined();
  });
});
