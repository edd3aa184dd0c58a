// The job API's messages (startJob) and the chat surfaces' view of a tab: its conversation, a new one, Replace, whether
// it has a selection, and the providers' names for "Retry with…". A panel frame may act only for its own tab (the
// access table says so).
import type { ChatService } from '@/utils/chat/chat-service';
import type { JobService } from '@/utils/jobs/job-service';
import type { EntryLabel } from '@/utils/llm/types';
import { noPayloadSchema, replaceInTabSchema, startJobSchema, tabSchema } from '@/utils/messaging/message-schemas';
import { readSelectionState, replaceInTab } from '@/utils/page/tab-reader';
import type { Settings } from '@/utils/storage/settings';
import type { EffectiveSettings } from './effective-settings';
import { serve } from './serve';
import { announceTabAccess, browserTabReaderDeps } from './tab-access';

/** The enabled providers in chain order, as names and models only. */
export function providerLabels(settings: Pick<Settings, 'providers'>): EntryLabel[] {
  return settings.providers.filter((provider) => provider.enabled).map(({ id, name, model }) => ({ id, name, model }));
}

export function registerJobHandlers(jobs: JobService, chat: ChatService, effective: EffectiveSettings): void {
  serve('startJob', (request) => jobs.start(request), { schema: startJobSchema });
  serve(
    'getChat',
    async ({ tabId }) => {
      const view = await chat.view(tabId);
      if (view.access === 'ok') announceTabAccess(tabId);
      return view;
    },
    { schema: tabSchema },
  );
  serve('newConversation', ({ tabId }) => chat.newConversation(tabId), { schema: tabSchema });
  serve('replaceInTab', ({ tabId, text, placement }) => replaceInTab(tabId, text, browserTabReaderDeps, placement), { schema: replaceInTabSchema });
  serve('getSelectionState', ({ tabId }) => readSelectionState(tabId, browserTabReaderDeps), { schema: tabSchema });
  serve('getProviderLabels', async () => providerLabels((await effective.loadSettings()).settings), { schema: noPayloadSchema });
}
