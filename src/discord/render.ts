import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
} from 'discord.js';
import { DISCLAIMER } from '../engine/index.js';
import type { Answer, Citation, FoodComparison, FoodResult, Topic } from '../engine/types.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { encodeCustomId, voteCustomId } from './custom-ids.js';
import { clampEmbed, LIMITS, paginate, truncate, truncateWords } from './limits.js';

// Pure: engine results and knowledge in, Discord message payloads (API shape) out. No client, no I/O,
// so every layout decision is unit-tested without a gateway.

export interface AllowedMentions {
  /** Always empty: no @everyone, @here, role or user ping is ever parsed from the text. */
  parse: [];
  /** The only users that may be pinged (the /ask `user` option). */
  users: string[];
  /** Replies do not ping the member they answer: the reply arrow already shows whom it is for. */
  replied_user: boolean;
}

export interface ReplyPayload {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: AllowedMentions;
}

export { DISCLAIMER };

const BRAND_COLOUR = 0x8fbc8f;

export const noMentions = (users: string[] = []): AllowedMentions => ({ parse: [], users, replied_user: false });

/** A plain reply: text only, no embeds or buttons, pinging nobody. */
export const payload = (content: string, extra: Partial<ReplyPayload> = {}): ReplyPayload => ({
  content,
  embeds: [],
  components: [],
  allowed_mentions: noMentions(),
  ...extra,
});

// Format characters (bidi overrides and isolates, zero-width spaces and joiners, BOM) are invisible or
// reorder text, so they could disguise what a member typed when it is echoed; controls become spaces.
/** Cleans member text for display: invisible characters removed, controls and whitespace collapsed. */
export const cleanText = (text: string): string =>
  text
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();

/**
 * escapeMarkdown plus what it leaves alone: headings and lists, and masked links (its own option escapes only
 * the first one), since a masked link echoed from a member would be a clickable disguised link in Selene's
 * own message. Backslashes are escaped first, so a member's `\[` cannot undo ours.
 */
