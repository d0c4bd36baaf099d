import type { Food, Reference, UsdaFoodRow } from '../../knowledge/schema.js';
import { textFragmentUrl } from '../../knowledge/text-fragment.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { createStringIndex, type StringIndex } from '../compact.js';
import type { Citation, FoodAnswerParts, FoodResult } from '../types.js';
import { foodTokens } from './text.js';

// The one answer text for a food, used by /food, `selene food` and chat food questions.
// Amounts are recomputed from the knowledge base by the result's id, so a result that was
// already multiplied by servings is never multiplied twice. Everything that depends only on the
// knowledge base (the article's sentences as food tokens, foods and USDA rows by id) is worked out
// once per describer, since a chat food answer is asked for hundreds of times a second.

/** A serving total at or above this share of the upper limit gets the safety line. */
const UL_WARN_SHARE = 0.75;
/** At most this many article sentences are quoted per food. */
const MAX_MENTIONS = 2;

const round1 = (n: number): number => Math.round(n * 10) / 10;
const fmt = (n: number): string => String(round1(n));
/** "0.25 servings", "1.5 servings": a count of servings is shown as given (up to two decimals), never rounded to 0.3. */
const servingsLabel = (n: number): string => `${String(Math.round(n * 100) / 100)} serving${n === 1 ? '' : 's'}`;

export interface FoodDescription {
  text: string;
  citations: Citation[];
  safety: string | null;
  /** The text's pieces; null when the food is unknown. */
  parts: FoodAnswerParts | null;
}

export interface FoodDescriber {
  /** The answer text, citations and safety line for a food result; `servings` multiplies (default 1). */
  describe(result: FoodResult, servings?: number): FoodDescription;
  /** Notes for the article's own percentages where they used the previous Daily Value (see below). */
  dailyValueNotes(names: readonly string[]): string[];
}

interface BaseAmount {
  name: string;
  serving: string;
  mcg: number;
  sourceId: string;
  quote: string;
  /** Phrases to look for in the article. */
  names: string[];
}

/** An article sentence, with what describing a food needs of it computed once. */
export interface ArticleSentence {
  text: string;
  /** Its food tokens joined and padded with spaces, so a phrase is found with one `includes`. */
  padded: string;
  /** Title of the first section containing it (or the article's). */
  section: string;
  url: string;
  /** The Daily Value note for its own percentage, or null. */
  note: string | null;
}

/** Maps by id that keep the first item of an id, as a `find` over the list would. */
function firstById<T>(items: readonly T[], id: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(id(item))) map.set(id(item), item);
  return map;
}

/** "Fish, salmon, ..." is named by its second segment; most rows by their first. */
const GROUPED_FIRST = /^(fish|mollusks|crustaceans|seeds|nuts|spices)$/i;

function curatedAmount(food: Food): BaseAmount {
  return {
    name: food.name,
    serving: food.serving,
    mcg: food.mcg,
    sourceId: food.sourceId,
    quote: `${food.name}, ${food.serving}: ${fmt(food.mcg)} mcg`,
    names: curatedArticleNames(food),
  };
}

/** Names as the article may use them: aliases and the name's first segment. */
export const curatedArticleNames = (food: Food): string[] => [...food.aliases, food.name.split(',')[0] ?? food.name];

function usdaAmount(row: UsdaFoodRow, sourceId: string): BaseAmount {
  const [, description, per100g, grams, label] = row;
  const hasServing = grams !== null && label !== null;
  const segments = description.split(',').map((s) => s.trim());
  const names = [segments[0] ?? description, segments.slice(0, 2).join(' ')].concat(
    segments[0] && GROUPED_FIRST.test(segments[0]) && segments[1] ? [segments[1]] : [],
  );
  return {
    name: description,
    serving: hasServing ? `${label} (${fmt(grams)} g)` : '100 g',
    mcg: hasServing ? (per100g * grams) / 100 : per100g,
    sourceId,
    quote: `${description}: ${fmt(per100g)} mcg per 100 g${hasServing ? `; ${label} = ${fmt(grams)} g` : ''}`,
    names,
  };
}

/** Where the article's own percentage matches the previous Daily Value, say so and give today's. */
export function dailyValueNote(sentence: string, kb: KnowledgeBase): string | null {
  const mcg = Number(/(\d+(?:\.\d+)?)\s*(?:mcg|micrograms?|µg)/i.exec(sentence)?.[1]);
  const pct = Number(/(\d+(?:\.\d+)?)\s*%/.exec(sentence)?.[1]);
  if (!Number.isFinite(mcg) || !Number.isFinite(pct) || mcg <= 0) return null;
  const prev = kb.facts.previousDailyValue.mcg;
  const now = kb.facts.dailyValue.mcg;
  const oldPct = Math.round((mcg / prev) * 100);
  const newPct = Math.round((mcg / now) * 100);
  if (Math.abs(oldPct - pct) > 1 || newPct === pct) return null;
  return `The article's ${fmt(pct)}% was figured on the older Daily Value of ${prev} mcg; against today's ${now} mcg, ${fmt(mcg)} mcg is ${newPct}% of the Daily Value.`;
}

