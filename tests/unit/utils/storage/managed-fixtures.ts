// Shared fixtures of the policy tests: a user's own settings and keys, and two managed providers as a policy writes them.
import type { ProviderKeys } from '../../../../utils/storage/key-vault';
import type { Settings } from '../../../../utils/storage/settings';

export const userSettings: Settings = {
  providers: [
    { id: 'mine-1', preset: 'anthropic', enabled: true, kind: 'anthropic', name: 'My Claude', baseURL: 'https://api.anthropic.com', model: 'claude-sonnet-4-5' },
    { id: 'mine-2', preset: 'groq', enabled: false, kind: 'openai-compatible', name: 'My Groq', baseURL: 'https://api.groq.com/openai/v1', model: 'llama' },
  ],
  hedging: false,
  neverSendSites: ['bank.example'],
  consentedProviderIds: ['mine-1'],
};
export const userKeys: ProviderKeys = { 'mine-1': 'sk-ant-user-1111aaaa', 'mine-2': 'gsk-user-2222bbbb' };

export const gateway = {
  id: 'org-gateway',
  preset: 'custom',
  kind: 'openai-compatible',
  name: 'Company gateway',
  baseURL: 'https://ai.example.com/v1/',
  model: 'org-model',
  apiKey: 'sk-org-managed-0001',
};
export const orgClaude = { id: 'org-claude', preset: 'anthropic', model: 'claude-haiku-4-5' };
