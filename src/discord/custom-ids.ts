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
  | { kind: 'topics'; page: number; dir: 'p' | 'n' };

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PAGE = /^\d{1,4}$/;

export function encodeCustomId(action: ButtonAction): string {
  const parts: (string | number)[] =
    action.kind === 'ask' ? [action.id] : action.kind === 'more' ? [action.page, action.id] : [action.page, action.dir];
  const id = [CUSTOM_ID_PREFIX, action.kind, ...parts].join(':');
  if (id.length > LIMITS.customId) throw new Error(`custom id longer than ${LIMITS.customId} characters: ${id}`);
  return id;
}

/** null for anything Selene did not make (or an older, incompatible format): the caller says it has expired. */
export function decodeCustomId(customId: string): ButtonAction | null {
  const [prefix, kind, a, b, ...rest] = customId.split(':');
  if (prefix !== CUSTOM_ID_PREFIX || rest.length) return null;
  if (kind === 'ask' && a && ID.test(a) && b === undefined) return { kind, id: a };
  if (kind === 'more' && a && PAGE.test(a) && b && ID.test(b)) return { kind, page: Number(a), id: b };
  if (kind === 'topics' && a && PAGE.test(a) && (b === 'p' || b === 'n')) return { kind, page: Number(a), dir: b };
  return null;
}

/** The kind of a Selene custom id, for routing ids of kinds added later (feedback buttons, settings). */
export const customIdKind = (customId: string): string | null => {
  const [prefix, kind] = customId.split(':');
  return prefix === CUSTOM_ID_PREFIX && kind ? kind : null;
};
