// Offline (extractive) summaries on the 25 corpus pages: the article text extracted as the extension extracts it
// (extractReadableText on source.html, here in Node with happy-dom), summarised with extractiveSummary, and checked:
// do the sentences come from the article, does each summary keep the length rules, and how close is it to the page's
// own excerpt (ROUGE-1), next to the lead-3 baseline.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Window } from 'happy-dom';
import { extractReadableText } from '../../utils/page/extract-readable-text';
import {
  extractiveSummary,
  MAX_SUMMARY_SENTENCES,
  MIN_SUMMARY_SENTENCES,
  NEAR_DUPLICATE_JACCARD,
  splitArticle,
} from '../../utils/offline/extractive-summary';
import { wordTokens } from '../../tests/support/token-f1';
import { expectedText } from './extraction';
import { log } from './log';
import { median, round } from './stats';

const PAGES_DIR = resolve(import.meta.dirname, '../../tests/fixtures/pages');

export interface PageSummaryFigures {
  page: string;
  lang: string | null;
  /** `articleSentences` of the summary: every sentence of the extracted text with a letter. */
  articleSentences: number;
  /** The prose sentences the summary chose from. */
  proseSentences: number;
  summarySentences: number;
  /** Summary sentences whose token sequence is part of expected.html's. */
  fromArticle: number;
  sentenceCountOk: boolean;
  /** summarySentences <= articleSentences / 5, strictly (no exception for short articles). */
  fifthOk: boolean;
  /** summarySentences <= proseSentences / 5: fails by design when fewer than 15 prose sentences meet the minimum of 3. */
  fifthOfProseOk: boolean;
  noNearDuplicatesOk: boolean;
  /** Highest Jaccard index between two summary sentences' token sets. */
  maxJaccard: number;
  rouge1: number | null;
  lead3Rouge1: number | null;
  /** ROUGE-1 recall: the share of the excerpt's tokens the summary (or lead-3) has. */
  rouge1Recall: number | null;
  lead3Rouge1Recall: number | null;
  ms: number;
  /** The summary's sentences that were not found in expected.html (normally none). */
  notFromArticle: string[];
}

export interface ExtractiveResult {
  /** Summary sentences found in expected.html / all summary sentences, pooled over the pages. */
  extractiveFromArticle: number;
  extractiveChecks: { pages: number; sentenceCountOk: number; fifthOk: number; noNearDuplicatesOk: number; fifthOfProseOk: number };
  /** Mean ROUGE-1 F1 against expected-metadata.json's excerpt, over the pages that have one. */
  extractiveRouge1: number;
  lead3Rouge1: number;
  extractiveRouge1Recall: number;
  lead3Rouge1Recall: number;
  rougePages: number;
  summarySentences: number;
  fromArticleSentences: number;
  /** Median and slowest summarising time of one page (extraction excluded), ms. */
  summaryMsMedian: number;
  summaryMsMax: number;
  perPage: PageSummaryFigures[];
  seconds: number;
}

function corpusPages(): string[] {
  return readdirSync(PAGES_DIR)
    .filter((name) => statSync(join(PAGES_DIR, name)).isDirectory())
    .sort();
}

/** extractReadableText on source.html parsed by happy-dom with scripts, styles and frames off (as the unit tests do). */
function extractArticle(name: string): { text: string; lang: string | undefined; source: string } {
  const url = `http://fakehost/${name}/`;
  const window = new Window({
    url,
    settings: {
      disableJavaScriptFileLoading: true,
      disableJavaScriptEvaluation: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
  });
  try {
    const doc = new window.DOMParser().parseFromString(readFileSync(join(PAGES_DIR, name, 'source.html'), 'utf8'), 'text/html');
    const content = extractReadableText(doc as unknown as Document, url);
    return { text: content.text, lang: content.lang, source: content.source };
  } finally {
    void window.happyDOM.close();
  }
}

/** NFKC, lower-cased Intl.Segmenter word tokens, line by line (Node 20's segmenter is slow on long strings). */
function tokens(text: string, locale: string): string[] {
  return text.split('\n').flatMap((line) => wordTokens(line, locale));
}

/** Clipped unigram overlap (ROUGE-1): F1 and recall. */
export function rouge1(candidate: readonly string[], reference: readonly string[]): { f1: number; recall: number } {
  const counts = new Map<string, number>();
  for (const token of reference) counts.set(token, (counts.get(token) ?? 0) + 1);
  let overlap = 0;
  for (const token of candidate) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(token, left - 1);
    }
  }
  if (overlap === 0) return { f1: 0, recall: 0 };
  const precision = overlap / candidate.length;
  const recall = overlap / reference.length;
  return { f1: (2 * precision * recall) / (precision + recall), recall };
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

function locale(lang: string | undefined): string {
  if (!lang) return 'und';
  try {
    return Intl.Segmenter.supportedLocalesOf([lang])[0] ?? 'und';
  } catch {
    return 'und';
  }
}

