import type { Answer } from './types.js';

// "where in the article?", "which part of the article?", "which section is that in": the member wants
// where the last answer's quotes stand, so the answer names their sections (with a deep link to the first
// quote of each) before the quotes themselves. Not the article's outline, which names no answer.

/** Words asking for a place in the article. */
const PLACE_WORDS = new Set('part parts section sections paragraph paragraphs heading headings bit'.split(' '));
/** Words such a question may have besides: it asks of the last answer and names nothing of its own. */
const WHERE_FILLER = new Set(
  `where which what whats in of on under the a is are was that this it those these them they article text page
post does do did say says said mention mentions mentioned find found can could i you exactly again from come
comes talk talks about`.split(/\s+/),
);

const BACK = new Set('that this it those these them'.split(' '));

/** Whether a message (normalised words) asks only where in the article the last answer is. */
export function asksWhereInArticle(ws: readonly string[]): boolean {
  if (!ws.length || !ws.every((w) => PLACE_WORDS.has(w) || WHERE_FILLER.has(w))) return false;
  const place = ws.some((w) => PLACE_WORDS.has(w));
  // "what part is that in" points back; "what are the sections" asks for the outline.
  const back = ws.some((w) => BACK.has(w));
  const asked = ws.some((w) => w === 'where' || w === 'which' || (back && (w === 'what' || w === 'whats')));
  // "where in the article?", "where does the article say that": a where before the article; "which part?".
  return asked && (place || (ws.includes('where') && ws.some((w) => w === 'article' || w === 'text' || w === 'page')));
}

/** The answer led by the sections its article quotes stand in; null when it quotes none. */
export function withSections(answer: Answer): Answer | null {
  const quoted = answer.citations.filter((c) => c.kind === 'quote');
  if (!quoted.length) return null;
  const sections = new Map<string, string | null>();
  for (const c of quoted) if (!sections.has(c.section)) sections.set(c.section, c.url);
  const named = [...sections].map(([section, url]) => (url ? `“${section}” (${url})` : `“${section}”`));
  const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0];
  const lead = `In the article, that is in the section${named.length > 1 ? 's' : ''} ${list}.`;
  return { ...answer, text: `${lead}\n\n${answer.text}` };
}
