// Background service worker: wiring only. Jobs, routing and storage rules live in utils/.
import { browser } from 'wxt/browser';
import { createJobRunner } from '@/utils/jobs/job-runner';
import { createJobStore } from '@/utils/jobs/job-store';
import { createTaskRouter } from '@/utils/jobs/route-task';
import { createSummaryCache, MAX_CACHED_SUMMARIES, summaryCacheItem } from '@/utils/jobs/summary-cache';
import { cleanHistoryPreferences, historyPreferencesItem } from '@/utils/history/history-items';
import { builtInAiOfThisContext } from '@/utils/on-device/built-in-ai';
import { createProviderAdapter } from '@/utils/llm/providers/create-provider-adapter';
import { JOB_PORT_NAME } from '@/utils/messaging/job-port';
import { serveJobPort } from '@/utils/messaging/serve-job-port';
import { createKeyAccess } from '@/utils/security/key-access';
import { keyVaultForThisBrowser } from '@/utils/storage/key-vault';
import { sealedKeysItem, unlockedKeysItem } from '@/utils/storage/key-lock-items';
import { restrictStorageToTrustedContexts } from './restrict-storage';
import { openPanelFromCommand, openPanelFromMenu, registerContextMenus } from './panel-launcher';
import { announceTabAccess, createBrowserChatService, createChatStores, fileChatAnswer, registerChatHandlers } from './chat-handlers';
import { registerPanelHandlers } from './panel-handlers';
import { registerPrivacyHandlers, recordConsent } from './privacy-handlers';
import { registerProviderHandlers } from './provider-handlers';
import { registerProviderTools } from './provider-tools';
import { registerSecurityHandlers } from './security-handlers';
import { createEffectiveSettings } from './effective-settings';
import { createRouterContextService } from './router-context';

export default defineBackground(() => {
  const workerId = crypto.randomUUID();
  void restrictStorageToTrustedContexts();
  // Keys as stored, or sealed with the user's passphrase and unlocked for this browser session.
  const keyAccess = createKeyAccess({ vault: keyVaultForThisBrowser(), sealedItem: sealedKeysItem, unlockedItem: unlockedKeysItem });
  const effective = createEffectiveSettings(keyAccess);
  const routerContext = createRouterContextService(effective);

  const chatStores = createChatStores();
  const runner = createJobRunner({
    store: createJobStore(),
    workerId,
    // A chat answer is filed in its conversation when it ends, whether or not a popup is open to see it.
    onSettled: fileChatAnswer(chatStores),
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
    if (port.name === JOB_PORT_NAME) serveJobPort(port, runner, browser.runtime.id, { onConsent: recordConsent });
  });
  browser.tabs.onRemoved.addListener((tabId) => runner.stopJobsOfTab(tabId));
  registerProviderHandlers(effective, routerContext);
  registerProviderTools(keyAccess);
  registerPrivacyHandlers(effective);
  registerPanelHandlers(effective);
  registerChatHandlers(createBrowserChatService(runner, chatStores), runner, chatStores, recordConsent);
  registerSecurityHandlers(keyAccess, { onProvidersChanged: (ids) => routerContext.resetHealth(ids) });
});
