import type { APIEmbed } from 'discord.js';
import { DISCLAIMER } from '../../engine/index.js';
import type { Answer, Citation, FoodAnswerParts, FoodComparison, FoodResult } from '../../engine/types.js';
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
}

/** The quote citation of an article sentence the food answer names (its section and deep link). */
const quoteCitation = (answer: Answer, quote: string): Citation | undefined =>
  answer.citations.find((c) => c.kind === 'quote' && c.quote === quote);

/**
 * A food answer's body from its parts: the amount lines bold (the first without the name, which a title
 * shows), further facts, then the article's sentences naming the food as linked block quotes, each with
 * its note. The source is not here: it is named once, by the caller.
 */
export function foodBody(answer: Answer, food: FoodAnswerParts, options: { nameInTitle: boolean }): string {
  const last = food.amounts.length - 1;
  const amounts = food.amounts.map((line, i) => {
    const prefix = `${food.name}: `;
    const shown =
      i === 0 && options.nameInTitle && line.startsWith(prefix)
        ? `${line.charAt(prefix.length).toUpperCase()}${line.slice(prefix.length + 1)}`
        : line;
    // The amounts stand out; the comparison with the RDA and the limit that closes them reads as a remark.
    return i < last || last === 0 ? `**${safe(shown)}**` : safe(shown);
  });
  const blocks = [amounts.join('\n'), ...food.notes.map(safe)];
  for (const m of food.mentions) {
    // Every mention is one of the answer's quote citations; one that is not is never shown unlinked.
    const cited = quoteCitation(answer, m.quote);
    if (!cited) continue;
    blocks.push(`The article says:\n${renderCitation(cited)}`);
    if (m.note) blocks.push(safe(m.note));
  }
  return blocks.join('\n\n');
}

/** The table the figures come from, and the upper limit's source when the answer warns about it. */
function sourceLinks(answer: Answer, food: FoodAnswerParts): string[] {
  // The food's own table row is the first data citation; the ones after it back the safety line.
  const [, ...backing] = answer.citations.filter((c) => c.kind === 'data');
  const limit = answer.safety ? backing : [];
  return [link(food.source.label, food.source.url), ...limit.map((c) => link(c.section, c.url))];
}

/** A food answer in chat (a mention, /ask): its body, the safety line if asked for, then its source once. */
export function foodBlocks(answer: Answer, food: FoodAnswerParts, options: { safety: boolean }): string[] {
  const [source = '', ...limit] = sourceLinks(answer, food);
  const warning = options.safety && answer.safety ? [`⚠️ ${safe(answer.safety)}`] : [];
  return [foodBody(answer, food, { nameInTitle: false }), ...warning, `-# Source: ${[source, ...limit].join(' · ')}`];
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
export function renderFood(food: FoodResult, answer: Answer | null, { query }: FoodRenderOptions): ReplyPayload {
  if (!food.found || !answer?.answered || !answer.food) return foodNotFound(food, query);
  const parts = answer.food;
  const [source = '', ...limit] = sourceLinks(answer, parts);
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (answer.safety) {
    fields.push({ name: '⚠️ Upper limit', value: [safe(answer.safety), ...limit.map((l) => `— ${l}`)].join('\n') });
  }
  fields.push({ name: 'Source', value: source });
  const embed = clampEmbed<APIEmbed>({
    title: food.name || query,
    ...(food.table ? { author: { name: TABLE_LABEL[food.table] } } : {}),
    description: foodBody(answer, parts, { nameInTitle: true }),
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
