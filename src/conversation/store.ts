import { nextContext } from '../engine/turns.js';
import type { Answer, ConversationContext } from '../engine/types.js';

// Conversation memory for adapters (Discord, CLI): the last few turns of each conversation, so a
// follow-up ("why?", "and for kids?") can be read with what came before. In memory only, never written
// to disk; bounded by a cap on conversations (the least recently active one goes first) and by expiry
// after the last turn. Time is passed in, so there is no clock here and tests need no timers.

export const CONVERSATION_LIMITS = {
  /** A conversation ends this long after its last turn. */
  ttlMs: 10 * 60_000,
  /** Live conversations kept at most; past it, the one with the oldest last turn is forgotten. */
  maxConversations: 50_000,
} as const satisfies Required<ConversationStoreOptions>;

export interface ConversationStoreOptions {
  ttlMs?: number;
  /** 0 keeps none: every message is read on its own, as before conversations (the benchmark's baseline). */
  maxConversations?: number;
}

/**
 * One member in one channel or thread; in DMs, one per member (the DM channel adds nothing: a member has
 * one DM with the bot). Ids are Discord snowflakes or any other stable strings.
 */
export function conversationKey(memberId: string, channelId?: string | null): string {
  return channelId ? `${channelId}:${memberId}` : `dm:${memberId}`;
}

export interface ConversationStore {
  /** The conversation's turns so far, oldest first; empty when there is none or it has expired at `now`. */
  context(key: string, now: number): ConversationContext;
  /** Adds a turn (the message and its answer) at `now`; returns the conversation's context after it. */
  record(key: string, message: string, answer: Answer, now: number): ConversationContext;
  /**
   * Replaces the conversation's last turn (the member edited the message it answered), only while that turn is
   * still the last: `turn.after` is the context recording it returned, `turn.before` the context it was read
   * against. Returns the new context, or null when a later turn came, or the conversation ended, meanwhile.
   */
  replaceLast(
    key: string,
    turn: RecordedTurn,
    message: string,
    answer: Answer,
    now: number,
  ): ConversationContext | null;
  /**
   * Drops the conversation's last turn (the member deleted the message it answered), only while it is still the
   * last (see replaceLast); the conversation is then what it was before that turn. Returns whether it was dropped.
   */
  dropLast(key: string, turn: RecordedTurn, now: number): boolean;
  /** Forgets a conversation (the member deleted their question, or asked to start over). */
  forget(key: string): boolean;
  /** Drops every conversation expired at `now`; returns how many went. */
  sweep(now: number): number;
  /** Conversations held, expired ones included until they are met or swept. */
  readonly size: number;
}

/** A turn as recorded: the context it was read against, and the context recording it returned. */
export interface RecordedTurn {
  before: ConversationContext;
  after: ConversationContext;
}

interface Held {
  turns: ConversationContext;
  lastAt: number;
}

export function createConversationStore(options: ConversationStoreOptions = {}): ConversationStore {
  const ttlMs = options.ttlMs ?? CONVERSATION_LIMITS.ttlMs;
  const max = Math.max(0, Math.floor(options.maxConversations ?? CONVERSATION_LIMITS.maxConversations));
  // A Map iterates in insertion order; each turn re-inserts its conversation, so the first entry is always
  // the one with the oldest last turn: the one to evict, and where a sweep starts.
  const held = new Map<string, Held>();
  const expired = (h: Held, now: number) => now - h.lastAt >= ttlMs;

  return {
    context(key, now) {
      const h = held.get(key);
      if (!h) return [];
      if (!expired(h, now)) return h.turns;
      held.delete(key);
      return [];
    },
    record(key, message, answer, now) {
      if (max === 0) return [];
      const h = held.get(key);
      const before = h && !expired(h, now) ? h.turns : [];
      const turns = nextContext(before, message, answer);
      held.delete(key);
      held.set(key, { turns, lastAt: now });
      while (held.size > max) {
        const oldest = held.keys().next().value;
        if (oldest === undefined) break;
        held.delete(oldest);
      }
      return turns;
    },
    replaceLast(key, turn, message, answer, now) {
      const h = held.get(key);
      // The very array record() returned: any later turn, expiry or forget replaced or removed it.
      if (!h || h.turns !== turn.after || expired(h, now)) return null;
      h.turns = nextContext(turn.before, message, answer);
      return h.turns;
    },
    dropLast(key, turn, now) {
      const h = held.get(key);
      if (!h || h.turns !== turn.after || expired(h, now)) return false;
      if (turn.before.length) h.turns = turn.before;
      else held.delete(key);
      return true;
    },
    forget: (key) => held.delete(key),
    sweep(now) {
      let dropped = 0;
      for (const [key, h] of held) {
        // In last-turn order, so the first live one ends the sweep (unless the clock went backwards).
        if (!expired(h, now)) break;
        held.delete(key);
        dropped += 1;
      }
      return dropped;
    },
    get size() {
      return held.size;
    },
  };
}