const escapeAll = (text: string): string =>
  escapeMd(text, { heading: true, bulletedList: true, numberedList: true }).replace(/\[/g, '\\[');

/**
 * Every rule escapeMarkdown applies (with or without the heading and list options) needs one of these to
 * match; most quotes and food names contain none, and its italic lookbehinds were ~10% of a busy bot's CPU.
 */
const MARKDOWN_TRIGGER = /[\\`*_~|#]|^ *-|^ *\d+\./m;

/** escapeMarkdown, skipped when it could not change the text (same output either way). */
export const escapeMd = (text: string, options?: Parameters<typeof escapeMarkdown>[1]): string =>
  MARKDOWN_TRIGGER.test(text) ? escapeMarkdown(text, options) : text;

/**
 * Member text made safe to show inside our own message: invisible characters removed, markdown escaped
 * (so `**`, code fences or masked links show literally), and mentions shown as plain text with a full-width
 * at sign (allowed_mentions already stops any ping; this stops echoed text even looking like one).
 */
export const echo = (text: string, max = 200): string =>
  escapeAll(truncateWords(cleanText(text), max))
    .replace(/@(everyone|here)/g, '＠$1')
    .replace(/<@&\d+>/g, '＠role')
    .replace(/<@!?\d+>/g, '＠user');

/** Our own (engine/knowledge) text: trusted, but escaped so stray `*` or `_` cannot restyle it. */
const safe = escapeAll;

/** A masked link whose URL is wrapped in <> so Discord does not add a preview card for every citation. */
const link = (label: string, url: string | null): string =>
  url ? `[${escapeMd(label).replace(/[[\]]/g, '')}](<${linkTarget(url)}>)` : safe(label);

/** Percent-encodes what could end the link early (`)`, `>`, spaces); browsers decode it, text fragments too. */
const linkTarget = (url: string): string =>
  url.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

const blockQuote = (text: string): string =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

const renderCitation = (c: Citation): string =>
  blockQuote(`${c.kind === 'quote' ? `“${safe(c.quote)}”` : safe(c.quote)}\n— ${link(c.section, c.url)}`);

const buttonRow = (
  buttons: APIButtonComponentWithCustomId[],
): APIActionRowComponent<APIButtonComponentWithCustomId>[] =>
  buttons.length ? [{ type: ComponentType.ActionRow, components: buttons.slice(0, LIMITS.buttonsPerRow) }] : [];

const button = (
  label: string,
  customId: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
  disabled = false,
): APIButtonComponentWithCustomId => ({
  type: ComponentType.Button,
  style,
  label: truncate(label, LIMITS.buttonLabel),
  custom_id: customId,
  disabled,
});

export interface AnswerRenderOptions {
  /** The member's question, echoed (escaped) above the answer when the reply does not show it (slash commands). */
  question?: string;
  /** Member the answer is for: mentioned at the top and the only user allowed to be pinged. */
  forUserId?: string;
  /** 0-based page of a long answer. */
  page?: number;
  /**
   * Adds 👍 / 👎 buttons (first page of an answered question) voting on this answer, identified by
   * `answerId`. Absent when votes cannot be stored.
   */
  feedback?: { answerId: string };
}

export const MAX_SUGGESTIONS = 3;

/** Room kept on every page for the header, so page boundaries do not depend on it: a "More" click re-renders later pages without knowing the original question. */
const HEADER_BUDGET = 400;

function answerHeader(options: AnswerRenderOptions): string {
  const lines: string[] = [];
  if (options.forUserId) lines.push(`*Answer for <@${options.forUserId}>:*`);
  if (options.question !== undefined) lines.push(`**Question:** ${echo(options.question) || '(empty)'}`);
  return truncate(lines.join('\n'), HEADER_BUDGET - 2);
}

/**
 * The engine's text spells out the first quotes inline (for the terminal). On Discord the quotes are shown
 * as block quotes with their links, so they are taken out of the text: `lead` is what comes before the
 * first quote ("The article says:"), `after` any remark that follows them (e.g. the older Daily Value note).
 */
export function splitAnswerText(answer: Answer): { lead: string; after: string } {
  let text = answer.text;
  let first = -1;
  for (const c of answer.citations) {
    if (c.kind !== 'quote') continue;
    for (const q of [`“${c.quote}”`, `"${c.quote}"`]) {
      const at = text.indexOf(q);
      if (at < 0) continue;
      first = first < 0 ? at : Math.min(first, at);
      text = `${text.slice(0, at)} ${text.slice(at + q.length)}`;
      break;
    }
  }
  if (first < 0) return { lead: answer.text, after: '' };
  const lead = text.slice(0, first).trim();
  const after = text
    .slice(first)
    .replace(/\s*It also says:\s*/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return { lead, after };
}

/** The answer as text blocks, before paging: lead, quotes, remarks, data, safety, evidence, suggestions hint. */
function answerBlocks(answer: Answer): string[] {
  const { lead, after } = splitAnswerText(answer);
  const blocks = [safe(lead)];
  // Article quotes follow the lead ("The article says:"); reference data (food tables) comes after the remarks.
  for (const c of answer.citations) if (c.kind === 'quote') blocks.push(renderCitation(c));
  if (after) blocks.push(safe(after));
  for (const c of answer.citations) if (c.kind !== 'quote') blocks.push(renderCitation(c));
  if (answer.safety) blocks.push(`⚠️ ${safe(answer.safety)}`);
  if (!answer.answered && answer.suggestions.length) blocks.push('Did you mean one of these? Pick a button below.');
  return blocks;
}

/**
 * Other research goes in an embed on the first page, never behind "More": where the article overclaims,
 * the member must see the counterweight next to the claim, and the embed has room the content lacks.
 */
function researchEmbed(answer: Answer): APIEmbed[] {
  if (!answer.evidence.length) return [];
  const notes = answer.evidence.map((e) => `• ${safe(e.text)} — ${link(e.sourceTitle, e.url)}`).join('\n\n');
  return [
    { title: 'What other research says', description: truncate(notes, LIMITS.embedDescription), color: BRAND_COLOUR },
  ];
}

/**
 * An engine answer as a reply. Long answers are split into pages that fit the 2,000-character content
 * limit; each page after the first is reached with a "More" button whose custom id names the entry
 * and page, so it works after a restart. The disclaimer closes every page.
 */
export function renderAnswer(answer: Answer, options: AnswerRenderOptions = {}): ReplyPayload {
  const tail = `-# ${answer.disclaimer || DISCLAIMER}`;
  const room = LIMITS.content - HEADER_BUDGET - tail.length - ' · part 99 of 99'.length - 1;
  const body = answerBlocks(answer).join('\n\n');
  // Only an answer with an id can be re-created for a later page; otherwise it is cut to one page.
  const pages = answer.matchId ? paginate(body, room) : [truncate(body, room)];
  const page = Math.min(Math.max(options.page ?? 0, 0), pages.length - 1);
  const header = page === 0 ? answerHeader(options) : '';
  const part = pages.length > 1 ? ` · part ${page + 1} of ${pages.length}` : '';
  const content = `${header ? `${header}\n\n` : ''}${pages[page]}\n${tail}${part}`;

  const buttons: APIButtonComponentWithCustomId[] = [];
  if (page === 0) {
    const seen = new Set<string>();
    for (const s of answer.suggestions) {
      if (seen.has(s.id) || seen.size >= MAX_SUGGESTIONS) continue;
      seen.add(s.id);
      buttons.push(button(s.title, encodeCustomId({ kind: 'ask', id: s.id })));
    }
  }
  if (answer.matchId && page + 1 < pages.length) {
    buttons.push(
      button(
        `More (${page + 2}/${pages.length})`,
        encodeCustomId({ kind: 'more', id: answer.matchId, page: page + 1 }),
        ButtonStyle.Primary,
      ),
    );
  }
  return payload(content, {
    embeds: page === 0 ? researchEmbed(answer) : [],
    components: [...buttonRow(buttons), ...feedbackRow(answer, page, options.feedback)],
    allowed_mentions: noMentions(options.forUserId ? [options.forUserId] : []),
  });
}

