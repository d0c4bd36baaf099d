// Where the answered messages (answered.ts) are kept: a ring of typed-array columns, one slot per message, in
// the order they were answered, plus one Map from message id to slot. An entry as an object with its own strings
// cost ~0.9 KB of heap (its ids as strings, fingerprints as strings, the conversation's turns it kept alive);
// packed it is ~80 bytes of columns plus the Map's key, because what an edit or a delete needs is small: Discord
// ids (snowflakes, 64-bit numbers), three fingerprints of fixed length, a turn number, a count.
//
// Anything that does not pack (an id that is no snowflake, a token of another length, a replied-to message's
// text) goes to a side Map of the slot's extras and comes back exactly as it was given, so the packing is
// invisible from outside; in the bot only the replied-to texts land there.

/** One answered message as stored; answered.ts adds what it derives (answeredAt). */
export interface AnsweredRecord {
  replyId: string;
  channelId: string;
  askerId: string;
  /** When the entry expires (ms, the map's clock). */
  expiresAt: number;
  conversation: string | null;
  /** The conversation store's number for the turn this answer recorded (conversation/store.ts). */
  turn: number | null;
  text: string;
  answerId: string | null;
  answerPrint: string;
  referenced: { authorId: string; text: string } | null;
  edits: number;
}

export interface AnsweredColumns {
  get(key: string, now: number): AnsweredRecord | undefined;
  /** Adds the entry at the back (a key set again leaves its old place); past the cap the oldest goes. */
  set(key: string, record: AnsweredRecord, now: number): void;
  /** Changes a live entry in place, keeping its place and expiry; false when absent or expired. */
  replace(key: string, change: Partial<Omit<AnsweredRecord, 'expiresAt'>>, now: number): boolean;
  delete(key: string, now: number): AnsweredRecord | undefined;
  /** Drops expired entries from the front; returns how many live ones went. */
  sweep(now: number): number;
  readonly size: number;
}

const ID_FIELDS = ['replyId', 'channelId', 'askerId'] as const;
/** A fingerprint (answered.ts): 12 bytes as 16 base64url characters. */
const PRINT_BYTES = 12;
/** An answer id (context.ts newAnswerId): 9 random bytes as 12 base64url characters. */
const ANSWER_ID_BYTES = 9;
const SNOWFLAKE = /^(?:0|[1-9]\d{0,19})$/;
const U64_MAX = (1n << 64n) - 1n;
const FIRST_CAPACITY = 64;

/** Conversation keys (conversation/store.ts conversationKey) that follow from the entry's own ids. */
const Conversation = {
  None: 0,
  /** `${channelId}:${askerId}`: the reply's channel or thread. */
  Channel: 1,
  /** `dm:${askerId}`. */
  Dm: 2,
  /** Anything else: kept in the extras. */
  Other: 3,
} as const;

type Extra = Partial<Pick<AnsweredRecord, (typeof ID_FIELDS)[number] | 'conversation' | 'answerId' | 'referenced'>> & {
  text?: string;
  answerPrint?: string;
  edits?: number;
};

const packId = (s: string): bigint | null => {
  if (!SNOWFLAKE.test(s)) return null;
  const v = BigInt(s);
  return v <= U64_MAX ? v : null;
};

/** The token's bytes when it is exactly `bytes` bytes in canonical base64url, else null. */
const tokenBytes = (s: string, bytes: number): Buffer | null => {
  if (s.length !== (bytes / 3) * 4) return null;
  const b = Buffer.from(s, 'base64url');
  return b.length === bytes && b.toString('base64url') === s ? b : null;
};

