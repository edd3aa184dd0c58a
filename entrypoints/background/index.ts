// Background service worker: wiring only. Jobs, routing and storage rules live in utils/.
import { browser } from 'wxt/browser';
import { createChatService, fileJobResult } from '@/utils/chat/chat-service';
import { cleanHistoryPreferences, historyPreferencesItem } from '@/utils/history/history-items';
import { createJobRunner } from '@/utils/jobs/job-runner';
import { createJobService } from '@/utils/jobs/job-service';
import { createJobStore } from '@/utils/jobs/job-store';
import { createTaskRouter } from '@/utils/jobs/route-task';
import { createSummaryCache, MAX_CACHED_SUMMARIES, summaryCacheItem } from '@/utils/jobs/summary-cache';
import { createProviderAdapter } from '@/utils/llm/providers/create-provider-adapter';
import { JOB_PORT_NAME } from '@/utils/messaging/job-port';
import { serveJobPort } from '@/utils/messaging/serve-job-port';
import { builtInAiOfThisContext } from '@/utils/on-device/built-in-ai';
import { readTab, TAB_MESSAGES } from '@/utils/page/tab-reader';
import { createKeyAccess } from '@/utils/security/key-access';
import { sealedKeysItem, unlockedKeysItem } from '@/utils/storage/key-lock-items';
import { keyVaultForThisBrowser } from '@/utils/storage/key-vault';
import { createConversationStores } from './conversation-stores';
import { createEffectiveSettings } from './effective-settings';
import { registerHistoryHandlers } from './history-handlers';
import { registerJobHandlers } from './job-handlers';
import { openPanelFromCommand, openPanelFromMenu, registerContextMenus } from './panel-launcher';
import { recordConsent, registerPrivacyHandlers } from './privacy-handlers';
import { registerProviderHandlers } from './provider-handlers';
import { registerProviderTools } from './provider-tools';
import { restrictStorageToTrustedContexts } from './restrict-storage';
import { createRouterContextService } from './router-context';
import { registerSecurityHandlers } from './security-handlers';
import { announceJobStarted, announceTabAccess, browserTabReaderDeps, tabFacts } from './tab-access';

export default defineBackground(() => {
  const workerId = crypto.randomUUID();
  void restrictStorageToTrustedContexts();
  // Keys as stored, or sealed with the user's passphrase and unlocked for this browser session.
  const effective = createEffectiveSettings(createKeyAccess({ vault: keyVaultForThisBrowser(), sealedItem: sealedKeysItem, unlockedItem: unlockedKeysItem }));
  const { keyAccess } = effective;
  // The browser reads its policies lazily: the first storage.managed read after it starts can take seconds. Read it
  // now, not in the user's first job.
  void effective.policy();
  const routerContext = createRouterContextService(effective);
  const stores = createConversationStores();

  const runner = createJobRunner({
    store: createJobStore(),
    workerId,
    // Every job is a turn of its page's conversation: each run's start and end are filed there, popup open or not.
    onStarted: (job) => fileJobResult(stores.all, job),
    onSettled: (job) => fileJobResult(stores.all, job),
    route: createTaskRouter({
      loadContext: () => routerContext.load(),
      createAdapter: (entry) => createProviderAdapter(entry, {}),
      isOnline: () => navigator.onLine,
      isPermitted: (entry) => routerContext.isPermitted(entry),
      onUsage: (entryId, usage) => routerContext.recordUsage(entryId, usage),
      // After the user's providers: the browser's built-in model, the page's kept summary, the offline summary.
      builtInAi: () => builtInAiOfThisContext(),
      summaryCache: createSummaryCache(summaryCacheItem, MAX_CACHED_SUMMARIES, async () => cleanHistoryPreferences(await historyPreferencesItem.getValue()).enabled),
      uiLanguage: () => browser.i18n.getUILanguage(),
    }),
  });
  const storeFor = async (incognito: boolean) => (incognito ? stores.incognito : stores.forNormalWindows());
  const jobs = createJobService({
    runner,
    readTab: (tabId, includePage) => readTab(tabId, includePage, browserTabReaderDeps),
    tabFacts,
    storeFor,
    allStores: () => stores.all,
    recordConsent,
    announce: announceJobStarted,
    uiLanguage: () => browser.i18n.getUILanguage(),
  });
  const chat = createChatService({ runner, tabFacts, storeFor, noAccessMessage: TAB_MESSAGES.noAccess });

  browser.runtime.onInstalled.addListener(({ reason }) => {
    registerContextMenus();
    // First run: the settings page welcomes the user and explains how to add a first provider.
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
  // A menu click or a shortcut lets Lifeline into the tab: an open side panel can now chat about it.
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (tab?.id !== undefined) announceTabAccess(tab.id);
    void openPanelFromMenu(info, tab);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (tab?.id !== undefined) announceTabAccess(tab.id);
    void openPanelFromCommand(command, tab);
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === JOB_PORT_NAME) serveJobPort(port, jobs, browser.runtime.id);
  });
  browser.tabs.onRemoved.addListener((tabId) => jobs.forgetTab(tabId));
  registerJobHandlers(jobs, chat, effective);
  registerHistoryHandlers(stores);
  registerProviderHandlers(effective, routerContext);
  registerProviderTools(keyAccess);
  registerPrivacyHandlers(effective);
  registerSecurityHandlers(keyAccess, { onProvidersChanged: (ids) => routerContext.resetHealth(ids) });
});
