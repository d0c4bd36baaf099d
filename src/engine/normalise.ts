import porter2 from 'wink-porter2-stemmer';
import type { Lexicon } from '../knowledge/schema.js';
import { FILLER_PHRASES, FILLER_WORDS, MAX_QUERY_CHARS, SHORTHAND } from './vocabulary.js';

// Text analysis shared by the index (built once per knowledge base) and every query, so both sides
// of a comparison always go through exactly the same steps.

export { MAX_QUERY_CHARS };

// Work is bounded before the (linear, but not free) Unicode passes: a 10,000-character paste is cut early.
const RAW_SLICE = MAX_QUERY_CHARS * 4;
/**
 * Printable ASCII, tabs and line breaks only: text the Unicode normalisation passes leave unchanged, so
 * they can be skipped. Anything else (control characters included) takes the full path.
 */
export const ASCII = /^[\t\n\r -~]*$/;

/**
 * NFKC (full-width letters, ligatures), lowercase, accents removed, control / zero-width / bidi marks
 * dropped, "%" spelt "percent", anything else not a letter or digit turned into a space. Apostrophes
 * vanish so "don't" stays one word. Digits glued to letters are split ("covid19" -> "covid 19") so both spellings meet.
 */
export function normaliseText(input: string): string {
  const raw = withoutLinks(input.slice(0, RAW_SLICE));
  const text = ASCII.test(raw) ? asciiPasses(raw) : mixedPasses(raw);
  return text.length > MAX_QUERY_CHARS ? text.slice(0, MAX_QUERY_CHARS).replace(/\s+\S*$/, '') : text;
}

/** A link as pasted: with its scheme ("https://...") or starting "www.", up to the next space. */
const LINK = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+/gi;

/**
 * The text with its links left out: a URL's words ("com", "www", the slug) are no question, so a link alone
 * asks nothing and "what does this say about covid <link>" asks about covid. A bare site name
 * ("example.com") stays: a member may ask about the site.
 */
export function withoutLinks(text: string): string {
  return text.includes('://') || /www\./i.test(text) ? text.replace(LINK, ' ') : text;
}

/** A run of characters the ASCII passes do not read as they are. */
const NOT_ASCII = /[^\t\n\r -~]+/g;
/** Any character beyond ASCII: while a folded run has one, it needs a further step (or the full passes). */
const BEYOND_ASCII = /[^\p{ASCII}]/u;

/**
 * A message that is mostly ASCII with a few other characters (an emoji, a phone's ’, an accent): each
 * run of other characters folded on its own by the Unicode passes' first steps, so the cheap ASCII passes
 * can do the rest, or null when a run keeps a letter or digit of another script (the full passes then
 * run). Folding runs apart gives what folding the whole gives: the compositions NFKC could make across a
 * run's edge are undone by NFD, whose marks are dropped. The right quote is an apostrophe as the Unicode
 * passes read it (possessive included); the other quote marks only vanish, as there.
 */
function foldedToAscii(raw: string): string | null {
  let folded = '';
  let from = 0;
  NOT_ASCII.lastIndex = 0;
  for (let m = NOT_ASCII.exec(raw); m !== null; m = NOT_ASCII.exec(raw)) {
    const ascii = foldedRun(m[0]);
    if (ascii === null) return null;
    folded += raw.slice(from, m.index) + ascii;
    from = m.index + m[0].length;
  }
  return folded + raw.slice(from);
}

/** One run folded to ASCII, each step only while something beyond ASCII is left (most runs are one ’ or accent). */
function foldedRun(run: string): string | null {
  let ascii = run.normalize('NFKC').toLowerCase().normalize('NFD');
  if (!BEYOND_ASCII.test(ascii)) return ascii;
  ascii = ascii
    .replace(/\p{M}|\p{Cf}/gu, '')
    .replace(/’/g, "'")
    .replace(/[‘´]/g, '`');
  if (!BEYOND_ASCII.test(ascii)) return ascii;
  // Anything else not a letter or digit becomes a space in the end: a space now.
  ascii = ascii.replace(/[^\p{L}\p{N}\p{ASCII}]+/gu, ' ');
  return BEYOND_ASCII.test(ascii) ? null : ascii;
}

