import type { Answer, Citation, FoodComparison, FoodResult, Topic } from '../engine/types.js';
import type { KnowledgeBase } from '../knowledge/types.js';

// Pure text rendering for the terminal. Nothing here reads or writes; commands decide where text goes.

// C0/C1 controls (except newline and tab) and bidi overrides: echoed text must not move the cursor,
// recolour the terminal or reorder what the reader sees.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text that is safe to print to a terminal. */
export const clean = (s: string): string => s.replace(UNSAFE, '');

/** Greedy word wrap; words longer than the width stay whole rather than being cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}

const quoteBlock = (text: string, width: number): string =>
  wrap(clean(text), width - 2)
    .map((l) => `> ${l}`)
    .join('\n');

const bullet = (text: string, width: number): string =>
  wrap(clean(text), width - 4)
    .map((l, i) => (i === 0 ? `  • ${l}` : `    ${l}`))
    .join('\n');

const link = (url: string | null): string => (url ? ` ${url}` : '');

const quoteWithSource = (c: Citation, width: number): string =>
  `${quoteBlock(c.quote, width)}\n  — ${clean(c.section)}${link(c.url)}`;

// Opening and closing quotation marks the engine may put around a quote inside its text.
const OPENERS = /[\s“"‘']+$/;
const CLOSERS = /^[”"’']+/;
// What is left between quotes that is not worth a paragraph of its own ("." after a closing mark).
const isFiller = (s: string): boolean => !/[\p{L}\p{N}]/u.test(s);

/**
 * The answer text with each article quote it contains lifted out into a block with its section and link,
 * so "The article says: “...” It also says: “...”" reads as lead-ins and blocks, without printing every
 * quote twice. Quotes the text does not contain follow as blocks of their own.
 */
function textWithQuoteBlocks(text: string, quotes: Citation[], width: number): string[] {
  const parts: string[] = [];
  const placed = new Set<Citation>();
  let rest = text;
  for (;;) {
    const next = quotes
      .filter((c) => !placed.has(c))
      .map((c) => ({ c, at: rest.indexOf(c.quote) }))
      .filter((x) => x.at >= 0)
      .sort((x, y) => x.at - y.at)[0];
    if (!next) break;
    const before = rest.slice(0, next.at).replace(OPENERS, '');
    if (!isFiller(before)) parts.push(wrap(clean(before.trim()), width).join('\n'));
    parts.push(quoteWithSource(next.c, width));
    placed.add(next.c);
    rest = rest.slice(next.at + next.c.quote.length).replace(CLOSERS, '');
  }
  if (!isFiller(rest)) parts.push(wrap(clean(rest.trim()), width).join('\n'));
  for (const c of quotes) if (!placed.has(c)) parts.push(quoteWithSource(c, width));
  return parts;
}

/** One answer's text with its quotes as blocks, then its data sources. */
function textAndSources(answer: Pick<Answer, 'text' | 'citations'>, width: number): string[] {
  const quotes = answer.citations.filter((c) => c.kind === 'quote');
  const data = answer.citations.filter((c) => c.kind === 'data');
  const blocks = textWithQuoteBlocks(answer.text, quotes, width);
  if (data.length) {
    const sources = data.map((c) => `${bullet(c.quote, width)}\n    — ${clean(c.section)}${link(c.url)}`);
    blocks.push(`Sources:\n${sources.join('\n')}`);
  }
  return blocks;
}

/**
 * A message that asked several questions: each part under its numbered heading with its own quotes, then
 * what the top-level text says beyond the parts (what the article does not cover).
 */
function questionsBlocks(answer: Answer, width: number): string[] {
  const parts = answer.parts ?? [];
  const blocks = parts.flatMap((p, i) => [
    `${i + 1}. ${clean(p.heading)}\n${'-'.repeat(Math.min(width, p.heading.length + 3))}`,
    ...textAndSources(p, width),
  ]);
  const rest = parts.reduce((text, p) => text.replace(`${p.heading}: ${p.text}`, ''), answer.text).trim();
  if (rest) blocks.push(wrap(clean(rest), width).join('\n'));
  return blocks;
}