export function measureExtractive(options: { only?: string[] } = {}): ExtractiveResult {
  const began = performance.now();
  const perPage: PageSummaryFigures[] = [];
  for (const name of corpusPages().filter((page) => !options.only || options.only.includes(page))) {
    const article = extractArticle(name);
    const started = performance.now();
    const summary = extractiveSummary(article.text, article.lang ? { lang: article.lang } : {});
    const ms = performance.now() - started;
    const tokenLocale = locale(article.lang);

    // From the article: the sentence's whole token sequence occurs, contiguous and in order, in expected.html's.
    const reference = ` ${tokens(expectedText(readFileSync(join(PAGES_DIR, name, 'expected.html'), 'utf8')), tokenLocale).join(' ')} `;
    const notFromArticle = summary.sentences.filter((sentence) => !reference.includes(` ${tokens(sentence, tokenLocale).join(' ')} `));

    let maxJaccard = 0;
    const sets = summary.sentences.map((sentence) => new Set(tokens(sentence, tokenLocale)));
    for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) maxJaccard = Math.max(maxJaccard, jaccard(sets[i]!, sets[j]!));

    const metadata = JSON.parse(readFileSync(join(PAGES_DIR, name, 'expected-metadata.json'), 'utf8')) as { excerpt?: string | null };
    const excerpt = typeof metadata.excerpt === 'string' && metadata.excerpt.trim() ? tokens(metadata.excerpt, tokenLocale) : undefined;
    // Lead-3: the first three prose sentences, the candidates the summary chooses from.
    const { prose } = splitArticle(article.text, article.lang ? { lang: article.lang } : {});
    const lead3 = prose.slice(0, 3);
    const proseSentences = prose.length;

    const count = summary.sentences.length;
    const rouge = excerpt ? rouge1(tokens(summary.sentences.join('\n'), tokenLocale), excerpt) : undefined;
    const lead3Rouge = excerpt ? rouge1(tokens(lead3.join('\n'), tokenLocale), excerpt) : undefined;
    const figures: PageSummaryFigures = {
      page: name,
      lang: article.lang ?? null,
      articleSentences: summary.articleSentences,
      proseSentences,
      summarySentences: count,
      fromArticle: count - notFromArticle.length,
      sentenceCountOk: count >= MIN_SUMMARY_SENTENCES && count <= MAX_SUMMARY_SENTENCES,
      fifthOk: count * 5 <= summary.articleSentences,
      fifthOfProseOk: count * 5 <= proseSentences,
      noNearDuplicatesOk: maxJaccard <= NEAR_DUPLICATE_JACCARD,
      maxJaccard: round(maxJaccard, 3),
      rouge1: rouge ? round(rouge.f1, 4) : null,
      lead3Rouge1: lead3Rouge ? round(lead3Rouge.f1, 4) : null,
      rouge1Recall: rouge ? round(rouge.recall, 4) : null,
      lead3Rouge1Recall: lead3Rouge ? round(lead3Rouge.recall, 4) : null,
      ms: round(ms, 1),
      notFromArticle,
    };
    perPage.push(figures);
    log(
      `  ${name}: ${count} of ${summary.articleSentences} sentences (${proseSentences} prose), ${figures.fromArticle} from the article, ` +
        `max Jaccard ${figures.maxJaccard}, ROUGE-1 ${figures.rouge1 ?? 'n/a'} (lead-3 ${figures.lead3Rouge1 ?? 'n/a'}), ${figures.ms} ms`,
    );
  }

  const summarySentences = perPage.reduce((sum, page) => sum + page.summarySentences, 0);
  const fromArticleSentences = perPage.reduce((sum, page) => sum + page.fromArticle, 0);
  const scored = perPage.filter((page) => page.rouge1 !== null);
  const mean = (values: number[]): number => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN);
  const times = perPage.map((page) => page.ms);
  return {
    extractiveFromArticle: summarySentences ? round(fromArticleSentences / summarySentences, 4) : Number.NaN,
    extractiveChecks: {
      pages: perPage.length,
      sentenceCountOk: perPage.filter((page) => page.sentenceCountOk).length,
      fifthOk: perPage.filter((page) => page.fifthOk).length,
      noNearDuplicatesOk: perPage.filter((page) => page.noNearDuplicatesOk).length,
      fifthOfProseOk: perPage.filter((page) => page.fifthOfProseOk).length,
    },
    extractiveRouge1: round(mean(scored.map((page) => page.rouge1!)), 4),
    lead3Rouge1: round(mean(scored.map((page) => page.lead3Rouge1!)), 4),
    extractiveRouge1Recall: round(mean(scored.map((page) => page.rouge1Recall!)), 4),
    lead3Rouge1Recall: round(mean(scored.map((page) => page.lead3Rouge1Recall!)), 4),
    rougePages: scored.length,
    summarySentences,
    fromArticleSentences,
    summaryMsMedian: round(median(times), 1),
    summaryMsMax: times.length ? round(Math.max(...times), 1) : Number.NaN,
    perPage,
    seconds: round((performance.now() - began) / 1000, 1),
  };
}
