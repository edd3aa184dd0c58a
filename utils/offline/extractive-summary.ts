// The model-free last tier for summaries: the key sentences of a page's extracted text, in their original order.
// Sentences by Intl.Segmenter, fragments that are not prose dropped, the rest ranked with TextRank (weighted PageRank over
// shared words, with a mild preference for early sentences), near-duplicates removed. Deterministic; no network, no model.

export interface ExtractiveSummary {
  /** The chosen sentences, whitespace-normalised, in the order of the text. */
  sentences: string[];
  /**
   * The sentences of the text: every segment of Intl.Segmenter's sentence segmentation that has a letter, headings,
   * captions and other fragments included (the prose filter has not run). The summary has at most a fifth of them
   * whenever the text has 15 prose sentences or more (see {@link summaryLength}).
   */
  articleSentences: number;
}

export interface ExtractiveSummaryOptions {
  /** BCP 47 language of the text (the page's `lang`); 'en' when missing, invalid or not supported by Intl.Segmenter. */
  lang?: string;
  /** At most this many sentences (never more than 7). Below 3 it wins over the three-sentence minimum. */
  maxSentences?: number;
}

export const MIN_SUMMARY_SENTENCES = 3;
export const MAX_SUMMARY_SENTENCES = 7;
/** The summary keeps at most one prose sentence in this many. */
const SENTENCES_PER_PICK = 5;
/** Prose sentences of space-separated scripts: 5 to 80 words. */
const MIN_WORDS = 5;
const MAX_WORDS = 80;
/** Chinese and Japanese are written without spaces: 10 to 250 letters. */
const MIN_CJK_LETTERS = 10;
const MAX_CJK_LETTERS = 250;
/** Two sentences whose word sets have a Jaccard index above this say the same thing: the lower ranked one goes. */
export const NEAR_DUPLICATE_JACCARD = 0.6;
/** The same on content words only (stopwords out), stricter: "In exchange for X, Sudan will Y" and "In return, Sudan will Y". */
const NEAR_DUPLICATE_CONTENT_JACCARD = 0.5;
const DAMPING = 0.85;
const MAX_ITERATIONS = 50;
/** Converged when the scores (summing to 1) move less than this in total. */
const TOLERANCE = 1e-9;
/**
 * Position prior, applied to the TextRank scores: prose sentence i of n is multiplied by 1 + POSITION_WEIGHT * (1 - i / (n - 1)),
 * so the opening sentence (which in most articles states the point) weighs 1.5 times its score and the last one 1 times.
 * Mild on purpose: the bench (docs/benchmarks.md, "Offline summaries") lists the stronger variants tried.
 */
const POSITION_WEIGHT = 0.5;
/** TextRank is quadratic: beyond this many prose sentences (a book-length PDF), evenly spaced ones are ranked. */
const MAX_RANKED = 2_000;

