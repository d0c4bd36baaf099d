import type { APIEmbed } from 'discord.js';
import { DISCLAIMER } from '../../engine/index.js';
import type { Answer, Citation, FoodComparison, FoodResult } from '../../engine/types.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { clampEmbed, LIMITS, truncate } from '../limits.js';
import { BRAND_COLOUR, payload, type ReplyPayload, renderCitation } from './payload.js';
import { echo, link, safe } from './text.js';

/**
 * "1,088.5": at most `digits` decimals, thousands grouped as in en-US. By hand rather than Intl.NumberFormat:
 * the first Intl formatter a process makes pages in several MB of ICU locale data, for two formats.
 */
export function formatNumber(n: number, digits = 1): string {
  const fixed = (Math.round(Math.abs(n) * 10 ** digits) / 10 ** digits).toFixed(digits);
  const [int = '0', frac = ''] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, ',');
  const decimals = frac.replace(/0+$/, '');
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${decimals ? `.${decimals}` : ''}`;
}
const fmt = (n: number): string => formatNumber(n, 1);
/** Percentages to the whole number: "1,978%" reads better than "1,978.2%" and is as precise as the data. */
const pct = (n: number): string => `${formatNumber(n, 0)}%`;

export interface FoodFacts {
  upperLimitMcg: number;
}

export const foodFacts = (kb: KnowledgeBase): FoodFacts => ({ upperLimitMcg: kb.facts.upperLimit.adultMcg });

/** An amber sidebar, so a food near or above the upper limit stands out in a busy channel. */
const SAFETY_COLOUR = 0xe8a33d;

/** Which table a row comes from: ODS rows are curated per serving, USDA rows are scaled from per 100 g. */
const TABLE_LABEL = { ods: 'NIH ODS food table', usda: 'USDA SR26 food table' } as const;

export interface FoodRenderOptions {
  /** What the member typed, echoed (escaped) when the food is unknown. */
  query: string;
  /** The servings the answer was asked for: their total is the second amount line of the engine's text. */
  servings?: number;
}

/** The quote citation whose sentence a line of the engine's text spells out, and where. */
function quoteIn(line: string, citations: readonly Citation[]): { citation: Citation; at: number; end: number } | null {
  for (const citation of citations) {
    if (citation.kind !== 'quote') continue;
    for (const q of [`"${citation.quote}"`, `“${citation.quote}”`]) {
      const at = line.indexOf(q);
      if (at >= 0) return { citation, at, end: at + q.length };
    }
  }
  return null;
}

/**
 * The engine's food text laid out for an embed. Every figure and comparison is the engine's own; only the
 * presentation changes: the name that opens the text is the title, so it is dropped here; the amount lines
 * are bold; article sentences become block quotes linked to where they stand; the source line is left out,
 * since it is shown as a link of its own.
 */
function foodDescription(answer: Answer, name: string | null, amountLines: number): string {
  const lines = answer.text.split('\n').filter((l) => l.trim() && !l.startsWith('Source:'));
  const prefix = name ? `${name}: ` : null;
  const first = lines[0];
  if (first !== undefined && prefix && first.startsWith(prefix)) {
    const rest = first.slice(prefix.length);
    lines[0] = rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  const shown = new Set<Citation>();
  const blocks = lines.map((line, i) => {
    const found = quoteIn(line, answer.citations);
    if (!found) return i < amountLines ? `**${safe(line)}**` : safe(line);
    shown.add(found.citation);
    const before = line.slice(0, found.at).trim();
    const after = line.slice(found.end).trim();
    const quoted = [before && safe(before), renderCitation(found.citation), after && safe(after)];
    // A blank line before it keeps the quote from reading as part of the figures above.
    return `${i > 0 ? '\n' : ''}${quoted.filter(Boolean).join('\n')}`;
  });
  // A quote the text does not spell out is still shown, with its link, rather than dropped.
  for (const c of answer.citations) if (c.kind === 'quote' && !shown.has(c)) blocks.push(renderCitation(c));
  return blocks.join('\n');
}

/** /food "not found": the member's query echoed safely, with the closest foods when there are any. */
function foodNotFound(food: FoodResult, query: string): ReplyPayload {
  const lines = [`**${echo(query, 100) || 'That'}** is not in my food table.`];
  if (food.suggestions.length) {
    lines.push(`Closest foods I know: ${food.suggestions.slice(0, 5).map(safe).join(', ')}.`);
    lines.push('Try `/food` again and pick one from the list as you type.');
  }
  return payload(`${lines.join('\n')}\n-# ${DISCLAIMER}`);
}