function mixedPasses(raw: string): string {
  const folded = foldedToAscii(raw);
  return folded === null ? unicodePasses(raw) : asciiPasses(folded);
}

/** Every pass on the whole text: for a message in (or with words of) another script. */
export function unicodePasses(raw: string): string {
  return (
    raw
      .normalize('NFKC')
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // Format characters (zero-width space/joiners, bidi marks, BOM) sit inside words: remove, not space.
      .replace(/\p{Cf}/gu, '')
      // Possessives first ("the body's cells" -> "body"), then other apostrophes vanish ("don't" -> "dont").
      .replace(/(\p{L})['’]s(?![\p{L}\p{N}])/gu, '$1')
      .replace(/['’‘`´]/g, '')
      .replace(/%/g, ' percent ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .replace(/(\p{L})(\p{N})/gu, '$1 $2')
      .replace(/(\p{N})(\p{L})/gu, '$1 $2')
      .trim()
  );
}

/**
 * The same passes for plain ASCII (most messages), which the Unicode normalisations leave as it is and
 * whose letters and digits, once lowercased, are exactly a-z and 0-9: cheaper patterns, same text.
 */
function asciiPasses(raw: string): string {
  let text = raw.toLowerCase();
  // Each pass only where it can change something: most messages have no apostrophe and no digit.
  if (text.includes("'")) text = text.replace(/([a-z])'s(?![a-z0-9])/g, '$1');
  if (text.includes("'") || text.includes('`')) text = text.replace(/['`]/g, '');
  // "11%" and "11 percent" are one figure: the sign becomes its word.
  if (text.includes('%')) text = text.replace(/%/g, ' percent ');
  text = text.replace(/[^a-z0-9]+/g, ' ');
  if (/[0-9]/.test(text)) text = text.replace(/([a-z])([0-9])/g, '$1 $2').replace(/([0-9])([a-z])/g, '$1 $2');
  return text.trim();
}

/**
 * `normaliseText`, or one ask's memo of it (ask-memo.ts): the stages of an ask read the same few texts. The
 * memo also keeps the ask's whole analyses (`analyse` with the engine's own lexicon, typo repair and stems).
 */
export type Normalise = ((input: string) => string) & {
  readonly analyses?: AnalysisMemo;
  /**
   * What `make` gives for this text, made once per ask for each kind of work (`kind`: the maker's own
   * constant, so two stages never share a slot). What it keeps is shared: never changed in place.
   */
  readonly kept?: <T>(kind: symbol, text: string, make: () => T) => T;
};

/** One ask's analyses by text, made with these helpers only: `analyse` with any other ones works afresh. */
export interface AnalysisMemo {
  lexicon: CompiledLexicon;
  correct: (word: string) => string;
  stemWord: (word: string) => string;
  byText: Map<string, Analysed>;
}

export const words = (normalised: string): string[] => (normalised ? normalised.split(' ') : []);

/**
 * The stem a member's word and the article's word share ("infections"/"infected" -> "infect",
 * "boosting" -> "boost", "regulation"/"regulates" -> "regul", "immunity"/"immune" -> "immun"): the
 * Porter2 (Snowball English) stemmer, a maintained implementation instead of hand-written suffix rules.
 * Short words and anything with a digit stay as they are ("b12", "ros").
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  return porter2(word);
}

/** The full word for a piece of chat shorthand, or the word itself. */
export const expandShorthand = (word: string): string => SHORTHAND.get(word) ?? word;

/** Distinct words whose stems a stem cache remembers before starting afresh. */
export const STEM_CACHE_SIZE = 4096;

/**
 * `stem`, remembered: routing and matching stem the same few hundred words over and over. One cache per
 * engine (never module-wide), bounded so a flood of unique words cannot grow it without limit.
 */
export function createStemCache(size = STEM_CACHE_SIZE): (word: string) => string {
  const stems = new Map<string, string>();
  return (word) => {
    let s = stems.get(word);
    if (s === undefined) {
      s = stem(word);
      if (stems.size >= size) stems.clear();
      stems.set(word, s);
    }
    return s;
  };
}

/**
 * Words that carry no topic: question scaffolding, pronouns, auxiliaries, greetings. Kept short on
 * purpose; generic but meaningful verbs ("help", "work") are weighted low instead (see LIGHT_WORDS).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing done down during each either else ever few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just let lets me most my
myself no nor of off on once only or other our ours ourselves out over own same she should so some such than that
thats the their theirs them themselves then there these they this those through to too under until up upon us very
was we were what whats when where which while who whom whose why will with would you your yours yourself
yourselves im ive id youre dont doesnt didnt cant wont isnt arent wasnt hi hello hey hiya thanks thank please pls
plz ok okay yes yeah yep u ur r ya whats hows whys wanna gonna gotta got may might must shall not every only like one ones
mine yo sup yall dude bro lol lmao btw tbh imo idk hmm um uh oh well vs versus selene q ${FILLER_WORDS}`.split(/\s+/),
);

/**
 * Common words that are topic-neutral in a question ("does selenium really help?"): they still count as
 * matched when an entry uses them, but weigh little in how much of a question is explained.
 */
export const LIGHT_WORDS: ReadonlySet<string> = new Set(
  `help work need take make made makes making get use using used want think believe true really actually thing things stuff way ways
good bad better best important role part kind sort lot lots much many something anything everything someone
people person body human humans thing give gives given go goes going come comes see look find found mean means
meaning explain explained describe info information detail details question answer article text page read
reading post blog say said claim claims told tell heard hear friend mom mum dad doctor wife husband guy guys also
still even already quite pretty rather enough maybe probably possible possibly actually basically exactly
question questions anyone everyone somebody day daily everyday week more exactly matter matters mention mentioned bit
little seem seems around going lately recently wonder wondering curious saw seen always often sometimes usually kind
able try trying currently now today time times life feel feeling keep stay year years old new anybody whether sure
certain definitely literally honestly seriously generally overall specific specifically particular particularly
deal story lowdown scoop property properties characteristic characteristics feature features aspect aspects fact facts
called named known produce produces create creates happen happens change changes play plays show shows lead leads
result results related connected involved anything myth myths swear swears legit real scam hoax nonsense truth
rumor rumour quick quickly short briefly simple simply act acts acting worried worry worrying concerned
concern bother fine okay regard regarded considered consider classed classified deemed viewed labelled
labeled talk talks talking figure figures stat stats statistic statistics section sections
heading headings refer refers referring adult adults grownup grownups man men woman women kid kids child children teen teens
teenager teenagers someone average typical normal person pregnant pregnancy breastfeeding nursing lactating
elderly senior seniors baby babies infant infants toddler toddlers connection connections relationship relation
relations correlation correlated association special unique sound sounds`.split(/\s+/),
);

type Phrase = { tokens: string[]; canonical: string[] };

export interface CompiledLexicon {
  /** First stemmed token of a synonym phrase -> the phrases starting with it, longest first. */
  phrases: Map<string, Phrase[]>;
  /** Stemmed phrases that mark a question as outside the article; canonical is the phrase itself. */
  outOfScope: Map<string, Phrase[]>;
  /** Stemmed phrases that tie a question to this article rather than to health in general. */
  anchors: Map<string, Phrase[]>;
  /**
   * Question words, particles and articles of the other languages members mix in ("apa", "mi az", "sih"),
   * as typed: like STOPWORDS, never a term. Indexed, a curated phrasing written in a member's English would
   * make its entry own "apa", and every message with it would lean to that entry.
   */
  foreignFunctionWords: ReadonlySet<string>;
}

// Phrases are matched on every stemmed word, stopwords included ("too much", "lack of"), and
// stopwords are dropped only afterwards, so lexicon terms and queries line up whatever they contain.
const stemPhrase = (phrase: string): string[] => words(normaliseText(phrase)).map(stem);

/** Canonical terms stay separate tokens ("vitamin c" -> vitamin, c) so their parts still match alone. */
const canonicalTokens = (phrase: string): string[] =>
  words(normaliseText(phrase))
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);

function addPhrase(map: Map<string, Phrase[]>, tokens: string[], canonical: string[]): void {
  const first = tokens[0];
  if (first === undefined) return;
  const list = map.get(first) ?? [];
  if (list.some((p) => p.tokens.join(' ') === tokens.join(' '))) return;
  list.push({ tokens, canonical });
  list.sort((a, b) => b.tokens.length - a.tokens.length);
  map.set(first, list);
}

export function compileLexicon(
  lexicon: Lexicon,
  foreignFunctionWords: ReadonlySet<string> = new Set(),
): CompiledLexicon {
  const phrases: CompiledLexicon['phrases'] = new Map();
  for (const group of lexicon.synonyms) {
    const head = group[0];
    if (head === undefined) continue;
    const canonical = canonicalTokens(head);
    if (!canonical.length) continue;
    for (const term of group) addPhrase(phrases, stemPhrase(term), canonical);
  }
  const outOfScope: CompiledLexicon['outOfScope'] = new Map();
  for (const term of lexicon.outOfScope) {
    const tokens = stemPhrase(term);
    addPhrase(outOfScope, tokens, [tokens.join(' ')]);
  }
  const anchors: CompiledLexicon['anchors'] = new Map();
  for (const term of lexicon.anchors ?? []) {
    const tokens = stemPhrase(term);
    addPhrase(anchors, tokens, [tokens.join(' ')]);
  }
  return { phrases, outOfScope, anchors, foreignFunctionWords };
}

/**
 * Whether stemmed words name one of the lexicon's anchors. Matched on the words as typed (after typo
 * repair), not on synonyms: "germs" shares a group with the article's "microorganisms" but is
 * everyday speech, so only the listed forms count.
 */
export function mentionsAnchor(stems: readonly string[], lexicon: CompiledLexicon): boolean {
  return stems.some((token, i) => matchAt(stems, i, lexicon.anchors.get(token)) !== undefined);
}

/** Whether `phrase` stands in `tokens` from position i on. Plain loops: it runs for every word of every message. */
function startsAt(tokens: readonly string[], i: number, phrase: readonly string[]): boolean {
  if (i + phrase.length > tokens.length) return false;
  for (let k = 0; k < phrase.length; k++) if (tokens[i + k] !== phrase[k]) return false;
  return true;
}

function matchAt(tokens: readonly string[], i: number, candidates: readonly Phrase[] | undefined): Phrase | undefined {
  if (candidates === undefined) return undefined;
  for (const p of candidates) if (startsAt(tokens, i, p.tokens)) return p;
  return undefined;
}

/** Filler idioms by their first word, longest first: compiled once, read by every query and the index. */
const FILLER_IDIOMS: ReadonlyMap<string, readonly string[][]> = (() => {
  const byFirst = new Map<string, string[][]>();
  for (const phrase of FILLER_PHRASES) {
    const tokens = words(normaliseText(phrase));
    const first = tokens[0];
    if (first === undefined) continue;
    byFirst.set(
      first,
      [...(byFirst.get(first) ?? []), tokens].sort((a, b) => b.length - a.length),
    );
  }
  return byFirst;
})();

/** How many words of a filler idiom start at word i (0 when none does). */
function fillerAt(raw: readonly string[], i: number): number {
  const idioms = FILLER_IDIOMS.get(raw[i] as string);
  if (idioms === undefined) return 0;
  for (const idiom of idioms) if (startsAt(raw, i, idiom)) return idiom.length;
  return 0;
}

/**
 * Replaces every synonym phrase (longest first) by its group's canonical tokens and drops stopwords
 * (judged on the unstemmed word, since stems like "doe" no longer look like "does") and filler idioms.
 * A "right" that ends the message is a tag ("it says so, right?"), not "the right amount".
 */
export function toTerms(raw: readonly string[], stems: readonly string[], lexicon: CompiledLexicon): string[] {
  const out: string[] = [];
  for (let i = 0; i < stems.length; ) {
    const filler = fillerAt(raw, i);
    if (filler > 0 || (i === stems.length - 1 && i > 0 && raw[i] === 'right')) {
      i += Math.max(1, filler);
      continue;
    }
    const hit = matchAt(stems, i, lexicon.phrases.get(stems[i] as string));
    // A one-word synonym does not fire on a stopword that merely stems like it: "like" is not "likely".
    if (hit && !(hit.tokens.length === 1 && STOPWORDS.has(raw[i] as string))) {
      for (const c of hit.canonical) out.push(c);
      i += hit.tokens.length;
      continue;
    }
    // Single letters left over ("w/", "u") mean nothing once phrases like "vitamin c" are matched, and
    // long digit runs are ids (a pasted mention, an order number), not something to look up.
    const word = raw[i] as string;
    const meaningful = /^\d+$/.test(word) ? word.length <= 4 : word.length > 1;
    if (!STOPWORDS.has(word) && !lexicon.foreignFunctionWords.has(word) && meaningful) out.push(stems[i] as string);
    i += 1;
  }
  return out;
}

/** Out-of-scope phrases found in stemmed words (before synonyms, so "vitamin d" is not merged away). */
export function findOutOfScope(stems: readonly string[], lexicon: CompiledLexicon): string[] {
  // A longer in-scope phrase wins over an off-topic word inside it: "stress" alone (as in "does stress make
  // you sick") is not the article's subject, "oxidative stress" is.
  const found: string[] = [];
  for (let i = 0; i < stems.length; i++) {
    const hit = matchAt(stems, i, lexicon.outOfScope.get(stems[i] as string));
    if (!hit) continue;
    const end = i + hit.tokens.length;
    // Covered when some in-scope phrase starting at or before i reaches past the hit and is longer than it.
    let covered = false;
    for (let k = 0; k <= i && !covered; k++) {
      const phrase = matchAt(stems, k, lexicon.phrases.get(stems[k] as string));
      covered = phrase !== undefined && phrase.tokens.length > hit.tokens.length && k + phrase.tokens.length >= end;
    }
    if (!covered) found.push(hit.canonical.join(' '));
  }
  return found;
}

export interface Analysed {
  /** Normalised text (lowercase, accents and punctuation gone). */
  text: string;
  /** Normalised words as typed, before typo repair. */
  original: string[];
  /** Normalised words after typo repair, in order. */
  words: string[];
  /** Stemmed words in order, stopwords included. */
  stems: string[];
  /** Content tokens in order: stemmed, synonyms applied, stopwords dropped. */
  terms: string[];
  /** Phrases the message quotes from the article, normalised (set by the understand stage). */
  quoted?: string[];
}

/**
 * Applies the whole pipeline; `correct` (typo repair) runs per word before stemming. With an ask's memo
 * (`normalise`) and its helpers, a text is analysed once per ask and every stage gets the same object:
 * analyses are never changed in place (a stage that narrows one copies it, `{ ...q, terms }`).
 */
export function analyse(
  input: string,
  lexicon: CompiledLexicon,
  correct?: (word: string) => string,
  stemWord: (word: string) => string = stem,
  normalise: Normalise = normaliseText,
): Analysed {
  const memo = normalise.analyses;
  const kept =
    memo !== undefined && memo.lexicon === lexicon && memo.correct === correct && memo.stemWord === stemWord
      ? memo.byText
      : undefined;
  const known = kept?.get(input);
  if (known !== undefined) return known;
  const text = normalise(input);
  const original = words(text);
  const ws = expandWords(original, correct);
  const stems = ws.map(stemWord);
  const analysed = { text, original, words: ws, stems, terms: toTerms(ws, stems, lexicon) };
  kept?.set(input, analysed);
  return analysed;
}

/**
 * Shorthand expanded: "gud 4 ur immune system" -> "good for your immune system"; then `correct` (typo
 * repair), when given, on each word, in the same pass.
 */
function expandWords(original: readonly string[], correct?: (word: string) => string): string[] {
  const out: string[] = [];
  for (let i = 0; i < original.length; i++) {
    const w = original[i] as string;
    // A lone 4 or 2 before a pronoun or article is "for" or "to", not a count.
    const expanded =
      (w === '4' || w === '2') && STOPWORDS.has(expandShorthand(original[i + 1] ?? '')) && original[i + 1] !== 'of'
        ? w === '4'
          ? 'for'
          : 'to'
        : expandShorthand(w);
    out.push(correct ? correct(expanded) : expanded);
  }
  return out;
}

/** `analyse(input, lexicon, undefined, stemWord).stems`, without the synonym and stopword passes it does not need. */
export const analyseStems = (
  input: string,
  stemWord: (word: string) => string = stem,
  normalise: Normalise = normaliseText,
): string[] => expandWords(words(normalise(input))).map(stemWord);