/** Votes go on their own row, apart from "did you mean" and "More", and only where something was answered. */
function feedbackRow(
  answer: Answer,
  page: number,
  feedback: AnswerRenderOptions['feedback'],
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  if (!feedback || !answer.answered || page !== 0) return [];
  const up = voteCustomId('up', feedback.answerId, answer.matchId);
  const down = voteCustomId('down', feedback.answerId, answer.matchId);
  if (!up || !down) return [];
  return buttonRow([
    { ...button('Helpful', up), emoji: { name: '👍' } },
    { ...button('Not helpful', down), emoji: { name: '👎' } },
  ]);
}

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

/** /article: the article (or one section of it) as a rich embed, with related reading. */
export function renderArticle(kb: KnowledgeBase, sectionId: string | null): ReplyPayload {
  const { article } = kb;
  const section = sectionId ? article.resolvedSections.find((s) => s.id === sectionId) : undefined;
  const description = section
    ? [`**${safe(section.title)}**`, safe(section.summary), link('Jump to this section', section.url)].join('\n')
    : [
        'Selene answers questions from this article. Sections:',
        ...article.resolvedSections.map((s) => `• ${link(s.title, s.url)}`),
      ].join('\n');
  const related = kb.related.map((r) => `• ${link(r.title, r.url ?? null)} (${safe(r.publisher)})`);
  const embed: APIEmbed = clampEmbed({
    title: article.title,
    url: section?.url ?? article.url,
    author: { name: article.publisher },
    description,
    color: BRAND_COLOUR,
    fields: related.length ? [{ name: 'Related reading', value: related.join('\n') }] : [],
    footer: { text: 'Ask about it with /ask or by mentioning me. Not medical advice.' },
  });
  const unknown =
    sectionId && !section ? `I don't know a section called **${echo(sectionId, 80)}**; here is the whole article.` : '';
  return payload(unknown, { embeds: [embed] });
}

export const TOPICS_PER_PAGE = 8;

/** /topics: one page of what Selene knows, with prev/next buttons that carry the target page. */
export function renderTopics(topics: Topic[], page: number): ReplyPayload {
  const pages = Math.max(1, Math.ceil(topics.length / TOPICS_PER_PAGE));
  const p = Math.min(Math.max(page, 0), pages - 1);
  const shown = topics.slice(p * TOPICS_PER_PAGE, (p + 1) * TOPICS_PER_PAGE);
  const description = shown.length
    ? shown
        .map(
          (t) => `**${safe(t.title)}**${t.kind === 'related' ? ' (related reading)' : ''}\n-# try: ${safe(t.question)}`,
        )
        .join('\n')
    : 'No topics loaded.';
  const embed = clampEmbed<APIEmbed>({
    title: `What I can answer (${topics.length} topics)`,
    description,
    color: BRAND_COLOUR,
    footer: { text: `Page ${p + 1} of ${pages} · ask with /ask or mention me` },
  });
  const components = buttonRow([
    button(
      '◀ Previous',
      encodeCustomId({ kind: 'topics', page: Math.max(p - 1, 0), dir: 'p' }),
      ButtonStyle.Secondary,
      p === 0,
    ),
    button(
      'Next ▶',
      encodeCustomId({ kind: 'topics', page: Math.min(p + 1, pages - 1), dir: 'n' }),
      ButtonStyle.Secondary,
      p >= pages - 1,
    ),
  ]);
  return payload('', { embeds: [embed], components });
}