/**
 * /food: the engine's food answer (`engine.foodAnswer`, the text chat and `selene food` show) as an embed:
 * the food as title, its table above it, the amount lines first, the safety line in its own field when the
 * engine gives one, and every citation as a link. `food` is the lookup the answer was asked for by id; it
 * gives the name, the table and the suggestions when the food is unknown.
 */
export function renderFood(
  food: FoodResult,
  answer: Answer | null,
  { query, servings = 1 }: FoodRenderOptions,
): ReplyPayload {
  if (!food.found || !answer?.answered) return foodNotFound(food, query);
  const data = answer.citations.filter((c) => c.kind === 'data');
  // The food's own table row is the source; other data (the upper limit) backs the safety line.
  const source = data.find((c) => c.sourceId === food.source?.id) ?? data[0];
  const backing = data.filter((c) => c !== source);
  const sourceLine = answer.text.split('\n').find((l) => l.startsWith('Source:'));
  const sourceLabel =
    sourceLine?.replace(/^Source:\s*/, '').replace(/\.$/, '') || source?.section || food.source?.title;
  const sourceValue = [
    sourceLabel ? link(sourceLabel, source?.url ?? food.source?.url ?? null) : '',
    ...(answer.safety ? [] : backing.map((c) => link(c.section, c.url))),
  ].filter(Boolean);
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (answer.safety) {
    const refs = backing.map((c) => `— ${link(c.section, c.url)}`);
    fields.push({ name: '⚠️ Upper limit', value: [safe(answer.safety), ...refs].join('\n') });
  }
  if (sourceValue.length) fields.push({ name: 'Source', value: sourceValue.join('\n') });
  const embed = clampEmbed<APIEmbed>({
    title: food.name || query,
    ...(food.table ? { author: { name: TABLE_LABEL[food.table] } } : {}),
    description: foodDescription(answer, food.name, servings === 1 ? 1 : 2),
    color: answer.safety ? SAFETY_COLOUR : BRAND_COLOUR,
    fields,
    footer: { text: answer.disclaimer || DISCLAIMER },
  });
  return payload('', { embeds: [embed] });
}

export function renderComparison(cmp: FoodComparison): ReplyPayload {
  const lines = [safe(cmp.text)];
  for (const f of [cmp.a, cmp.b]) {
    if (!f.found && f.suggestions.length) {
      lines.push(
        `Not in my table${f.name ? ` (${safe(f.name)})` : ''}; closest: ${f.suggestions.slice(0, 3).map(safe).join(', ')}.`,
      );
    }
  }
  const sources = [cmp.a.source, cmp.b.source].filter(
    (s, i, all): s is NonNullable<typeof s> => s !== null && all.findIndex((t) => t?.id === s.id) === i,
  );
  for (const s of sources) lines.push(`-# Source: ${link(s.title, s.url)}`);
  lines.push(`-# ${DISCLAIMER}`);
  return payload(truncate(lines.join('\n'), LIMITS.content));
}

/** /food top view: the richest foods (per serving), optionally within a category word. */
export function renderTopFoods(foods: FoodResult[], category: string, facts: FoodFacts): ReplyPayload {
  const what = category ? echo(category, 40) : 'foods';
  if (!foods.length) return payload(`I found no ${what} in my food tables.\n-# ${DISCLAIMER}`);
  const lines = [`**Richest ${what} in selenium** (per serving)`];
  foods.forEach((f, i) => {
    const dv = f.percentDailyValue === null ? '' : ` (${pct(f.percentDailyValue)} DV)`;
    lines.push(
      `${i + 1}. ${safe(f.name ?? '')}${f.serving ? ` · ${safe(f.serving)}` : ''}: **${fmt(f.mcg ?? 0)} mcg**${dv}`,
    );
  });
  if (foods.some((f) => (f.mcg ?? 0) > facts.upperLimitMcg)) {
    lines.push(
      `⚠️ More than ${fmt(facts.upperLimitMcg)} mcg a day (the adult upper limit) can cause selenium toxicity.`,
    );
  }
  const sources = new Map(foods.flatMap((f) => (f.source ? [[f.source.id, f.source] as const] : [])));
  for (const s of sources.values()) lines.push(`-# Source: ${link(s.title, s.url)}`);
  lines.push(`-# ${DISCLAIMER}`);
  return payload(truncate(lines.join('\n'), LIMITS.content));
}
