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
  /** Forgets a conversation (the member deleted their question, or asked to start over). */
  forget(key: string): boolean;
  /** Drops every conversation expired at `now`; returns how many went. */
  sweep(now: number): number;
  /** Conversations held, expired ones included until they are met or swept. */
  readonly size: number;
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
