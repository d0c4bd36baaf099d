import * as crypto from 'node:crypto';
import type { TurnRef } from '../conversation/store.js';
import type { Answer } from '../engine/types.js';
import { type AnsweredRecord, createAnsweredColumns } from './answered-columns.js';
import { createExpiringMap } from './expiring-map.js';

// The messages Selene answered (mentions, DMs, answer-channel messages), so that when the member edits one
// Selene edits its reply, and when they delete it Selene deletes its reply. In memory only, per shard (a
// message's edits and deletes reach the shard that saw it), bounded by expiry and a cap. Message ids never
// reach the store (PRIVACY.md), and the member's text is kept only as a fingerprint.

export const ANSWERED_LIMITS = {
  /** An edit or delete later than this after the answer changes nothing (the 15 minutes). */
  ttlMs: 15 * 60_000,
  /**
   * Answered messages remembered at most; past it the oldest answer goes first (its later edits are then
   * ignored). Each entry is ~0.15 KB, packed (answered-columns.ts), plus a replied-to message's text, so a
   * shard answering more than 22 messages a second for 15 minutes holds ~3 MB here at the cap.
   */
  maxEntries: 20_000,
  /**
   * Re-answers per message. Edits do not take a cooldown turn (see message-update.ts), so this bounds what one
   * answered question can cost: a member editing in a loop gets at most this many new answers.
   */
  maxEdits: 5,
} as const satisfies Required<Omit<AnsweredOptions, 'now'>>;

/** Longer than any answer takes (REST retries included); only a handler that never settles lets it expire. */
const ANSWERING_TTL_MS = 5 * 60_000;

export interface AnsweredOptions {
  ttlMs?: number;
  maxEntries?: number;
  maxEdits?: number;
  /** The clock (default Date.now); tests move it past the expiry instead of waiting. */
  now?: () => number;
}

export interface AnsweredMessage {
  /** Selene's reply, and the channel (or thread) it is in. */
  replyId: string;
  channelId: string;
  askerId: string;
  answeredAt: number;
  /** The member's conversation (conversationKey) and the turn this answer recorded in it; null without one. */
  conversation: string | null;
  turn: TurnRef | null;
  /** Fingerprint of the member's message as answered: an update that leaves the text alone (an embed) is no edit. */
  text: string;
  /** The feedback buttons' answer id (null without feedback), and what it voted on (answerPrint). */
  answerId: string | null;
  answerPrint: string;
  /** For a reply-to-message answer: whose message was answered, and its text. */
  referenced: { authorId: string; text: string } | null;
  edits: number;
}

/** A member's change to a message while Selene is still answering it (the reply not yet sent or not yet known). */
export type LateChange = { kind: 'edit'; content: string } | { kind: 'delete' };

export interface AnsweredMessages {
  /** Remembers (or replaces) the answer to the member's message `messageId`; answeredAt is set to now. */
  remember(messageId: string, entry: Omit<AnsweredMessage, 'answeredAt'>): void;
  /** The entry, or undefined when unknown or expired. */
  get(messageId: string): AnsweredMessage | undefined;
  /** Changes an entry after an edit; its expiry still counts from the first answer. */
  update(messageId: string, change: Partial<Omit<AnsweredMessage, 'answeredAt'>>): void;
  /** Removes the entry and returns it, unless it was unknown or expired. */
  forget(messageId: string): AnsweredMessage | undefined;
  /**
   * Marks a message as being answered: an edit or delete that arrives before the reply is remembered (a typo
   * fixed a second after sending) is held for `settle` instead of being lost.
   */
  begin(messageId: string): void;
  /** Holds a change to a message being answered (a delete outranks any edit); false when it is not being answered. */
  hold(messageId: string, change: LateChange): boolean;
  /** Ends the answering of a message; returns the change held meanwhile, to be applied now that the reply is known. */
  settle(messageId: string): LateChange | undefined;
  /** Drops expired entries; returns how many went. */
  sweep(): number;
  readonly size: number;
  readonly limits: { ttlMs: number; maxEntries: number; maxEdits: number };
}

export function createAnsweredMessages(options: AnsweredOptions = {}): AnsweredMessages {
  const limits = {
    ttlMs: options.ttlMs ?? ANSWERED_LIMITS.ttlMs,
    maxEntries: Math.max(1, Math.floor(options.maxEntries ?? ANSWERED_LIMITS.maxEntries)),
    maxEdits: options.maxEdits ?? ANSWERED_LIMITS.maxEdits,
  };
  const now = options.now ?? Date.now;
  // An entry expires ttlMs after its first answer; an edit keeps that expiry.
  const held = createAnsweredColumns(limits.maxEntries);
  // Messages on their way to an answer; settle() ends each one, the expiry only covers a handler that never ends.
  const answering = createExpiringMap<{ change: LateChange | null }>(limits.maxEntries, now);
  const shown = (r: AnsweredRecord | undefined): AnsweredMessage | undefined => {
    if (r === undefined) return undefined;
    const { expiresAt, ...rest } = r;
    return { ...rest, answeredAt: expiresAt - limits.ttlMs };
  };
  return {
    remember(messageId, entry) {
      const t = now();
      held.set(messageId, { ...entry, expiresAt: t + limits.ttlMs }, t);
    },
    get: (messageId) => shown(held.get(messageId, now())),
    update(messageId, change) {
      held.replace(messageId, change, now());
    },
    forget: (messageId) => shown(held.delete(messageId, now())),
    begin(messageId) {
      answering.set(messageId, { change: null }, now() + ANSWERING_TTL_MS);
    },
    hold(messageId, change) {
      const pending = answering.get(messageId);
      if (!pending) return false;
      if (pending.change?.kind !== 'delete') pending.change = change;
      return true;
    },
    settle: (messageId) => answering.delete(messageId)?.change ?? undefined,
    sweep: () => held.sweep(now()) + answering.sweep(),
    get size() {
      return held.size;
    },
    limits,
  };
}

/**
 * SHA-256 of a text in one call: crypto.hash (Node 20.12+) skips the Hash object createHash builds, and this
 * runs twice for every answered message. Older Node 20 releases fall back to createHash, same digest.
 */
const sha256: (text: string) => Buffer =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'buffer')
    : (text) => crypto.createHash('sha256').update(text).digest();

/**
 * A short fingerprint of a text, so a message's text need not be kept to tell whether it changed: the first 12
 * bytes of its SHA-256, as 16 base64url characters. Encoded from those bytes alone, the string is kept flat
 * (slicing 16 characters off the whole digest's encoding kept all 43 alive in every answered entry).
 */
export const fingerprint = (text: string): string => sha256(text).toString('base64url', 0, 12);

/**
 * What an answer said: the same print means votes cast on it still judge the edited reply. A fingerprint of
 * whether it answered, what it matched and its text, so it packs like the others (answered-columns.ts).
 */
export const answerPrint = (a: Answer): string =>
  fingerprint([a.answered, a.matchId ?? '-', fingerprint(a.text)].join(':'));
