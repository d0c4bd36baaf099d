import type { KnowledgeBase } from '../../knowledge/load.js';
import { textFragmentUrl } from '../../knowledge/text-fragment.js';
import type { Citation, FoodResult } from '../types.js';
import { foodTokens } from './text.js';

// The one answer text for a food, used by /food, `selene food` and chat food questions.
// Amounts are recomputed from the knowledge base by the result's id, so a result that was
// already multiplied by servings is never multiplied twice.

/** A serving total at or above this share of the upper limit gets the safety line. */
const UL_WARN_SHARE = 0.75;

const round1 = (n: number): number => Math.round(n * 10) / 10;
const fmt = (n: number): string => String(round1(n));

interface BaseAmount {
  name: string;
  serving: string;
  mcg: number;
  sourceId: string;
  quote: string;
  /** Phrases to look for in the article. */
  names: string[];
}

function baseAmount(result: FoodResult, kb: KnowledgeBase): BaseAmount | null {
  if (!result.found || !result.id) return null;
  const food = kb.foods.find((f) => f.id === result.id);
  if (food) {
    return {
      name: food.name,
      serving: food.serving,
      mcg: food.mcg,
      sourceId: food.sourceId,
      quote: `${food.name}, ${food.serving}: ${fmt(food.mcg)} mcg`,
      names: [...food.aliases, food.name.split(',')[0] ?? food.name],
    };
  }
  const ndb = /^usda-(\d{5})$/.exec(result.id)?.[1];
  const row = ndb ? kb.usda.foods.find((r) => r[0] === ndb) : undefined;
  if (!row) return null;
  const [, description, per100g, grams, label] = row;
  const hasServing = grams !== null && label !== null;
  const segments = description.split(',').map((s) => s.trim());
  // "Fish, salmon, ..." is named by its second segment; most rows by their first.
  const names = [segments[0] ?? description, segments.slice(0, 2).join(' ')].concat(
    segments[0] && /^(fish|mollusks|crustaceans|seeds|nuts|spices)$/i.test(segments[0]) && segments[1]
      ? [segments[1]]
      : [],
  );
  return {
    name: description,
    serving: hasServing ? `${label} (${fmt(grams)} g)` : '100 g',
    mcg: hasServing ? (per100g * grams) / 100 : per100g,
    sourceId: kb.usda.sourceId,
    quote: `${description}: ${fmt(per100g)} mcg per 100 g${hasServing ? `; ${label} = ${fmt(grams)} g` : ''}`,
    names,
  };
}

/** Article sentences that mention the food by one of its names (word-exact, plural-insensitive). */
function articleMentions(kb: KnowledgeBase, names: readonly string[]): string[] {
  const phrases = [...new Set(names.map((n) => foodTokens(n).join(' ')).filter(Boolean))];
  // Sentences are split within sections, so headings never glue onto a quote.
  const sentences = [...new Set(kb.article.resolvedSections.flatMap((sec) => sec.text.split(/(?<=[.!?])\s+/)))];
  return sentences
    .filter((s) => {
      const tokens = ` ${foodTokens(s).join(' ')} `;
      return phrases.some((p) => tokens.includes(` ${p} `));
    })
    .slice(0, 2);
}

/** Where the article's own percentage matches the previous Daily Value, say so and give today's. */
function dailyValueNote(sentence: string, kb: KnowledgeBase): string | null {
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
 * For a food the article itself gives a percentage for (its milk caption), the sentence and what that
 * percentage is today: short notes that every food view (/food, `selene food`, JSON) carries.
 */
export function articleDailyValueNotes(kb: KnowledgeBase, names: readonly string[]): string[] {
  return articleMentions(kb, names).flatMap((sentence) => {
    const note = dailyValueNote(sentence, kb);
    return note ? [`The article says: "${sentence}" ${note}`] : [];
  });
}

function referenceCitation(kb: KnowledgeBase, sourceId: string, quote: string): Citation {
  const ref = kb.references.find((r) => r.id === sourceId);
  return { kind: 'data', quote, section: ref?.title ?? sourceId, sourceId, url: ref?.url ?? null };
}

export function describeFood(
  result: FoodResult,
  kb: KnowledgeBase,
  servings = 1,
): { text: string; citations: Citation[]; safety: string | null } {
  const base = baseAmount(result, kb);
  if (!base) {
    const closest = result.suggestions.length ? ` Closest in my tables: ${result.suggestions.join('; ')}.` : '';
    return { text: `That food is not in my food tables.${closest}`, citations: [], safety: null };
  }
  const n = Number.isFinite(servings) && servings > 0 ? servings : 1;
  const dv = kb.facts.dailyValue.mcg;
  const rda = kb.facts.rda.adultMcg;
  const ul = kb.facts.upperLimit.adultMcg;
  const total = base.mcg * n;
  const pct = (mcg: number) => Math.round((mcg / dv) * 100);

  const lines: string[] = [];
  lines.push(
    `${base.name}: about ${fmt(base.mcg)} mcg of selenium per ${base.serving}, ${pct(base.mcg)}% of the Daily Value (${dv} mcg).`,
  );
  if (n !== 1) lines.push(`${fmt(n)} servings: about ${fmt(total)} mcg, ${pct(total)}% of the Daily Value.`);
  const ratio = total / rda;
  const vsRda =
    ratio >= 1.05
      ? `about ${fmt(ratio)} times the adult RDA of ${rda} mcg a day`
      : ratio >= 0.95
        ? `about the adult RDA of ${rda} mcg a day`
        : `${Math.round(ratio * 100)}% of the adult RDA of ${rda} mcg a day`;
  lines.push(
    `${n === 1 ? 'One serving' : 'That'} is ${vsRda}; the adult upper limit is ${ul} mcg a day (${Math.round((total / ul) * 100)}% of it).`,
  );
  if (result.table === 'usda' || base.sourceId === kb.usda.sourceId) {
    const per100 = kb.usda.foods.find((r) => `usda-${r[0]}` === result.id)?.[2];
    if (per100 !== undefined) lines.push(`Per 100 g: ${fmt(per100)} mcg.`);
  }
  const soil = kb.facts.plantSoilNote.text;
  if (result.notes.includes(soil)) lines.push(soil);

  const citations: Citation[] = [referenceCitation(kb, base.sourceId, base.quote)];
  for (const sentence of articleMentions(kb, base.names)) {
    const section = kb.article.resolvedSections.find((s) => s.text.includes(sentence));
    lines.push(`The article says: "${sentence}"`);
    const note = dailyValueNote(sentence, kb);
    if (note) lines.push(note);
    citations.push({
      kind: 'quote',
      quote: sentence,
      section: section?.title ?? kb.article.title,
      sourceId: kb.article.id,
      url: textFragmentUrl(kb.article.url, sentence),
    });
  }

  const worst = Math.max(base.mcg, total);
  let safety: string | null = null;
  if (worst > ul) {
    safety = `${fmt(worst)} mcg is above the adult upper limit of ${ul} mcg of selenium a day. ${kb.facts.toxicity.text}`;
  } else if (worst >= ul * UL_WARN_SHARE) {
    safety = `${fmt(worst)} mcg is close to the adult upper limit of ${ul} mcg of selenium a day; count other foods and supplements too.`;
  }
  if (safety) citations.push(referenceCitation(kb, kb.facts.upperLimit.sourceId, `Adult upper limit: ${ul} mcg/day`));

  const src = kb.references.find((r) => r.id === base.sourceId);
  lines.push(`Source: ${src ? `${src.publisher}, ${src.title}` : base.sourceId}.`);
  return { text: lines.join('\n'), citations, safety };
}
