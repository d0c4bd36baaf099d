import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed } from 'discord.js';
import { ButtonStyle } from 'discord.js';
import { DISCLAIMER } from '../../engine/index.js';
import type { Answer } from '../../engine/types.js';
import { encodeCustomId, voteCustomId } from '../custom-ids.js';
import { LIMITS, paginate, truncate } from '../limits.js';
import { foodBlocks } from './food.js';
import { withGlossary } from './glossary.js';
import { BRAND_COLOUR, button, buttonRow, noMentions, payload, type ReplyPayload, renderCitation } from './payload.js';
import { echo, link, safe } from './text.js';

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
  /**
   * Adds the 🗑️ Delete button, usable by this member (who asked) and by members with Manage Messages. For
   * answers to a member's message; never on /ask's private replies, which the member can dismiss.
   */
  deletableBy?: string;
  /**
   * The answer is to another member's message (a reply with only "@Selene"): the header names them, as a
   * mention that pings nobody (allowed_mentions keeps their id out), and quotes their question.
   */
  answering?: { authorId: string; text: string };
}

export const MAX_SUGGESTIONS = 3;

/** Room kept on every page for the header, so page boundaries do not depend on it: a "More" click re-renders later pages without knowing the original question. */
const HEADER_BUDGET = 400;
/** The replied-to question quoted in the header, cut at a word; the header must fit HEADER_BUDGET. */
const ANSWERING_ECHO = 200;

function answerHeader(options: AnswerRenderOptions): string {
  const lines: string[] = [];
  if (options.forUserId) lines.push(`*Answer for <@${options.forUserId}>:*`);
  if (options.answering) {
    const { authorId, text } = options.answering;
    lines.push(`*Answering <@${authorId}>’s question:* “${echo(text, ANSWERING_ECHO)}”`);
  }
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

/** One answer's own blocks: lead, its article quotes, remarks, then reference data (food tables) after them. */
function ownBlocks(answer: Omit<Answer, 'parts'>, whole: boolean): string[] {
  // A whole food answer shows its own safety line, before its source; a part leaves it to the whole reply.
  if (answer.food) return foodBlocks(answer, answer.food, { safety: whole });
  const { lead, after } = splitAnswerText(answer);
  const blocks = [safe(lead)];
  for (const c of answer.citations) if (c.kind === 'quote') blocks.push(renderCitation(c));
  if (after) blocks.push(safe(after));
  for (const c of answer.citations) if (c.kind !== 'quote') blocks.push(renderCitation(c));
  return blocks;
}

/**
 * What the whole text says beyond its parts: the engine writes each part as "heading: text", then names what
 * the message asked that the article does not cover ("The article doesn't cover zinc.").
 */
function beyondParts(answer: Answer): string {
  let text = answer.text;
  for (const p of answer.parts ?? []) text = text.replace(`${p.heading}: ${p.text}`, '');
  return text.trim();
}

/** The answer as text blocks, before paging: each part under its heading (or the one answer), safety, hint. */
function answerBlocks(answer: Answer): string[] {
  const blocks = answer.parts?.length
    ? answer.parts.flatMap((part) => [`**${safe(part.heading)}**`, ...ownBlocks(part, false)])
    : ownBlocks(answer, true);
  const rest = answer.parts?.length ? beyondParts(answer) : '';
  if (rest) blocks.push(safe(rest));
  if (answer.safety && !answer.food) blocks.push(`⚠️ ${safe(answer.safety)}`);
  // Small talk offers topics as a welcome, not as a guess at what was meant.
  if (!answer.answered && answer.suggestions.length && answer.route !== 'smalltalk')
    blocks.push('Did you mean one of these? Pick a button below.');
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
  const votes = feedbackRow(answer, page, options.feedback);
  return payload(content, {
    embeds: page === 0 ? withGlossary(answer, researchEmbed(answer)) : [],
    components: withDelete([...buttonRow(buttons), ...votes], votes.length, page, options),
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
 * The 🗑️ button goes next to 👍 / 👎 (the answer's own controls), else on a row of its own: never among the
 * "did you mean" suggestions, where it would read as one. Only on the first page, the message the member's
 * question got.
 */
function withDelete(
  rows: APIActionRowComponent<APIButtonComponentWithCustomId>[],
  feedbackRows: number,
  page: number,
  options: AnswerRenderOptions,
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  if (options.deletableBy === undefined || page !== 0) return rows;
  const del: APIButtonComponentWithCustomId = {
    ...button('Delete', encodeCustomId({ kind: 'delete', askerId: options.deletableBy })),
    emoji: { name: '🗑️' },
  };
  const last = rows[rows.length - 1];
  if (feedbackRows && last && last.components.length < LIMITS.buttonsPerRow)
    return [...rows.slice(0, -1), { ...last, components: [...last.components, del] }];
  if (rows.length >= LIMITS.actionRows) return rows;
  return [...rows, ...buttonRow([del])];
}
