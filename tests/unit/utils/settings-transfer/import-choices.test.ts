import { describe, expect, it } from 'vitest';
import { importChoices } from '@/utils/settings-transfer/import-choices';
import type { KeyAtRisk } from '@/utils/settings-transfer/import-plan';

const keepable = (providerId: string): KeyAtRisk => ({ providerId, keepable: true, text: `${providerId}: same endpoint` });
const lost = (providerId: string): KeyAtRisk => ({ providerId, keepable: false, text: `${providerId}: removed` });

describe('importChoices', () => {
  it('should offer a plain Import when no key is at risk', () => {
    expect(importChoices([])).toEqual([{ label: 'Import', removeKeysOf: [], main: true }]);
  });

  it('should offer to keep the keys first, and name how many the other choice removes', () => {
    const choices = importChoices([keepable('groq')]);

    expect(choices).toEqual([
      { label: 'Import and keep my keys', removeKeysOf: [], main: true },
      { label: 'Import and remove 1 key', removeKeysOf: ['groq'], main: false },
    ]);
  });

  it('should say which keys go even with the keeping choice when some cannot be kept', () => {
    const choices = importChoices([keepable('groq'), lost('old'), lost('older')]);

    expect(choices.map(({ label, removeKeysOf }) => ({ label, removeKeysOf }))).toEqual([
      { label: 'Import, keep 1 key and remove 2 keys', removeKeysOf: ['old', 'older'] },
      { label: 'Import and remove 3 keys', removeKeysOf: ['old', 'older', 'groq'] },
    ]);
  });

  it('should name the keys an import removes when none can be kept', () => {
    expect(importChoices([lost('old')])).toEqual([{ label: 'Import and remove 1 key', removeKeysOf: ['old'], main: true }]);
  });
});