/**
 * The article's sentences, each tokenised once. Sentences are split within sections, so headings never
 * glue onto a quote; a sentence found twice is kept once.
 */
function articleSentences(kb: KnowledgeBase): ArticleSentence[] {
  const sections = kb.article.resolvedSections;
  const texts = [...new Set(sections.flatMap((sec) => sec.text.split(/(?<=[.!?])\s+/)))];
  return texts.map((text) => ({
    text,
    padded: ` ${foodTokens(text).join(' ')} `,
    section: sections.find((s) => s.text.includes(text))?.title ?? kb.article.title,
    url: textFragmentUrl(kb.article.url, text),
    note: dailyValueNote(text, kb),
  }));
}

/** Article sentences that mention a food by one of its names (word-exact, plural-insensitive). */
export interface ArticleMentions {
  find(names: readonly string[]): readonly ArticleSentence[];
  /**
   * For a food the article itself gives a percentage for (its milk caption), the sentence and what that
   * percentage is today: short notes that every food view (/food, `selene food`, JSON) carries.
   */
  dailyValueNotes(names: readonly string[]): string[];
}

export function createArticleMentions(kb: KnowledgeBase): ArticleMentions {
  const sentences = articleSentences(kb);
  // Sentence numbers by token: a phrase can only be in sentences that have its first word.
  const byToken = new Map<string, number[]>();
  sentences.forEach((s, i) => {
    for (const token of new Set(s.padded.trim().split(' '))) byToken.set(token, [...(byToken.get(token) ?? []), i]);
  });
  const find = (names: readonly string[]): ArticleSentence[] => {
    const phrases = [...new Set(names.map((n) => foodTokens(n).join(' ')).filter(Boolean))];
    const candidates = [...new Set(phrases.flatMap((p) => byToken.get(p.split(' ')[0] as string) ?? []))];
    const found: ArticleSentence[] = [];
    // In article order, as a scan of every sentence would find them.
    for (const i of candidates.sort((a, b) => a - b)) {
      if (found.length === MAX_MENTIONS) break;
      const s = sentences[i] as ArticleSentence;
      if (phrases.some((p) => s.padded.includes(` ${p} `))) found.push(s);
    }
    return found;
  };
  return {
    find,
    dailyValueNotes: (names) => find(names).flatMap((s) => (s.note ? [`The article says: "${s.text}" ${s.note}`] : [])),
  };
}

/** What a food index has already built and a describer would otherwise build again. */
export interface DescriberParts {
  mentions: ArticleMentions;
  /** USDA rows by NDB number. */
  usdaByNdb: StringIndex;
}

