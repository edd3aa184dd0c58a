import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_HISTORY_PREFERENCES } from '@/utils/history/conversation';
import {
  cleanHistoryPreferences,
  conversationsItem,
  historyNoticeItem,
  historyPreferencesItem,
  sessionConversationsItem,
} from '@/utils/history/history-items';
import { conversation } from './fixtures';

describe('history storage items', () => {
  beforeEach(() => fakeBrowser.reset());

  it('should read defaults before anything is saved', async () => {
    expect(await conversationsItem.getValue()).toEqual({});
    expect(await sessionConversationsItem.getValue()).toEqual({});
    expect(await historyPreferencesItem.getValue()).toEqual(DEFAULT_HISTORY_PREFERENCES);
    expect(await historyNoticeItem.getValue()).toBeNull();
  });

  it('should keep session conversations out of storage.local', async () => {
    await sessionConversationsItem.setValue({ a: conversation('a', 1) });

    expect(await fakeBrowser.storage.local.get('conversations')).toEqual({});
    expect((await fakeBrowser.storage.session.get('conversations')).conversations).toEqual({ a: conversation('a', 1) });
  });
});

describe('cleanHistoryPreferences', () => {
  it('should keep valid preferences', () => {
    expect(cleanHistoryPreferences({ enabled: false, maxConversations: 50 })).toEqual({ enabled: false, maxConversations: 50 });
  });

  it.each([
    [0, 1],
    [-20, 1],
    [5000, 1000],
    [12.4, 12],
    [Number.NaN, 200],
    [Number.POSITIVE_INFINITY, 200],
    ['50', 200],
    [undefined, 200],
  ])('should turn a cap of %s into %s', (maxConversations, cap) => {
    expect(cleanHistoryPreferences({ enabled: true, maxConversations }).maxConversations).toBe(cap);
  });

  it.each([null, 'on', 42, [], { enabled: 'yes' }])('should fall back to the defaults for %s', (value) => {
    expect(cleanHistoryPreferences(value)).toEqual(DEFAULT_HISTORY_PREFERENCES);
  });
});