const columns = (capacity: number) => ({
  keys: new Array<string | undefined>(capacity).fill(undefined),
  ids: new BigUint64Array(capacity * ID_FIELDS.length),
  expires: new Float64Array(capacity),
  /** NaN: no turn. */
  turn: new Float64Array(capacity),
  edits: new Uint8Array(capacity),
  conversation: new Uint8Array(capacity),
  /** 1 when the slot has a packed answer id. */
  hasAnswerId: new Uint8Array(capacity),
  text: new Uint8Array(capacity * PRINT_BYTES),
  print: new Uint8Array(capacity * PRINT_BYTES),
  answerId: new Uint8Array(capacity * ANSWER_ID_BYTES),
});
type Columns = ReturnType<typeof columns>;

export function createAnsweredColumns(maxEntries: number): AnsweredColumns {
  const max = Math.max(1, Math.floor(maxEntries));
  let capacity = Math.min(max, FIRST_CAPACITY);
  let c: Columns = columns(capacity);
  let extras = new Map<number, Extra>();
  const index = new Map<string, number>();
  /** The oldest slot, and how many slots from it are in use (dead ones included until passed over). */
  let head = 0;
  let count = 0;

  const write = (slot: number, key: string, r: Omit<AnsweredRecord, 'expiresAt'>): void => {
    const extra: Extra = {};
    c.keys[slot] = key;
    ID_FIELDS.forEach((field, i) => {
      const v = packId(r[field]);
      c.ids[slot * ID_FIELDS.length + i] = v ?? 0n;
      if (v === null) extra[field] = r[field];
    });
    c.turn[slot] = r.turn ?? Number.NaN;
    c.edits[slot] = r.edits <= 255 ? r.edits : 0;
    if (r.edits > 255) extra.edits = r.edits;
    const conversation =
      r.conversation === null
        ? Conversation.None
        : r.conversation === `${r.channelId}:${r.askerId}`
          ? Conversation.Channel
          : r.conversation === `dm:${r.askerId}`
            ? Conversation.Dm
            : Conversation.Other;
    c.conversation[slot] = conversation;
    if (conversation === Conversation.Other) extra.conversation = r.conversation;
    const text = tokenBytes(r.text, PRINT_BYTES);
    if (text) c.text.set(text, slot * PRINT_BYTES);
    else extra.text = r.text;
    const print = tokenBytes(r.answerPrint, PRINT_BYTES);
    if (print) c.print.set(print, slot * PRINT_BYTES);
    else extra.answerPrint = r.answerPrint;
    const answerId = r.answerId === null ? null : tokenBytes(r.answerId, ANSWER_ID_BYTES);
    c.hasAnswerId[slot] = answerId ? 1 : 0;
    if (answerId) c.answerId.set(answerId, slot * ANSWER_ID_BYTES);
    else if (r.answerId !== null) extra.answerId = r.answerId;
    if (r.referenced !== null) extra.referenced = r.referenced;
    if (Object.keys(extra).length > 0) extras.set(slot, extra);
    else extras.delete(slot);
  };

  const token = (column: Uint8Array, slot: number, bytes: number): string =>
    Buffer.from(column.buffer, column.byteOffset + slot * bytes, bytes).toString('base64url');

  const read = (slot: number): AnsweredRecord => {
    const extra = extras.get(slot) ?? {};
    const id = (i: number) => extra[ID_FIELDS[i] as (typeof ID_FIELDS)[number]] ?? String(c.ids[slot * 3 + i]);
    const [replyId, channelId, askerId] = [id(0), id(1), id(2)];
    const turn = c.turn[slot] as number;
    const kind = c.conversation[slot];
    return {
      replyId,
      channelId,
      askerId,
      expiresAt: c.expires[slot] as number,
      conversation:
        kind === Conversation.None
          ? null
          : kind === Conversation.Channel
            ? `${channelId}:${askerId}`
            : kind === Conversation.Dm
              ? `dm:${askerId}`
              : (extra.conversation ?? null),
      turn: Number.isNaN(turn) ? null : turn,
      text: extra.text ?? token(c.text, slot, PRINT_BYTES),
      answerId: extra.answerId ?? (c.hasAnswerId[slot] === 1 ? token(c.answerId, slot, ANSWER_ID_BYTES) : null),
      answerPrint: extra.answerPrint ?? token(c.print, slot, PRINT_BYTES),
      referenced: extra.referenced ?? null,
      edits: extra.edits ?? (c.edits[slot] as number),
    };
  };

  const kill = (slot: number): void => {
    c.keys[slot] = undefined;
    extras.delete(slot);
  };

  /** Copies the live slots, oldest first, into columns of `size` slots. */
  const rebuild = (size: number): void => {
    const from = c;
    const fromExtras = extras;
    const fromCapacity = capacity;
    c = columns(size);
    extras = new Map();
    let to = 0;
    for (let i = 0; i < count; i++) {
      const slot = (head + i) % fromCapacity;
      const key = from.keys[slot];
      if (key === undefined) continue;
      c.keys[to] = key;
      c.ids.set(from.ids.subarray(slot * 3, slot * 3 + 3), to * 3);
      c.expires[to] = from.expires[slot] as number;
      c.turn[to] = from.turn[slot] as number;
      c.edits[to] = from.edits[slot] as number;
      c.conversation[to] = from.conversation[slot] as number;
      c.hasAnswerId[to] = from.hasAnswerId[slot] as number;
      c.text.set(from.text.subarray(slot * PRINT_BYTES, (slot + 1) * PRINT_BYTES), to * PRINT_BYTES);
      c.print.set(from.print.subarray(slot * PRINT_BYTES, (slot + 1) * PRINT_BYTES), to * PRINT_BYTES);
      const answerId = from.answerId.subarray(slot * ANSWER_ID_BYTES, (slot + 1) * ANSWER_ID_BYTES);
      c.answerId.set(answerId, to * ANSWER_ID_BYTES);
      const extra = fromExtras.get(slot);
      if (extra) extras.set(to, extra);
      index.set(key, to);
      to += 1;
    }
    capacity = size;
    head = 0;
    count = to;
  };

  /** Passes over the front's dead and expired slots (and, with `room`, the oldest live one); returns live ones dropped. */
  const trim = (now: number, evictOne = false): number => {
    let dropped = 0;
    let evict = evictOne;
    while (count > 0) {
      const key = c.keys[head];
      if (key !== undefined) {
        if ((c.expires[head] as number) > now && !evict) break;
        evict = false;
        index.delete(key);
        kill(head);
        dropped += 1;
      }
      head = (head + 1) % capacity;
      count -= 1;
    }
    return dropped;
  };

  const live = (key: string, now: number): number | undefined => {
    const slot = index.get(key);
    if (slot === undefined) return undefined;
    if ((c.expires[slot] as number) > now) return slot;
    index.delete(key);
    kill(slot);
    return undefined;
  };

  return {
    get(key, now) {
      const slot = live(key, now);
      return slot === undefined ? undefined : read(slot);
    },
    set(key, record, now) {
      const old = index.get(key);
      if (old !== undefined) {
        index.delete(key);
        kill(old);
      }
      trim(now);
      if (count === capacity) {
        // Room, cheapest first: slots of forgotten entries, then a larger ring, then the oldest answer.
        if (index.size < count) rebuild(capacity);
        else if (capacity < max) rebuild(Math.min(max, capacity * 2));
        else trim(now, true);
      }
      const slot = (head + count) % capacity;
      count += 1;
      write(slot, key, record);
      c.expires[slot] = record.expiresAt;
      index.set(key, slot);
    },
    replace(key, change, now) {
      const slot = live(key, now);
      if (slot === undefined) return false;
      write(slot, key, { ...read(slot), ...change });
      return true;
    },
    delete(key, now) {
      const slot = index.get(key);
      if (slot === undefined) return undefined;
      const value = (c.expires[slot] as number) > now ? read(slot) : undefined;
      index.delete(key);
      kill(slot);
      return value;
    },
    sweep: (now) => trim(now),
    get size() {
      return index.size;
    },
  };
}