/** Built once per knowledge base (from a food index's parts when it has them); `describe` then reads only. */
export function createFoodDescriber(kb: KnowledgeBase, parts: Partial<DescriberParts> = {}): FoodDescriber {
  const mentions = parts.mentions ?? createArticleMentions(kb);
  const foodsById = firstById(kb.foods, (f) => f.id);
  const rows = kb.usda.foods;
  const usdaByNdb = parts.usdaByNdb ?? createStringIndex(rows.length, (i) => rows[i]?.[0] ?? '');
  const referencesById = firstById(kb.references, (r: Reference) => r.id);
  // A curated food's names (with its aliases in every language members write) are looked up in the article
  // once here, not on every answer: dozens of names per food made that lookup a tenth of a food answer's time.
  const curatedMentions = new Map([...foodsById].map(([id, food]) => [id, mentions.find(curatedArticleNames(food))]));
  const dv = kb.facts.dailyValue.mcg;
  const rda = kb.facts.rda.adultMcg;
  const ul = kb.facts.upperLimit.adultMcg;
  const soil = kb.facts.plantSoilNote.text;

  /** The USDA row of a result id ("usda-15076"), or undefined. */
  const usdaRow = (id: string): UsdaFoodRow | undefined => {
    const at = id.startsWith('usda-') ? usdaByNdb.first(id.slice('usda-'.length)) : undefined;
    return at === undefined ? undefined : rows[at];
  };

  function baseAmount(result: FoodResult): BaseAmount | null {
    if (!result.found || !result.id) return null;
    const food = foodsById.get(result.id);
    if (food) return curatedAmount(food);
    const row = /^usda-\d{5}$/.test(result.id) ? usdaRow(result.id) : undefined;
    return row ? usdaAmount(row, kb.usda.sourceId) : null;
  }

  function referenceCitation(sourceId: string, quote: string): Citation {
    const ref = referencesById.get(sourceId);
    return { kind: 'data', quote, section: ref?.title ?? sourceId, sourceId, url: ref?.url ?? null };
  }

  function describe(result: FoodResult, servings = 1): FoodDescription {
    const base = baseAmount(result);
    if (!base) {
      const closest = result.suggestions.length ? ` Closest in my tables: ${result.suggestions.join('; ')}.` : '';
      return { text: `That food is not in my food tables.${closest}`, citations: [], safety: null, parts: null };
    }
    const n = Number.isFinite(servings) && servings > 0 ? servings : 1;
    const total = base.mcg * n;
    const pct = (mcg: number) => Math.round((mcg / dv) * 100);

    const amounts: string[] = [
      `${base.name}: about ${fmt(base.mcg)} mcg of selenium per ${base.serving}, ${pct(base.mcg)}% of the Daily Value (${dv} mcg).`,
    ];
    if (n !== 1) amounts.push(`${servingsLabel(n)}: about ${fmt(total)} mcg, ${pct(total)}% of the Daily Value.`);
    const ratio = total / rda;
    const vsRda =
      ratio >= 1.05
        ? `about ${fmt(ratio)} times the adult RDA of ${rda} mcg a day`
        : ratio >= 0.95
          ? `about the adult RDA of ${rda} mcg a day`
          : `${Math.round(ratio * 100)}% of the adult RDA of ${rda} mcg a day`;
    amounts.push(
      `${n === 1 ? 'One serving' : 'That'} is ${vsRda}; the adult upper limit is ${ul} mcg a day (${Math.round((total / ul) * 100)}% of it).`,
    );
    const notes: string[] = [];
    if (result.table === 'usda' || base.sourceId === kb.usda.sourceId) {
      const per100 = usdaRow(result.id as string)?.[2];
      if (per100 !== undefined) notes.push(`Per 100 g: ${fmt(per100)} mcg.`);
    }
    if (result.notes.includes(soil)) notes.push(soil);

    const citations: Citation[] = [referenceCitation(base.sourceId, base.quote)];
    const found = (result.id !== null && curatedMentions.get(result.id)) || mentions.find(base.names);
    for (const sentence of found) {
      citations.push({
        kind: 'quote',
        quote: sentence.text,
        section: sentence.section,
        sourceId: kb.article.id,
        url: sentence.url,
      });
    }

    const worst = Math.max(base.mcg, total);
    let safety: string | null = null;
    if (worst > ul) {
      safety = `${fmt(worst)} mcg is above the adult upper limit of ${ul} mcg of selenium a day. ${kb.facts.toxicity.text}`;
    } else if (worst >= ul * UL_WARN_SHARE) {
      safety = `${fmt(worst)} mcg is close to the adult upper limit of ${ul} mcg of selenium a day; count other foods and supplements too.`;
    }
    if (safety) citations.push(referenceCitation(kb.facts.upperLimit.sourceId, `Adult upper limit: ${ul} mcg/day`));

    const src = referencesById.get(base.sourceId);
    const parts: FoodAnswerParts = {
      name: base.name,
      serving: base.serving,
      amounts,
      notes,
      mentions: found.map((m) => ({ quote: m.text, note: m.note })),
      source: {
        label: src ? `${src.publisher}, ${src.title}` : base.sourceId,
        url: src?.url ?? null,
      },
    };
    return { text: foodText(parts), citations, safety, parts };
  }

  return { describe, dailyValueNotes: mentions.dailyValueNotes };
}

/** The plain text of a food answer (terminal, JSON `text`): its parts in order, the source last. */
export function foodText(parts: FoodAnswerParts): string {
  const mentioned = parts.mentions.flatMap((m) => [`The article says: "${m.quote}"`, ...(m.note ? [m.note] : [])]);
  return [...parts.amounts, ...parts.notes, ...mentioned, `Source: ${parts.source.label}.`].join('\n');
}

/** One-off description (tests, scripts): builds a describer each call; engines keep one instead. */
export function describeFood(result: FoodResult, kb: KnowledgeBase, servings = 1): FoodDescription {
  return createFoodDescriber(kb).describe(result, servings);
}

/** One-off form of `FoodDescriber.dailyValueNotes`. */
export function articleDailyValueNotes(kb: KnowledgeBase, names: readonly string[]): string[] {
  return createArticleMentions(kb).dailyValueNotes(names);
}