/** A readable answer: text, quotes as blocks with section and link, research notes, safety, disclaimer. */
export function formatAnswer(answer: Answer, width = 80): string {
  const parts = answer.parts?.length ? questionsBlocks(answer, width) : textAndSources(answer, width);

  // Plain definitions of the quotes' terms, right after the quotes they explain, each with its source.
  if (answer.glossary?.length) {
    const notes = answer.glossary.map(
      (g) => `${bullet(`${g.term}: ${g.definition}`, width)}\n    — ${clean(g.sourceTitle)}${link(g.url)}`,
    );
    parts.push(`In plain words:\n${notes.join('\n')}`);
  }

  if (answer.evidence.length) {
    const notes = answer.evidence.map((e) => `${bullet(e.text, width)}\n    — ${clean(e.sourceTitle)}${link(e.url)}`);
    parts.push(`What other research says:\n${notes.join('\n')}`);
  }

  if (answer.suggestions.length) {
    const heading = answer.answered ? 'Related:' : 'Did you mean:';
    const items = answer.suggestions.map((s, i) => `  ${i + 1}. ${clean(s.title)}: "${clean(s.question)}"`);
    parts.push(`${heading}\n${items.join('\n')}`);
  }

  const footer = [answer.safety, answer.disclaimer].filter((l): l is string => Boolean(l)).map(clean);
  if (footer.length) parts.push(footer.map((l) => wrap(l, width).join('\n')).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

const percent = (n: number | null): string => (n === null ? '' : ` (${Math.round(n)}% of the Daily Value)`);

/** One food, or "not in my table" with the closest names. `query` is what the member typed. */
export function formatFood(result: FoodResult, query: string): string {
  if (!result.found) {
    const lines = [`"${clean(query).trim()}" is not in my food table.`];
    if (result.suggestions.length) lines.push(`Closest: ${result.suggestions.map(clean).join(', ')}`);
    return `${lines.join('\n')}\n`;
  }
  const lines = [
    `${clean(result.name ?? '')}: ${result.mcg ?? '?'} mcg selenium per ${clean(result.serving ?? 'serving')}${percent(result.percentDailyValue)}`,
  ];
  if (result.per100g !== null && !result.notes.some((n) => n.includes('100 g')))
    lines.push(`Per 100 g: ${result.per100g} mcg`);
  for (const note of result.notes) lines.push(...wrap(`Note: ${clean(note)}`, 80));
  if (result.source) lines.push(`Source: ${clean(result.source.title)}${link(result.source.url)}`);
  if (result.suggestions.length) lines.push(`See also: ${result.suggestions.map(clean).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

const truncate = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A plain text table: left-aligned columns, numbers (and `right` columns) right-aligned, long cells cut. */
export function formatTable(
  headers: string[],
  rows: (string | number)[][],
  { maxCell = 60, right = [] }: { maxCell?: number; right?: number[] } = {},
): string {
  const cells = rows.map((row) => row.map((c) => truncate(clean(String(c)), maxCell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const numeric = headers.map(
    (_, i) => right.includes(i) || (rows.length > 0 && rows.every((r) => typeof r[i] === 'number')),
  );
  const line = (row: string[]) =>
    row
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** The richest foods, as a table. */
export function formatTopFoods(foods: FoodResult[], category?: string): string {
  const title = category ? `Richest foods in selenium: ${clean(category)}` : 'Richest foods in selenium';
  if (!foods.length) return `${title}: no foods found.\n`;
  // The curated table ranks per serving and USDA per 100 g: one table per unit, so neither looks unsorted.
  const curated = foods.filter((f) => f.table !== 'usda');
  const usda = foods.filter((f) => f.table === 'usda');
  const dv = (f: FoodResult) => (f.percentDailyValue === null ? '' : `${Math.round(f.percentDailyValue)}%`);
  const parts = [title];
  if (curated.length) {
    const rows = curated.map((f, i) => [i + 1, f.name ?? '', f.serving ?? '', f.mcg ?? 0, dv(f)]);
    parts.push('Per serving (NIH ODS):', formatTable(['#', 'food', 'serving', 'mcg', 'DV'], rows, { right: [4] }));
  }
  if (usda.length) {
    const rows = usda.map((f, i) => [i + 1, f.name ?? '', f.per100g ?? 0]);
    parts.push('Per 100 g (USDA SR26):', formatTable(['#', 'food', 'mcg/100 g'], rows, { right: [2] }));
  }
  return `${parts.join('\n')}\n`;
}

export function formatComparison(c: FoodComparison, queries: [string, string]): string {
  return [wrap(clean(c.text), 80).join('\n'), '', formatFood(c.a, queries[0]).trimEnd(), formatFood(c.b, queries[1])]
    .join('\n')
    .replace(/\n*$/, '\n');
}

export function formatTopics(topics: Topic[]): string {
  const lines = topics.map((t) => `  • ${clean(t.title)}: "${clean(t.question)}"`);
  return `What I can answer (${topics.length} topics):\n${lines.join('\n')}\n`;
}

/** The `kb check` success line: what was loaded, so a curator sees their change was counted. */
export function formatKnowledgeSummary(kb: KnowledgeBase): string {
  const n = (count: number, what: string) => `${count.toLocaleString('en-US')} ${what}`;
  return `ok: ${[
    n(kb.entries.length, 'entries'),
    n(kb.foods.length, 'foods'),
    n(kb.usda.foods.length, 'USDA foods'),
    n(kb.article.resolvedSections.length, 'sections'),
    n(kb.references.length, 'references'),
    n(kb.related.length, 'related links'),
  ].join(', ')}; JSON Schemas up to date\n`;
}
