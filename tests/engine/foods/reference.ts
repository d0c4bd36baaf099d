// The plain, unoptimised forms of the food engine's hot paths, as they were before their compact and
// precomputed versions: tests check that the fast versions give exactly what these give.

import { dailyValueNote } from '../../../src/engine/foods/describe.js';
import { formCost, type QueryTerm, type RowFeatures, type RowMatch } from '../../../src/engine/foods/rank.js';
import { canNameFood, foodTokens } from '../../../src/engine/foods/text.js';
import type { Citation, FoodResult } from '../../../src/engine/types.js';
import { textFragmentUrl } from '../../../src/knowledge/text-fragment.js';
import type { KnowledgeBase } from '../../../src/knowledge/types.js';

/** A row's naming parts as separate arrays, worked out from its description and `grouped` flag. */
export interface PlainViews {
  segments: string[][];
  head: string[];
  core: string[];
  name: string[];
  nameSegments: string[][];
}

export function plainViews(description: string, grouped: boolean): PlainViews {
  const segments = description
    .split(',')
    .map((s) => foodTokens(s))
    .filter((s) => s.length);
  const first = segments[0] ?? [];
  const core = grouped ? (segments[1] ?? []) : first;
  const head = grouped ? [...first, ...core] : first;
  const nameSegments = grouped ? segments.slice(1, 3) : segments.slice(0, 2);
  const name = [...(grouped ? first : []), ...nameSegments.flat()];
  return { segments, head, core, name, nameSegments };
}

const hits = (tokens: readonly string[], term: QueryTerm): boolean => tokens.some((t) => term.accept.has(t));

export function plainNamesTerm(v: PlainViews, term: QueryTerm, asked: ReadonlySet<string>): boolean {
  if (hits(v.name, term)) return true;
  return v.segments.some((seg) => hits(seg, term) && seg.every((t) => asked.has(t) || !canNameFood(t)));
}

export function plainRowMatch(
  f: RowFeatures,
  v: PlainViews,
  terms: readonly QueryTerm[],
  asked: ReadonlySet<string>,
): RowMatch | null {
  const tokens = v.segments.flat();
  if (!terms.length || !terms.every((t) => hits(tokens, t))) return null;
  const inHead = terms.every((t) => hits(v.head, t));
  const inName = inHead || terms.every((t) => hits(v.name, t));
  const coreCovered = v.core.every((c) => terms.some((t) => t.accept.has(c)));
  const segmentExact = v.nameSegments.some(
    (seg) => seg.length === terms.length && terms.every((t) => hits(seg, t)) && seg.every((w) => asked.has(w)),
  );
  // The food named, each other word in a qualifier segment of its own ("Yogurt, plain, low fat").
  const qualified = !inName && coreCovered && terms.every((t) => plainNamesTerm(v, t, asked));
  const tier =
    inHead && coreCovered ? 0 : inName && coreCovered ? 1 : segmentExact || qualified ? 2 : inHead ? 3 : inName ? 4 : 5;
  let cost = tier * 10 + f.baseCost;
  for (const t of terms) if (t.fuzzy) cost += 3;
  cost += formCost(f, asked);
  return { cost, tier };
}

// ---- describeFood as it was: every lookup a scan of the tables and the article ----

const round1 = (n: number): number => Math.round(n * 10) / 10;
const fmt = (n: number): string => String(round1(n));

function baseAmount(result: FoodResult, kb: KnowledgeBase) {
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

function articleMentions(kb: KnowledgeBase, names: readonly string[]): string[] {
  const phrases = [...new Set(names.map((n) => foodTokens(n).join(' ')).filter(Boolean))];
  const sentences = [...new Set(kb.article.resolvedSections.flatMap((sec) => sec.text.split(/(?<=[.!?])\s+/)))];
  return sentences
    .filter((s) => {
      const tokens = ` ${foodTokens(s).join(' ')} `;
      return phrases.some((p) => tokens.includes(` ${p} `));
    })
    .slice(0, 2);
}

/** The notes found by scanning every sentence (the note itself is worded by describe.ts's dailyValueNote). */
export function plainDailyValueNotes(kb: KnowledgeBase, names: readonly string[]): string[] {
  return articleMentions(kb, names).flatMap((sentence) => {
    const note = dailyValueNote(sentence, kb);
    return note ? [`The article says: "${sentence}" ${note}`] : [];
  });
}

function referenceCitation(kb: KnowledgeBase, sourceId: string, quote: string): Citation {
  const ref = kb.references.find((r) => r.id === sourceId);
  return { kind: 'data', quote, section: ref?.title ?? sourceId, sourceId, url: ref?.url ?? null };
}

export function plainDescribeFood(
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
  if (n !== 1)
    lines.push(`${Math.round(n * 100) / 100} servings: about ${fmt(total)} mcg, ${pct(total)}% of the Daily Value.`);
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
  } else if (worst >= ul * 0.75) {
    safety = `${fmt(worst)} mcg is close to the adult upper limit of ${ul} mcg of selenium a day; count other foods and supplements too.`;
  }
  if (safety) citations.push(referenceCitation(kb, kb.facts.upperLimit.sourceId, `Adult upper limit: ${ul} mcg/day`));
  const src = kb.references.find((r) => r.id === base.sourceId);
  lines.push(`Source: ${src ? `${src.publisher}, ${src.title}` : base.sourceId}.`);
  return { text: lines.join('\n'), citations, safety };
}
