import { describe, expect, it } from 'vitest';
import { languageName } from '@/utils/prompts/language-name';

describe('languageName', () => {
  it('should name a language without its region', () => {
    const names = [languageName('en-US'), languageName('pt_BR'), languageName('de')];

    expect(names).toEqual(['English', 'Portuguese', 'German']);
  });

  it('should keep the region of Chinese and fall back to English for an empty code', () => {
    const names = [languageName('zh-TW'), languageName('')];

    expect(names).toEqual(['Chinese (Taiwan)', 'English']);
  });
});
