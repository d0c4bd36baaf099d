import { type APIEmbed, embedLength } from 'discord.js';
import type { Answer } from '../../engine/types.js';
import { LIMITS, truncate } from '../limits.js';
import { BRAND_COLOUR } from './payload.js';
import { link, safe } from './text.js';

/** Below this much room, a cut glossary would say too little to be worth showing. */
const MIN_ROOM = 200;

/**
 * The embeds an answer already has, then its glossary ("In plain words"): the terms of its quotes defined,
 * each with its source. Kept within what room the other embeds leave of the message's embed total.
 */
export function withGlossary(answer: Answer, embeds: APIEmbed[]): APIEmbed[] {
  const glossary = answer.glossary ?? [];
  if (!glossary.length) return embeds;
  const title = 'In plain words';
  const used = embeds.reduce((n, e) => n + embedLength(e), 0);
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - used - title.length);
  if (room < MIN_ROOM) return embeds;
  const notes = glossary
    .map((g) => `• **${safe(g.term)}**: ${safe(g.definition)} — ${link(g.sourceTitle, g.url)}`)
    .join('\n\n');
  return [...embeds, { title, description: truncate(notes, room), color: BRAND_COLOUR }];
}