const LETTER = /\p{L}/u;
const CJK_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const CJK_ONE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const ANY_LETTER = /\p{L}/gu;
/** A sentence that ends like one: terminal punctuation, then closing quotes or brackets. */
const TERMINAL = /[.!?。！？…‼⁇⁈⁉؟।]["'”’»)\]）」』】]*$/u;
const URL_LIKE = /\b(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+/giu;

/**
 * Abbreviations after which Intl.Segmenter (no suppression lists) breaks although the sentence goes on ("Mr. Obama",
 * "e.g. Google"). Those usually followed by a number ("No. 5", "p. 12") are not needed: no break comes before a digit.
 */
const ABBREVIATION =
  /(?:^|[\s(])(?:mr|mrs|ms|mme|mlle|mm|dr|prof|sr|sra|srta|st|ste|mt|gen|gov|sen|rep|rev|hon|lt|col|capt|sgt|cmdr|gén|mgr|hr|dott|avv|approx|dept|cf|vs|e\.g|i\.e|z\.b|u\.a|d\.h|p\.ex)\.$/iu;
/** An initial: "John F. Kennedy". */
const INITIAL = /(?:^|[\s(])\p{Lu}\.$/u;

/**
 * Fragments that are page furniture, not the article: sharing, reading on, advertising, subscriptions, cookies, credits.
 * Tested against the start of a sentence.
 */
const BOILERPLATE_START = new RegExp(
  `^(?:${[
    // English
    'share(?: this| on| via| the| article| story)?\\b(?!\\s+(?:price|holder)s?)', 'read (?:more|next|also|the full)\\b',
    'continue reading', 'advertisement', 'sponsored\\b', 'related(?: articles| stories| posts| content| coverage| links)?\\s*:',
    'related (?:articles|stories|posts|content|coverage|links)\\b', 'recommended (?:for you|reading|stories)\\b', 'see also\\b',
    'learn more\\b', 'click (?:here|to)\\b', 'sign (?:up|in)\\b', 'log ?in\\b', 'subscribe\\b', 'follow (?:us|me)\\b', 'skip to\\b',
    'jump to\\b', 'back to top', 'more (?:from|stories)\\b', 'watch\\s*:', 'listen\\s*:', 'copyright\\b', '©',
    '(?:photo(?:graph)?|image|picture|illustration|graphic|video|credit|caption|source|updated?|posted|published)s?(?: by| credit)?\\s*:',
    'photo(?:graph)?s? by\\b', 'in this (?:file )?(?:photo|image|picture)\\b', '(?:clockwise )?from (?:left|right|top|bottom)\\b',
    '(?:pictured|above|below|left|right|top|bottom|main image|inset)\\s*:',
    // French, German, Spanish, Portuguese, Italian
    'partager\\b', 'lire (?:aussi|la suite|plus)\\b', 'publicité', 'abonnez-vous', 'inscrivez-vous', 'voir aussi\\b',
    'teilen\\b', 'mehr zum thema', 'anzeige\\b', 'werbung\\b', 'weiterlesen', 'jetzt abonnieren', 'lesen sie auch',
    'compartir\\b', 'leer más', 'publicidad\\b', 'suscríbete', 'compartilhe\\b', 'leia (?:mais|também)\\b', 'publicidade\\b',
    'assine\\b', 'condividi\\b', 'leggi anche\\b', 'pubblicità', 'iscriviti\\b', '(?:foto|bild|crédit|crédito)s?\\s*:',
  ].join('|')})`,
  'iu',
);
/** Tested anywhere in a sentence. */
const BOILERPLATE_ANYWHERE =
  /\b(?:we use cookies|this (?:site|website) uses cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences)|by continuing to (?:use|browse)|all rights reserved|terms of (?:use|service)|privacy policy|sign up for (?:our|the) newsletter|subscribe to (?:our|the) newsletter|(?:getty images|shutterstock|ap photo|afp photo|reuters\/|associated press photo|photo (?:via|by|courtesy of)|via ap)\b)|转播到|分享到|责任编辑|未经授权|不得转载|版权所有|精彩视频|相关阅读|無断転載|関連記事|(?:^|\()(?:photo|foto|bild|image|credit|crédit)s?\s*:/iu;

/** A paragraph that is a bibliographic reference. */
const CITATION = /^\^|\bISBN(?:-1[03])?:?\s*[\dX-]{10,}|\b(?:Retrieved|Accessed|Archived from the original)(?: on)? \d|\bRetrieved(?: on)? \p{L}+ \d|\bdoi:\s*10\./u;

const STOPWORDS: Record<string, ReadonlySet<string>> = {
  en: words(
    'a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves said says one two new',
  ),
  fr: words(
    'a à au aux avec ce ces cet cette dans de des du elle elles en et être eu il ils je la le les leur leurs lui ma mais me même mes moi mon ne nos notre nous on ont ou où par pas pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous y été était est sont plus comme aussi ainsi dont ni si cela ça entre après avant sans sous chez fait faire peut',
  ),
  de: words(
    'aber als am an auch auf aus bei bin bis bist da damit dann das dass dein deine dem den der des dessen die dies diese dieser dieses doch dort du durch ein eine einem einen einer eines er es euer eure für hat hatte hier ich ihr ihre im in ist ja jede jedem jeden jeder jedes kann kein keine mein meine mit muss nach nicht noch nun nur ob oder ohne sehr sein seine sich sie sind so über um und uns unser unter vom von vor war waren was weil wenn werden wie wir wird wurde zu zum zur zwar gibt soll wurden',
  ),
  es: words(
    'a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el él ella ellas ellos en entre era es esa ese eso esta este esto estos fue ha había han hasta hay la las le les lo los más me mi mis mucho muy ni no nos o otra otro para pero poco por porque que quien se sea ser si sin sobre su sus también tan te tiene todo todos tu tus un una uno unos y ya está están son',
  ),
  pt: words(
    'a ao aos as até com como da das de dela dele do dos e é ela elas ele eles em entre era essa esse esta este eu foi foram há isso isto já la lhe mais mas me mesmo meu minha muito na não nas nem no nos nós o os ou para pela pelas pelo pelos por qual quando que quem se sem ser seu seus sua suas também te tem têm um uma umas uns vai vão está são',
  ),
  it: words(
    'a ad al alla alle allo agli ai anche che chi ci come con da dal dalla dei del della delle dello di e è ed gli ha hanno ho i il in io la le lei lo loro lui ma mi ne nei nel nella non noi o per più quale quando quello questa questo se si sia sono su sua sue suo suoi tra un una uno voi era erano essere stato',
  ),
};

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '));
}

interface Sentence {
  /** Whitespace-normalised text as written. */
  text: string;
  /** Content tokens (NFKC, lower case, stopwords and one-letter Latin tokens dropped), distinct. */
  tokens: Set<string>;
  /** Every word token (NFKC, lower case), distinct. */
  words: Set<string>;
}

/** The text's key sentences in their original order. */
export function extractiveSummary(text: string, options: ExtractiveSummaryOptions = {}): ExtractiveSummary {
  const locale = segmenterLocale(options.lang);
  const sentenceSegmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  const wordSegmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  const stopwords = STOPWORDS[locale.split('-')[0]!.toLowerCase()] ?? (options.lang ? new Set<string>() : STOPWORDS.en!);

  const { sentences, prose } = splitArticleWith(text, sentenceSegmenter, wordSegmenter);
  const ranked: Sentence[] = prose.map((sentence) => ({ text: sentence, ...tokensOf(sentence, wordSegmenter, stopwords) }));
  const articleSentences = sentences.length;

  const length = summaryLength(prose.length, options.maxSentences);
  if (length === 0) return { sentences: [], articleSentences };

  const step = Math.max(1, Math.ceil(prose.length / MAX_RANKED));
  const candidates = prose.map((_, index) => index).filter((index) => index % step === 0);
  const scores = textRank(candidates.map((index) => ranked[index]!));
  const last = Math.max(1, prose.length - 1);
  const order = candidates
    .map((index, at) => ({ index, score: scores[at]! * (1 + POSITION_WEIGHT * (1 - index / last)) }))
    .sort((a, b) => b.score - a.score || a.index - b.index);

  const chosen: number[] = [];
  for (const { index } of order) {
    if (chosen.length === length) break;
    const candidate = ranked[index]!;
    if (chosen.some((other) => nearDuplicates(ranked[other]!, candidate))) continue;
    chosen.push(index);
  }
  chosen.sort((a, b) => a - b);
  return { sentences: chosen.map((index) => prose[index]!), articleSentences };
}

export interface ArticleSentences {
  /** Every sentence of the text that has a letter (what {@link ExtractiveSummary.articleSentences} counts), in order. */
  sentences: string[];
  /** The prose among them, in order: what the summary chooses from (and the lead-3 baseline of the bench takes). */
  prose: string[];
}

/** The text's sentences and its prose sentences, as the summary sees them. */
export function splitArticle(text: string, options: Pick<ExtractiveSummaryOptions, 'lang'> = {}): ArticleSentences {
  const locale = segmenterLocale(options.lang);
  return splitArticleWith(text, new Intl.Segmenter(locale, { granularity: 'sentence' }), new Intl.Segmenter(locale, { granularity: 'word' }));
}

function splitArticleWith(text: string, sentenceSegmenter: Intl.Segmenter, wordSegmenter: Intl.Segmenter): ArticleSentences {
  const sentences: string[] = [];
  const prose: string[] = [];
  for (const paragraph of paragraphsOf(text)) {
    const pieces = splitSentences(paragraph, sentenceSegmenter).filter((piece) => LETTER.test(piece));
    sentences.push(...pieces);
    // A reference list (Wikipedia's "^ Author (2009). Title. Retrieved ...") is not prose, whatever its sentences look like.
    if (CITATION.test(paragraph)) continue;
    for (const piece of pieces) if (isProse(piece, pieces.length, wordSegmenter)) prose.push(piece);
  }
  return { sentences, prose };
}

/**
 * How many sentences a summary of `proseSentences` prose sentences has: a fifth of them (rounded down), at least 3 and at
 * most 7 (or `maxSentences`), and never more than there are (before near-duplicates are dropped). The rule for short
 * articles: with fewer than 15 prose sentences a fifth is less than 3, and the three-sentence minimum wins (all of them
 * when there are at most three). From 15 on the summary has at most a fifth of the prose sentences, hence at most a fifth
 * of `articleSentences` too, which counts them and every other fragment.
 */
export function summaryLength(proseSentences: number, maxSentences = MAX_SUMMARY_SENTENCES): number {
  const cap = Number.isFinite(maxSentences) ? Math.max(0, Math.min(MAX_SUMMARY_SENTENCES, Math.floor(maxSentences))) : MAX_SUMMARY_SENTENCES;
  const wanted = Math.max(MIN_SUMMARY_SENTENCES, Math.floor(proseSentences / SENTENCES_PER_PICK));
  return Math.min(wanted, cap, proseSentences);
}

/** A Markdown bullet list of the summary's sentences, each escaped so that page text cannot form links, HTML or markup. */
export function offlineSummaryMarkdown(summary: ExtractiveSummary): string {
  return summary.sentences.map((sentence) => `- ${escapeMarkdown(sentence)}`).join('\n');
}

/**
 * Makes plain text inert in Markdown (CommonMark + GFM): backslash-escapes links and images (`[ ]`), raw HTML and
 * autolinks (`< >`), emphasis (`* _ ~`), code (backticks), entities (`&`), tables (`|`), the backslash itself and a
 * heading, quote or list marker at the start. GFM links bare addresses (`https://…`, `www.…`, `name@host.tld`) after
 * escapes are resolved, so those get an invisible word joiner (U+2060) instead: `https:⁠//`, `www⁠.`, `name⁠@`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>&~|]/g, (char) => `\\${char}`)
    .replace(/:\/\//g, ':\u2060//')
    .replace(/\b(www)\./giu, '$1\u2060.')
    .replace(/@/g, '\u2060@')
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

function segmenterLocale(lang: string | undefined): string {
  if (!lang) return 'en';
  try {
    return Intl.Segmenter.supportedLocalesOf([lang])[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** Paragraphs at blank lines; a single line break (a PDF's line end) is a space. Whitespace normalised. */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\n[^\S\n]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Intl.Segmenter's sentences of one paragraph, with breaks after abbreviations and initials ("Mr.", "J.") undone. */
function splitSentences(paragraph: string, segmenter: Intl.Segmenter): string[] {
  const out: string[] = [];
  let joinNext = false;
  for (const { segment } of segmenter.segment(paragraph)) {
    let piece = segment.trim();
    if (!piece) continue;
    // "Netscape.[4] The project": the segmenter breaks inside the citation mark; its end goes back with its sentence.
    const previous = out[out.length - 1];
    const close = previous !== undefined && /\[[^\]\s]{0,20}$/u.test(previous) ? /^[^\]\s]{0,20}\](?:\[[^\]\s]{0,20}\])*/u.exec(piece) : null;
    if (close) {
      out[out.length - 1] = previous + close[0];
      piece = piece.slice(close[0].length).trim();
      if (!piece) continue;
    } else if (previous !== undefined && /[.!?。！？]["'”’]*[([（]$/u.test(previous)) {
      // "said.(Photo via AP)": the opening bracket goes with the aside it opens.
      out[out.length - 1] = previous.slice(0, -1);
      piece = previous.slice(-1) + piece;
    }
    if (joinNext && out.length > 0) out[out.length - 1] += ` ${piece}`;
    else out.push(piece);
    const last = out[out.length - 1]!;
    joinNext = ABBREVIATION.test(last) || INITIAL.test(last);
  }
  return out;
}

/** Whether a sentence is article prose worth ranking, not a heading, a caption, a credit or page furniture. */
function isProse(sentence: string, sentencesInParagraph: number, wordSegmenter: Intl.Segmenter): boolean {
  const letters = sentence.match(ANY_LETTER)?.length ?? 0;
  if (letters === 0) return false;
  const cjk = sentence.match(CJK_LETTER)?.length ?? 0;
  if (cjk >= letters / 2) {
    if (letters < MIN_CJK_LETTERS || letters > MAX_CJK_LETTERS) return false;
  } else {
    let count = 0;
    for (const segment of wordSegmenter.segment(sentence)) if (segment.isWordLike) count++;
    if (count < MIN_WORDS || count > MAX_WORDS) return false;
  }
  // A line of its own that does not end like a sentence: a heading, a label, a caption, a list of links.
  if (sentencesInParagraph === 1 && !TERMINAL.test(sentence)) return false;
  if (BOILERPLATE_START.test(sentence) || BOILERPLATE_ANYWHERE.test(sentence)) return false;
  // An aside in brackets of its own: a credit, a note, an editor's remark.
  if (/^[([（].*[)\]）][.。]?$/u.test(sentence)) return false;
  const urlChars = [...sentence.matchAll(URL_LIKE)].reduce((sum, match) => sum + match[0].length, 0);
  if (urlChars > sentence.length * 0.3) return false;
  const upper = sentence.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = sentence.match(/\p{Ll}/gu)?.length ?? 0;
  if (upper + lower >= 8 && upper > (upper + lower) * 0.7) return false;
  return true;
}

function tokensOf(sentence: string, wordSegmenter: Intl.Segmenter, stopwords: ReadonlySet<string>): Pick<Sentence, 'tokens' | 'words'> {
  const tokens = new Set<string>();
  const words = new Set<string>();
  for (const segment of wordSegmenter.segment(sentence.normalize('NFKC').toLowerCase())) {
    if (!segment.isWordLike) continue;
    const token = segment.segment;
    words.add(token);
    if (stopwords.has(token)) continue;
    if (token.length === 1 && !CJK_ONE.test(token)) continue;
    tokens.add(token);
  }
  return { tokens, words };
}

function nearDuplicates(a: Sentence, b: Sentence): boolean {
  return jaccard(a.words, b.words) > NEAR_DUPLICATE_JACCARD || jaccard(a.tokens, b.tokens) > NEAR_DUPLICATE_CONTENT_JACCARD;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * TextRank (Mihalcea and Tarau, 2004): PageRank over the sentence graph whose edge weights are
 * shared tokens / (ln |a| + ln |b|) (distinct content tokens; a set of one counts as two, so the logarithm is never 0),
 * damping 0.85, iterated to convergence or 50 times. Scores sum to 1.
 */
function textRank(sentences: readonly Sentence[]): Float64Array {
  const n = sentences.length;
  const logSize = sentences.map((sentence) => Math.log(Math.max(2, sentence.tokens.size)));
  // Sparse symmetric graph through an inverted index: only pairs that share a token get an edge.
  const postings = new Map<string, number[]>();
  sentences.forEach((sentence, index) => {
    for (const token of sentence.tokens) {
      const list = postings.get(token);
      if (list) list.push(index);
      else postings.set(token, [index]);
    }
  });
  const edges: { to: number; weight: number }[][] = sentences.map(() => []);
  const shared = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const touched: number[] = [];
    for (const token of sentences[i]!.tokens) {
      for (const j of postings.get(token)!) {
        if (j <= i) continue;
        if (shared[j] === 0) touched.push(j);
        shared[j]!++;
      }
    }
    touched.sort((a, b) => a - b);
    for (const j of touched) {
      const weight = shared[j]! / (logSize[i]! + logSize[j]!);
      edges[i]!.push({ to: j, weight });
      edges[j]!.push({ to: i, weight });
      shared[j] = 0;
    }
  }
  const outWeight = edges.map((list) => list.reduce((sum, edge) => sum + edge.weight, 0));

  const jump = 1 / n;
  let scores = new Float64Array(n).fill(jump);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let j = 0; j < n; j++) {
      if (outWeight[j] === 0) {
        dangling += scores[j]!;
        continue;
      }
      const share = scores[j]! / outWeight[j]!;
      for (const edge of edges[j]!) next[edge.to]! += share * edge.weight;
    }
    // A sentence that shares no word with any other hands its score back through the random jump, so scores keep summing to 1.
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] = (1 - DAMPING) * jump + DAMPING * (next[i]! + dangling * jump);
      change += Math.abs(next[i]! - scores[i]!);
    }
    scores = next;
    if (change < TOLERANCE) break;
  }
  return scores;
}
