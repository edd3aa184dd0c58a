// Names a BCP 47 language code in English for menus and prompts: "en-US" -> "English", "zh-TW" -> "Chinese (Taiwan)".
export function languageName(code: string): string {
  const trimmed = code.trim().replace(/_/g, '-');
  if (!trimmed) return 'English';
  // Regional variants read oddly in a menu ("American English"); Chinese scripts differ, so keep its region.
  const base = trimmed.toLowerCase().startsWith('zh') ? trimmed : trimmed.split('-')[0]!;
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(base) ?? trimmed;
  } catch {
    return trimmed;
  }
}
