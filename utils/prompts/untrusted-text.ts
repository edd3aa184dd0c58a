// Page and selection text go into prompts as data: a page must not be able to close its own delimiters.

/** Neutralises anything that looks like our <page> or <selection> delimiters inside untrusted text. */
export function asUntrustedData(text: string): string {
  return text.replace(/<(\/?)(page|selection)\b/gi, '‹$1$2');
}
