import { LIMITS } from './limits.js';

// Buttons carry all their state in the custom id, so a button keeps working after a restart or when a
// different shard receives the click: nothing is looked up in process memory.
// Format: `sel:<kind>:<fields...>`; knowledge ids are kebab-case, so ':' never occurs inside a field.

export const CUSTOM_ID_PREFIX = 'sel';

export type ButtonAction =
  /** "Did you mean" suggestion: asks the suggestion's question. */
  | { kind: 'ask'; id: string }
  /** Next page of a long answer to the entry `id`. */
  | { kind: 'more'; id: string; page: number }
  /** /topics page; `dir` keeps the prev and next ids distinct when they point to the same page. */
  | { kind: 'topics'; page: number; dir: 'p' | 'n' }
  /**
   * 👍 / 👎 on an answer. `answerId` is random and unique per answer (see newAnswerId); `entryId` is what
   * answered, so votes reach the curators' report without a lookup.
   */
  | { kind: 'vote'; vote: 'up' | 'down'; answerId: string; entryId: string | null }
  /** A link card's section button: that section's summary and link. */
  | { kind: 'section'; id: string }
  /**
   * 🗑️ on an answer to a member's message: removes it. `askerId` (a snowflake) is who may, besides members
   * with Manage Messages; the id is public anyway (the reply shows whom it answers).
   */
  | { kind: 'delete'; askerId: string };

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PAGE = /^\d{1,4}$/;
/** Base64url answer ids; the store accepts ids of letters, digits, _ and -. */
const ANSWER_ID = /^[0-9A-Za-z_-]{1,32}$/;
const NO_ENTRY = '-';
/** Discord user ids: up to 20 digits (64-bit snowflakes). */
const SNOWFLAKE = /^\d{1,20}$/;

const partsOf = (action: ButtonAction): (string | number)[] => {
  switch (action.kind) {
    case 'ask':
    case 'section':
      return [action.id];
    case 'more':
      return [action.page, action.id];
    case 'topics':
      return [action.page, action.dir];
    case 'vote':
      return [action.vote === 'up' ? 'u' : 'd', action.answerId, action.entryId ?? NO_ENTRY];
    case 'delete':
      return [action.askerId];
  }
};

export function encodeCustomId(action: ButtonAction): string {
  const id = [CUSTOM_ID_PREFIX, action.kind, ...partsOf(action)].join(':');
  if (id.length > LIMITS.customId) throw new Error(`custom id longer than ${LIMITS.customId} characters: ${id}`);
  return id;
}

/**
 * A vote button's custom id. An entry id that would not fit (or is not kebab-case) is left out rather than
 * failing the whole answer: the vote still counts for the answer, only the report cannot name the entry.
 */
export function voteCustomId(vote: 'up' | 'down', answerId: string, entryId: string | null): string | null {
  if (!ANSWER_ID.test(answerId)) return null;
  const withEntry = entryId !== null && ID.test(entryId) ? entryId : null;
  const full = { kind: 'vote', vote, answerId, entryId: withEntry } as const;
  if ([CUSTOM_ID_PREFIX, 'vote', ...partsOf(full)].join(':').length <= LIMITS.customId) return encodeCustomId(full);
  return encodeCustomId({ ...full, entryId: null });
}

/** null for anything Selene did not make (or an older, incompatible format): the caller says it has expired. */
export function decodeCustomId(customId: string): ButtonAction | null {
  if (customId.startsWith(`${CUSTOM_ID_PREFIX}:vote:`)) return decodeVoteId(customId);
  const [prefix, kind, a, b, ...rest] = customId.split(':');
  if (prefix !== CUSTOM_ID_PREFIX || rest.length) return null;
  if (kind === 'ask' && a && ID.test(a) && b === undefined) return { kind, id: a };
  if (kind === 'more' && a && PAGE.test(a) && b && ID.test(b)) return { kind, page: Number(a), id: b };
  if (kind === 'topics' && a && PAGE.test(a) && (b === 'p' || b === 'n')) return { kind, page: Number(a), dir: b };
  if (kind === 'section' && a && ID.test(a) && b === undefined) return { kind, id: a };
  if (kind === 'delete' && a && SNOWFLAKE.test(a) && b === undefined) return { kind, askerId: a };
  return null;
}

/** Vote ids have one more field than the generic decoder reads. */
export function decodeVoteId(customId: string): Extract<ButtonAction, { kind: 'vote' }> | null {
  const [prefix, kind, v, answerId, entry, ...rest] = customId.split(':');
  if (prefix !== CUSTOM_ID_PREFIX || kind !== 'vote' || rest.length) return null;
  if ((v !== 'u' && v !== 'd') || !answerId || !ANSWER_ID.test(answerId) || !entry) return null;
  if (entry !== NO_ENTRY && !ID.test(entry)) return null;
  return { kind, vote: v === 'u' ? 'up' : 'down', answerId, entryId: entry === NO_ENTRY ? null : entry };
}

/** The kind of a Selene custom id, for routing ids of kinds added later (feedback buttons, settings). */
export const customIdKind = (customId: string): string | null => {
  const [prefix, kind] = customId.split(':');
  return prefix === CUSTOM_ID_PREFIX && kind ? kind : null;
};
