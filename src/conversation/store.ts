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
  /** The conversation's last turn, to name it later (an edit or delete of its message); null when there is none. */
  lastTurn(key: string, now: number): TurnRef | null;
  /**
   * The context `turn` was read against, while the conversation still knows it: for its last two turns, until
   * it ends. Null otherwise (an edit of an older message is then read on its own).
   */
  before(key: string, turn: TurnRef, now: number): ConversationContext | null;
  /**
   * Replaces the conversation's last turn (the member edited the message it answered), only while that turn is
   * still the last, reading the edit against the context the turn was read against. Returns the new context, or
   * null when a later turn came, or the conversation ended, meanwhile.
   */
  replaceLast(key: string, turn: TurnRef, message: string, answer: Answer, now: number): ConversationContext | null;
  /**
   * Drops the conversation's last turn (the member deleted the message it answered), only while it is still the
   * last; the conversation is then what it was before that turn (whose own turn, if any, is the last again).
   * Returns whether it was dropped.
   */
  dropLast(key: string, turn: TurnRef, now: number): boolean;
  /** Forgets a conversation (the member deleted their question, or asked to start over). */
  forget(key: string): boolean;
  /** Drops every conversation expired at `now`; returns how many went. */
  sweep(now: number): number;
  /** Conversations held, expired ones included until they are met or swept. */
  readonly size: number;
}

/**
 * A recorded turn, by number: unique in its store, so a turn of an ended conversation never names one of a new
 * conversation under the same key. A number rather than the contexts themselves, so that whoever keeps it (the
 * answered-messages map, one per answered message) keeps no turns alive.
 */
export type TurnRef = number;

/**
 * A live conversation. Its last two turns are known by number with the context each was read against, which is
 * all an edit or delete of their messages needs; `turns` is the context after the last one.
 */
interface Held {
  turns: ConversationContext;
  lastAt: number;
  /** The last turn (0: none known) and the context it was read against. */
  ref: TurnRef;
  before: ConversationContext;
  /** The turn before it, likewise: its context after is `before`. */
  prevRef: TurnRef;
  prevBefore: ConversationContext;
}

const NO_TURN = 0;
/** One shared empty context: most conversations are a turn or two, and each would otherwise hold two of its own. */
const NO_TURNS: ConversationContext = Object.freeze([]);

export function createConversationStore(options: ConversationStoreOptions = {}): ConversationStore {
  const ttlMs = options.ttlMs ?? CONVERSATION_LIMITS.ttlMs;
  const max = Math.max(0, Math.floor(options.maxConversations ?? CONVERSATION_LIMITS.maxConversations));
  // A Map iterates in insertion order; each turn re-inserts its conversation, so the first entry is always
  // the one with the oldest last turn: the one to evict, and where a sweep starts.
  const held = new Map<string, Held>();
  const expired = (h: Held, now: number) => now - h.lastAt >= ttlMs;
  let lastRef = NO_TURN;
  /** The conversation while it lives; an expired one is dropped on sight. */
  const live = (key: string, now: number): Held | undefined => {
    const h = held.get(key);
    if (!h || !expired(h, now)) return h;
    held.delete(key);
    return undefined;
  };

  return {
    context: (key, now) => live(key, now)?.turns ?? [],
    record(key, message, answer, now) {
      if (max === 0) return [];
      const h = live(key, now);
      const before = h?.turns ?? NO_TURNS;
      const turns = nextContext(before, message, answer);
      lastRef += 1;
      held.delete(key);
      held.set(key, {
        turns,
        lastAt: now,
        ref: lastRef,
        before,
        prevRef: h?.ref ?? NO_TURN,
        prevBefore: h?.before ?? NO_TURNS,
      });
      while (held.size > max) {
        const oldest = held.keys().next().value;
        if (oldest === undefined) break;
        held.delete(oldest);
      }
      return turns;
    },
    lastTurn(key, now) {
      const ref = live(key, now)?.ref ?? NO_TURN;
      return ref === NO_TURN ? null : ref;
    },
    before(key, turn, now) {
      const h = live(key, now);
      if (!h || turn === NO_TURN) return null;
      return turn === h.ref ? h.before : turn === h.prevRef ? h.prevBefore : null;
    },
    replaceLast(key, turn, message, answer, now) {
      const h = live(key, now);
      if (!h || turn === NO_TURN || h.ref !== turn) return null;
      h.turns = nextContext(h.before, message, answer);
      return h.turns;
    },
    dropLast(key, turn, now) {
      const h = live(key, now);
      if (!h || turn === NO_TURN || h.ref !== turn) return false;
      if (h.before.length === 0) {
        held.delete(key);
        return true;
      }
      h.turns = h.before;
      h.ref = h.prevRef;
      h.before = h.prevBefore;
      h.prevRef = NO_TURN;
      h.prevBefore = NO_TURNS;
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
