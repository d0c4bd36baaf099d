import { type APIEmbed, type APIEmbedField, embedLength } from 'discord.js';

// Every Discord limit Selene respects, in one place (https://discord.com/developers/docs/resources/message,
// .../interactions/application-commands, .../interactions/message-components). Renderers call the helpers
// below instead of slicing strings themselves.

export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthorName: 256,
  /** Sum of every embed's title, description, field names and values, footer and author in one message. */
  embedTotal: 6000,
  autocompleteChoices: 25,
  autocompleteChoiceName: 100,
  autocompleteChoiceValue: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  actionRows: 5,
  customId: 100,
  /** Slash command string option length we accept (Discord allows up to 6000). */
  questionOption: 500,
  /** Food names and section titles we accept in a slash command option (autocomplete values are at most 100). */
  nameOption: 100,
  /** Discord's own cap on a string option that declares no max_length. */
  stringOption: 6000,
  /** A thread's name (https://discord.com/developers/docs/resources/channel#start-thread-from-message). */
  threadName: 100,
} as const;

const ELLIPSIS = '…';

/** Cuts to at most `max` characters (code points never split), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - ELLIPSIS.length);
  // Do not leave half of a surrogate pair (emoji) at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}${ELLIPSIS}`;
}

/** Like truncate, but prefers to cut at a word boundary when one is reasonably close. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const hard = truncate(text, max);
  const body = hard.slice(0, -ELLIPSIS.length);
  const space = body.lastIndexOf(' ');
  return space > max * 0.6 ? `${body.slice(0, space).trimEnd()}${ELLIPSIS}` : hard;
}

/** Splits one line longer than `max` at spaces where possible, hard-cutting only unbroken runs. */
function splitLine(line: string, max: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const slice = rest.slice(0, max);
    const space = slice.lastIndexOf(' ');
    const at = space > max * 0.6 ? space : max;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  parts.push(rest);
  return parts;
}

/** Packs pieces into pages of at most `max`, joined with `sep`; a piece that fits no page is returned as overflow. */
function pack(pieces: string[], max: number, sep: string, overflow: (piece: string) => string[]): string[] {
  const pages: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const candidate = current ? `${current}${sep}${piece}` : piece;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current.trim()) pages.push(current);
    if (piece.length <= max) {
      current = piece;
      continue;
    }
    const parts = overflow(piece);
    current = parts.pop() ?? '';
    pages.push(...parts.filter((p) => p.trim()));
  }
  if (current.trim()) pages.push(current);
  return pages;
}

/**
 * Splits text into pages of at most `max` characters. Blocks (separated by blank lines: a quote with its
 * link, the research notes) stay whole when they fit on a page; only a block longer than a page is split
 * between lines, and only a line longer than a page is cut between words.
 */
export function paginate(text: string, max: number): string[] {
  const byLines = (block: string) => pack(block.split('\n'), max, '\n', (line) => splitLine(line, max));
  const pages = pack(text.split(/\n{2,}/), max, '\n\n', byLines).map((p) => p.trim());
  return pages.length ? pages : [''];
}

/** Applies every per-part embed limit; fields past the 25th or past the 6,000 total are dropped. */
export function clampEmbed<E extends APIEmbed>(embed: E): E {
  const out: E = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.embedFooter) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.embedAuthorName) };
  if (out.fields) {
    const fields: APIEmbedField[] = [];
    let total = embedLength({ ...out, fields: [] });
    for (const f of out.fields.slice(0, LIMITS.embedFields)) {
      const field = {
        ...f,
        name: truncate(f.name, LIMITS.embedFieldName),
        value: truncate(f.value, LIMITS.embedFieldValue),
      };
      if (total + field.name.length + field.value.length > LIMITS.embedTotal) break;
      total += field.name.length + field.value.length;
      fields.push(field);
    }
    out.fields = fields;
  }
  return out;
}

/**
 * Autocomplete choices cut to Discord's 25 of at most 100 characters each. A long value is cut at a word:
 * it is the question that gets asked, and its first 100 characters still match the same entry.
 */
export function clampChoices(choices: readonly { name: string; value: string }[]): { name: string; value: string }[] {
  return choices
    .filter((c) => c.value.trim().length > 0)
    .slice(0, LIMITS.autocompleteChoices)
    .map((c) => {
      const value = truncateWords(c.value, LIMITS.autocompleteChoiceValue);
      return { name: truncateWords(c.name, LIMITS.autocompleteChoiceName) || value, value };
    });
}
