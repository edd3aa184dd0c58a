import { describe, expect, it } from 'vitest';
import { tabIdFromAddress } from '@/components/chat/use-surface-tab';

describe('tabIdFromAddress', () => {
  it('should read the tab named in a popup window\'s address', () => {
    expect(tabIdFromAddress('?tabId=12')).toBe(12);
    expect(tabIdFromAddress('?tabId=0')).toBe(0);
    expect(tabIdFromAddress('?other=1&tabId=345')).toBe(345);
  });

  it.each(['', '?', '?tabId=', '?tabId=%20', '?tabId=-1', '?tabId=abc', '?tabId=1.5', '?tabId=12abc', '?tabId=Infinity', '?tabid=12'])(
    'should name no tab for %j',
    (search) => {
      expect(tabIdFromAddress(search)).toBeUndefined();
    },
  );
});