export function renderHelp(articleTitle: string): ReplyPayload {
  const embed = clampEmbed<APIEmbed>({
    title: 'Selene: questions about one selenium article',
    description: [
      `I answer from **${safe(articleTitle)}**, quoting it word for word with links to the quoted sentence. When the article does not cover something, I say so.`,
      '',
      '**Ask**: mention me with a question (`@Selene does selenium help with flu?`), DM me, or use `/ask`.',
      '`/ask question [private] [user]`: answer (only you see it with `private`; `user` mentions who it is for).',
      '`/food food [servings] [compare]`: selenium in a food, % Daily Value, RDA and upper limit; `/food food: top fish` lists the richest.',
      '`/article [section]`: the article link and a section summary, plus related reading.',
      '`/topics`: browse everything I know.',
      'Right-click a message → Apps → **Ask Selene**: answer that message.',
    ].join('\n'),
    color: BRAND_COLOUR,
    footer: { text: DISCLAIMER },
  });
  return payload('', { embeds: [embed] });
}

export interface KnownLink {
  kind: 'article' | 'related';
  title: string;
  url: string;
  publisher: string;
  /** Shown under the title: at most two lines. */
  summary: string;
  /** Section buttons (article only). */
  sections: { id: string; title: string }[];
}

/** Two short lines at most, whatever the source text's length. */
const TWO_LINES = 2 * 110;

/** A compact card for a link to the article (or related reading): title, two-line summary, sections as buttons. */
export function renderLinkCard(link: KnownLink): ReplyPayload {
  const embed = clampEmbed<APIEmbed>({
    title: link.title,
    url: link.url,
    author: { name: link.publisher },
    description: truncateWords(link.summary, TWO_LINES),
    color: BRAND_COLOUR,
    footer: {
      text:
        link.kind === 'article'
          ? 'Pick a section for its summary, or ask me about it. Not medical advice.'
          : 'Related reading. Ask me about the article it follows with /ask.',
    },
  });
  const buttons = link.sections
    .slice(0, LIMITS.buttonsPerRow * 2)
    .map((s) => button(s.title, encodeCustomId({ kind: 'section', id: s.id })));
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push(...buttonRow(buttons.slice(i, i + LIMITS.buttonsPerRow)));
  }
  return payload('', { embeds: [embed], components: rows });
}

/** A section button's answer: its summary and the link that jumps to it. */
export function renderSection(kb: KnowledgeBase, sectionId: string): ReplyPayload | null {
  const section = kb.article.resolvedSections.find((s) => s.id === sectionId);
  if (!section) return null;
  return payload(
    [
      `**${safe(section.title)}** · ${safe(kb.article.title)}`,
      safe(section.summary),
      link('Read this section', section.url),
      `-# ${DISCLAIMER}`,
    ].join('\n'),
  );
}

export const notices = {
  emptyMention: (): ReplyPayload =>
    payload(
      'Ask me something after the mention, e.g. “@Selene does selenium help the immune system?” — or try `/help`.',
    ),
  cooldown: (seconds: number): ReplyPayload =>
    payload(`Easy there! You can ask again in ${Math.max(1, Math.ceil(seconds))} s.`),
  error: (): ReplyPayload => payload('Something went wrong while answering. Please try again in a moment.'),
  unknownCommand: (name: string): ReplyPayload =>
    payload(`Unknown command \`${echo(name, 50).replace(/`/g, '')}\`. Try /help.`),
  expiredButton: (): ReplyPayload =>
    payload('This button no longer works (the knowledge changed since). Ask again with /ask or /topics.'),
  emptyTarget: (): ReplyPayload => payload('That message has no text I can read, so there is nothing to ask.'),
  shuttingDown: (): ReplyPayload => payload('Selene is restarting; please ask again in a few seconds.'),
  voteSaved: (vote: 'up' | 'down', previous: 'up' | 'down' | null): ReplyPayload =>
    payload(
      previous === null
        ? `Thanks — noted ${vote === 'up' ? '👍' : '👎'}. Curators use these votes to improve my answers.`
        : previous === vote
          ? `Thanks — noted ${vote === 'up' ? '👍' : '👎'} (you had already voted that way).`
          : `Thanks — changed your vote to ${vote === 'up' ? '👍' : '👎'}.`,
    ),
  voteNotSaved: (): ReplyPayload =>
    payload('Sorry, your vote could not be saved right now. The answer itself is unaffected; please try later.'),
};
