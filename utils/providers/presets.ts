// Provider presets: the services Lifeline knows, with their endpoints, key pages and sensible defaults.
import type { EntryTimeouts, ProviderKind } from '../llm/types';
import { PATIENT_TIMEOUTS } from '../llm/types';

export type PresetId =
  | 'anthropic'
  | 'openai'
  | 'gemini'
  | 'openrouter'
  | 'groq'
  | 'mistral'
  | 'deepseek'
  | 'xai'
  | 'ollama'
  | 'lmstudio'
  | 'custom';

export interface ProviderPreset {
  id: PresetId;
  label: string;
  kind: ProviderKind;
  baseURL: string;
  /** A model to start with; the user can pick another from the list or type any name. */
  suggestedModel: string;
  /** Where the user gets a key; undefined for local servers that need none. */
  keyPage?: string;
  needsKey: boolean;
  /** Whether GET {baseURL}/models lists the models. */
  listsModels: boolean;
  local: boolean;
  timeouts?: Partial<EntryTimeouts>;
}

export const PRESETS: readonly ProviderPreset[] = [
  { id: 'anthropic', label: 'Anthropic', kind: 'anthropic', baseURL: 'https://api.anthropic.com', suggestedModel: 'claude-sonnet-4-5', keyPage: 'https://console.anthropic.com/settings/keys', needsKey: true, listsModels: true, local: false },
  { id: 'openai', label: 'OpenAI', kind: 'openai-compatible', baseURL: 'https://api.openai.com/v1', suggestedModel: 'gpt-4o-mini', keyPage: 'https://platform.openai.com/api-keys', needsKey: true, listsModels: true, local: false },
  { id: 'gemini', label: 'Google Gemini', kind: 'openai-compatible', baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai', suggestedModel: 'gemini-2.5-flash', keyPage: 'https://aistudio.google.com/apikey', needsKey: true, listsModels: true, local: false },
  { id: 'openrouter', label: 'OpenRouter', kind: 'openai-compatible', baseURL: 'https://openrouter.ai/api/v1', suggestedModel: 'openai/gpt-4o-mini', keyPage: 'https://openrouter.ai/keys', needsKey: true, listsModels: true, local: false },
  { id: 'groq', label: 'Groq', kind: 'openai-compatible', baseURL: 'https://api.groq.com/openai/v1', suggestedModel: 'llama-3.3-70b-versatile', keyPage: 'https://console.groq.com/keys', needsKey: true, listsModels: true, local: false },
  { id: 'mistral', label: 'Mistral', kind: 'openai-compatible', baseURL: 'https://api.mistral.ai/v1', suggestedModel: 'mistral-small-latest', keyPage: 'https://console.mistral.ai/api-keys', needsKey: true, listsModels: true, local: false },
  { id: 'deepseek', label: 'DeepSeek', kind: 'openai-compatible', baseURL: 'https://api.deepseek.com/v1', suggestedModel: 'deepseek-chat', keyPage: 'https://platform.deepseek.com/api_keys', needsKey: true, listsModels: true, local: false },
  { id: 'xai', label: 'xAI', kind: 'openai-compatible', baseURL: 'https://api.x.ai/v1', suggestedModel: 'grok-3-mini', keyPage: 'https://console.x.ai', needsKey: true, listsModels: true, local: false },
  { id: 'ollama', label: 'Ollama (this computer)', kind: 'openai-compatible', baseURL: 'http://localhost:11434/v1', suggestedModel: 'llama3.2', needsKey: false, listsModels: true, local: true, timeouts: PATIENT_TIMEOUTS },
  { id: 'lmstudio', label: 'LM Studio (this computer)', kind: 'openai-compatible', baseURL: 'http://localhost:1234/v1', suggestedModel: 'local-model', needsKey: false, listsModels: true, local: true, timeouts: PATIENT_TIMEOUTS },
  { id: 'custom', label: 'Custom OpenAI-compatible', kind: 'openai-compatible', baseURL: '', suggestedModel: '', needsKey: false, listsModels: true, local: false },
];

export function presetById(id: PresetId): ProviderPreset {
  return PRESETS.find((preset) => preset.id === id) ?? PRESETS[PRESETS.length - 1]!;
}

/** The preset a stored provider most likely came from (settings of version 2 had no preset). */
export function inferPreset(kind: ProviderKind, baseURL: string): PresetId {
  if (kind === 'anthropic') return 'anthropic';
  const origin = safeOrigin(baseURL);
  const match = PRESETS.find((preset) => preset.kind === kind && preset.baseURL && safeOrigin(preset.baseURL) === origin);
  return match?.id ?? 'custom';
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
