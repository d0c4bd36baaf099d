import { escapeMarkdown } from 'discord.js';
import { truncateWords } from '../limits.js';

// The security-critical part of rendering: every piece of text that reaches a message goes through one of
// the functions here. Member text can arrive directly (the question, a /food value) or inside engine text
// that quotes it ("I couldn't find "…" in my food tables."), so our own text is neutralised the same way:
// nothing a member typed may render as a mention, a masked link, a heading or any other markdown.

// Format characters (bidi overrides and isolates, zero-width spaces and joiners, BOM) are invisible or
// reorder text, so they could disguise what a member typed when it is echoed; controls become spaces.
/** Cleans member text for display: invisible characters removed, controls and whitespace collapsed. */
export const cleanText = (text: string): string =>
  text
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim();

/**
 * Every rule escapeMarkdown applies (with or without the heading and list options) needs one of these to
 * match; most quotes and food names contain none, and its italic lookbehinds were ~10% of a busy bot's CPU.
 */
const MARKDOWN_TRIGGER = /[\\`*_~|#]|^ *-|^ *\d+\./m;

/** escapeMarkdown, skipped when it could not change the text (same output either way). */
export const escapeMd = (text: string, options?: Parameters<typeof escapeMarkdown>[1]): string =>
  MARKDOWN_TRIGGER.test(text) ? escapeMarkdown(text, options) : text;

/** What a mention looks like once neutralised: a full-width at sign, never Discord's mention syntax. */
const MENTIONS: readonly [RegExp, string][] = [
  [/@(everyone|here)/g, '＠$1'],
  [/<@&\d+>/g, '＠role'],
  [/<@!?\d+>/g, '＠user'],
  [/<#\d+>/g, '＃channel'],
  // Slash-command mentions (`</food:123>`) are clickable too.
  [/<\/[^<>\n]{1,100}:\d+>/g, '／command'],
];

/** Cheap pre-check: every pattern above needs one of these characters. */
const MENTION_TRIGGER = /[@<]/;

/**
 * Text made safe to show inside our own message: markdown escaped (headings and lists too), masked links
 * broken (escapeMarkdown's own option escapes only the first one, so every `[` is escaped), and mentions of
 * users, roles, channels, commands and @everyone/@here shown as plain text. allowed_mentions already stops
 * every ping; this stops echoed text even looking like one. Backslashes are escaped first, so a member's `\[`
 * cannot undo ours.
 */
export function neutralise(text: string): string {
  let out = escapeMd(text, { heading: true, bulletedList: true, numberedList: true }).replace(/\[/g, '\\[');
  if (MENTION_TRIGGER.test(out)) for (const [pattern, plain] of MENTIONS) out = out.replace(pattern, plain);
  return out;
}

/** Member text echoed in our message: cleaned, cut at a word to `max` characters, then neutralised. */
export const echo = (text: string, max = 200): string => neutralise(truncateWords(cleanText(text), max));

/**
 * Our own (engine and knowledge) text. Trusted, but it may quote what a member typed, so it is neutralised
 * exactly like an echo (a stray `*` or `_` cannot restyle it either).
 */
export const safe = neutralise;

/** A masked link whose URL is wrapped in <> so Discord does not add a preview card for every citation. */
export const link = (label: string, url: string | null): string =>
  url ? `[${escapeMd(label).replace(/[[\]]/g, '')}](<${linkTarget(url)}>)` : safe(label);

/** Percent-encodes what could end the link early (`)`, `>`, spaces); browsers decode it, text fragments too. */
const linkTarget = (url: string): string =>
  url.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

export const blockQuote = (text: string): string =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
