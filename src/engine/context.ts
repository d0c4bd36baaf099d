import type { KnowledgeBase } from '../knowledge/types.js';
import { otherLanguageFunctionWords } from './follow-up-language-table.js';
import { createFoodIndex, type FoodIndex } from './foods/index.js';
import { buildMatchIndex, type DocInput, type MatchIndex } from './matcher.js';
import {
  analyse,
  analyseStems,
  type CompiledLexicon,
  compileLexicon,
  createStemCache,
  LIGHT_WORDS,
  normaliseText,
  words,
} from './normalise.js';
import { createRouter, type Router } from './router.js';
import { COMMON_WORDS, createTypoCorrector, type TypoCorrector } from './typos.js';
import { FOOD_FRAME_WORDS, LIMIT_WORDS, SAFETY_TRIGGERS, SELENIUM_WORDS } from './vocabulary.js';

// What every stage of a question reads: the knowledge base compiled once (lexicon, match index, typo
// repair, food index, word sets). Built per engine and only read afterwards, so shards and reloads are safe.

export interface EngineContext {
  kb: KnowledgeBase;
  lexicon: CompiledLexicon;
  stemOf: (word: string) => string;
  docInputs: DocInput[];
  index: MatchIndex;
  router: Router;
  /** Typo repair into words the knowledge base knows. */
  correct: (word: string) => string;
  foods: FoodIndex;
  /** Terms of `SAFETY_TRIGGERS`: a question with one gets the upper-limit line. */
  safetyTerms: ReadonlySet<string>;
  /** Terms and stems of `LIMIT_WORDS`: an amount or limit question's own words. */
  limitTerms: ReadonlySet<string>;
  limitStems: ReadonlySet<string>;
  /** Selenium's own term(s): what every question about the article names, so it tells no topic apart. */
  seleniumTerms: ReadonlySet<string>;
  /** Terms of `SELENIUM_WORDS`: selenium by any name and its units ("mcg"). */
  seleniumWordTerms: ReadonlySet<string>;
  /** The term(s) of "food": what a named food stands for in a topic question. */
  dietTerms: readonly string[];
  /** The article's text normalised, padded with spaces: a phrase is the article's when ` phrase ` is in it. */
  articleText: string;
}

export function createContext(kb: KnowledgeBase): EngineContext {
  const anchors = kb.lexicon.anchors ?? [];
  // The article's own figures ("11%", "8 mcg") tie a question to it as its anchors do ("what does 11% mean").
  const lexicon = compileLexicon(
    {
      ...kb.lexicon,
      anchors: anchors.length ? [...anchors, ...figures(kb.article.text)] : [],
    },
    otherLanguageFunctionWords(),
  );
  const stemOf = createStemCache();
  const docInputs: DocInput[] = [
    ...kb.entries.map((e) =>
      docInput(
        'entry',
        e,
        e.quotes.map((q) => q.text),
      ),
    ),
    ...kb.related.map((l) => docInput('related', l, [])),
  ];
  const index = buildMatchIndex(docInputs, lexicon);
  const typos = knowledgeTypoCorrector(kb, docInputs, lexicon);
  return {
    kb,
    lexicon,
    stemOf,
    docInputs,
    index,
    router: createRouter(
      lexicon,
      stemOf,
      kb.foods.flatMap((f) => [f.name, ...f.aliases]),
    ),
    correct: (w) => typos.correct(w),
    foods: createFoodIndex(kb),
    safetyTerms: new Set(analyse(SAFETY_TRIGGERS, lexicon).terms),
    limitTerms: new Set(analyse(LIMIT_WORDS, lexicon).terms),
    limitStems: new Set(analyseStems(LIMIT_WORDS, stemOf)),
    seleniumTerms: new Set(analyse('selenium', lexicon).terms),
    seleniumWordTerms: new Set(analyse(SELENIUM_WORDS, lexicon, undefined, stemOf).terms),
    dietTerms: analyse('food', lexicon).terms,
    // Sentence by sentence: normaliseText keeps only the first MAX_QUERY_CHARS of what it is given.
    articleText: ` ${kb.article.text
      .split(/(?<=[.!?])\s+|\n/)
      .map(normaliseText)
      .join(' ')} `,
  };
}

/** A number with the unit that makes it a figure rather than a count ("11%", "8 mcg", "55 micrograms"). */
const FIGURE = /(\d+(?:\.\d+)?)\s*(%|percent|mcg|micrograms?|µg|mg|milligrams?)(?![\p{L}\p{N}])/giu;

/** The figures a text quotes, as anchor phrases ("11%" -> "11 %", spelt "11 percent" once normalised). */
export function figures(text: string): string[] {
  return [...new Set([...text.matchAll(FIGURE)].map((m) => `${m[1]} ${m[2]}`))];
}

/**
 * Typo repair proposes only words the knowledge base (or the lexicon) knows, so a corrected word can
 * match something, and misspelt off-topic terms ("magnesum") still reach the out-of-scope list. Built
 * in its own function so the word sets it starts from are not kept alive by the engine's closures.
 */
function knowledgeTypoCorrector(
  kb: KnowledgeBase,
  docInputs: readonly DocInput[],
  lexicon: CompiledLexicon,
): TypoCorrector {
  const vocabulary = new Set<string>();
  const addWords = (text: string) => {
    for (const w of words(normaliseText(text))) vocabulary.add(w);
  };
  for (const d of docInputs) [d.titleText, ...d.questions, ...d.keywords, ...d.quotes].forEach(addWords);
  for (const group of kb.lexicon.synonyms) group.forEach(addWords);
  kb.lexicon.outOfScope.forEach(addWords);
  kb.lexicon.anchors?.forEach(addWords);
  addWords(FOOD_FRAME_WORDS);
  for (const f of kb.foods) [f.name, ...f.aliases].forEach(addWords);
  // A four-letter word is only repaired into a topic's name: the words of titles and the head term of each
  // synonym group ("covid", "virus", "cell", "risk"). Keywords and synonyms are looser ("brand", "start",
  // "raise") and would turn real words ("band", "star", "rise") into them.
  const domain = new Set<string>();
  const addDomain = (text: string) => {
    for (const w of words(normaliseText(text))) domain.add(w);
  };
  for (const d of docInputs) addDomain(d.titleText);
  for (const group of kb.lexicon.synonyms) addDomain(group[0] ?? '');
  // Words the synonyms make one concept complete alike ("bacter" -> bacteria, bacterial, bacterium).
  const family = (w: string) => analyse(w, lexicon).terms.join(' ');
  // Real words the knowledge base does not use are what the member meant: never "repaired" into one it does.
  const keep = [...LIGHT_WORDS, ...COMMON_WORDS, ...(kb.lexicon.realWords ?? [])];
  return createTypoCorrector(vocabulary, { domain, family, keep });
}

/** What the matcher indexes of an entry or a related link: the same fields for both, quotes only for entries. */
function docInput(
  kind: DocInput['kind'],
  item: { id: string; title: string; questions: string[]; keywords: string[] },
  quotes: string[],
): DocInput {
  const { id, title, questions, keywords } = item;
  return { id, kind, title, question: questions[0] ?? title, questions, keywords, titleText: title, quotes };
}
