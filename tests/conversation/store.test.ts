import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONVERSATION_LIMITS, conversationKey, createConversationStore } from '../../src/conversation/store.js';
import type { Answer } from '../../src/engine/types.js';
import { answerFixture } from '../fixtures/answer.js';

const answered = (matchId: string): Answer => answerFixture({ text: 'The article says: x', disclaimer: 'x', matchId });

const MINUTE = 60_000;

describe('conversation keys', () => {
  it('are one per member per channel, and one per member in DMs', () => {
    expect(conversationKey('ana', 'c1')).not.toBe(conversationKey('ana', 'c2'));
    expect(conversationKey('ana', 'c1')).not.toBe(conversationKey('bo', 'c1'));
    expect(conversationKey('ana')).toBe(conversationKey('ana', null));
    expect(conversationKey('ana')).not.toBe(conversationKey('ana', 'c1'));
  });
});

describe('conversation store', () => {
  it('keeps the last turns of a conversation, oldest first, at most three', () => {
    const store = createConversationStore();
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) store.record('k', `q${id}`, answered(id), i);
    expect(store.context('k', 4).map((t) => t.matchId)).toEqual(['b', 'c', 'd']);
    expect(store.context('other', 4)).toEqual([]);
  });

  it('expires a conversation ten minutes after its last turn, and each turn extends it', () => {
    const store = createConversationStore();
    expect(CONVERSATION_LIMITS.ttlMs).toBe(10 * MINUTE);
    store.record('k', 'flu?', answered('flu'), 0);
    store.record('k', 'why?', answered('flu'), 9 * MINUTE);
    expect(store.context('k', 18 * MINUTE)).toHaveLength(2);
    expect(store.context('k', 19 * MINUTE)).toEqual([]);
    // Expired means gone: a new turn starts a new conversation.
    expect(store.record('k', 'covid?', answered('covid'), 19 * MINUTE)).toHaveLength(1);
  });

  it('sweeps expired conversations and keeps live ones', () => {
    const store = createConversationStore({ ttlMs: 10 });
    store.record('old', 'a', answered('a'), 0);
    store.record('mid', 'b', answered('b'), 5);
    store.record('new', 'c', answered('c'), 20);
    expect(store.sweep(16)).toBe(2);
    expect(store.size).toBe(1);
    expect(store.context('new', 16)).toHaveLength(1);
  });

  it('holds the default cap of 50,000 conversations, forgetting the least recently active first', () => {
    const store = createConversationStore();
    const cap = CONVERSATION_LIMITS.maxConversations;
    expect(cap).toBe(50_000);
    const reply = answered('x');
    for (let i = 0; i < cap; i++) store.record(`m${i}`, 'q', reply, 0);
    // Member 0 talks again: now the most recent, so member 1 is the one to go.
    store.record('m0', 'why?', reply, 1);
    for (let i = cap; i < cap + 1000; i++) store.record(`m${i}`, 'q', reply, 2);
    expect(store.size).toBe(cap);
    expect(store.context('m0', 3)).toHaveLength(2);
    expect(store.context('m1', 3)).toEqual([]);
    expect(store.context(`m${cap + 999}`, 3)).toHaveLength(1);
  });

  it('never holds more than its cap, whatever the order of turns, reads and forgets', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('record' as const), key: fc.integer({ min: 0, max: 30 }), dt: fc.nat(20) }),
      fc.record({ kind: fc.constant('read' as const), key: fc.integer({ min: 0, max: 30 }), dt: fc.nat(20) }),
      fc.record({ kind: fc.constant('forget' as const), key: fc.integer({ min: 0, max: 30 }), dt: fc.constant(0) }),
      fc.record({ kind: fc.constant('sweep' as const), key: fc.constant(0), dt: fc.nat(20) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(op, { maxLength: 200 }), (cap, ops) => {
        const store = createConversationStore({ maxConversations: cap, ttlMs: 15 });
        let now = 0;
        for (const o of ops) {
          now += o.dt;
          if (o.kind === 'record') store.record(`k${o.key}`, 'q', answered('x'), now);
          else if (o.kind === 'read') {
            const turns = store.context(`k${o.key}`, now);
            expect(turns.length).toBeLessThanOrEqual(3);
          } else if (o.kind === 'forget') store.forget(`k${o.key}`);
          else store.sweep(now);
          expect(store.size).toBeLessThanOrEqual(cap);
        }
      }),
    );
  });

  it('keeps nothing with a cap of 0 (conversations off): every message stands alone', () => {
    const store = createConversationStore({ maxConversations: 0 });
    expect(store.record('k', 'what is selenium?', answered('a'), 0)).toEqual([]);
    expect(store.context('k', 1)).toEqual([]);
    expect(store.size).toBe(0);
    // A cap of 1 still keeps one: 0 is the only "off".
    const one = createConversationStore({ maxConversations: 1 });
    one.record('k', 'what is selenium?', answered('a'), 0);
    expect(one.context('k', 1)).toHaveLength(1);
  });

  it('forgets a conversation on request', () => {
    const store = createConversationStore();
    store.record('k', 'flu?', answered('flu'), 0);
    expect(store.forget('k')).toBe(true);
    expect(store.context('k', 1)).toEqual([]);
    expect(store.forget('k')).toBe(false);
  });
});

describe('editing and deleting the last turn', () => {
  /** Records a turn the way the Discord adapter does, keeping its number to replace or drop it later. */
  const recordTurn = (store: ReturnType<typeof createConversationStore>, key: string, id: string, now: number) => {
    store.record(key, `${id}?`, answered(id), now);
    const turn = store.lastTurn(key, now);
    if (turn === null) throw new Error('recorded a turn');
    return turn;
  };

  it('replaces the last turn with the edited message and its answer, keeping the turns before it', () => {
    const store = createConversationStore();
    recordTurn(store, 'k', 'flu', 0);
    const typo = recordTurn(store, 'k', 'covdi', 1);
    const replaced = store.replaceLast('k', typo, 'covid?', answered('covid'), 2);
    expect(replaced?.map((t) => t.matchId)).toEqual(['flu', 'covid']);
    expect(store.context('k', 3).map((t) => t.question)).toEqual(['flu?', 'covid?']);
    // The turn keeps its number: a second edit of the same message replaces it again.
    expect(store.lastTurn('k', 3)).toBe(typo);
    expect(store.replaceLast('k', typo, 'the flu?', answered('flu'), 4)?.map((t) => t.question)).toEqual([
      'flu?',
      'the flu?',
    ]);
  });

  it('knows the context each of the last two turns was read against, and no older one', () => {
    const store = createConversationStore();
    const turns = ['a', 'b', 'c', 'd', 'e'].map((id, i) => recordTurn(store, 'k', id, i));
    const [, , c, d, e] = turns;
    if (c === undefined || d === undefined || e === undefined) throw new Error('five turns');
    expect(store.before('k', e, 5)?.map((t) => t.matchId)).toEqual(['b', 'c', 'd']);
    expect(store.before('k', d, 5)?.map((t) => t.matchId)).toEqual(['a', 'b', 'c']);
    expect(store.before('k', c, 5)).toBeNull();
    expect(store.before('other', e, 5)).toBeNull();
    expect(store.lastTurn('other', 5)).toBeNull();
  });

  it('leaves the conversation alone when a later turn came after the edited one', () => {
    const store = createConversationStore();
    const first = recordTurn(store, 'k', 'flu', 0);
    recordTurn(store, 'k', 'covid', 1);
    expect(store.replaceLast('k', first, 'kids?', answered('kids'), 2)).toBeNull();
    expect(store.dropLast('k', first, 2)).toBe(false);
    expect(store.context('k', 3).map((t) => t.matchId)).toEqual(['flu', 'covid']);
  });

  it('leaves a conversation that ended, or started afresh, alone', () => {
    const store = createConversationStore({ ttlMs: 10 });
    const old = recordTurn(store, 'k', 'flu', 0);
    expect(store.replaceLast('k', old, 'covid?', answered('covid'), 10)).toBeNull();
    expect(store.before('k', old, 10)).toBeNull();
    // A new conversation under the same key, even with an equal context, is not the one the turn was in.
    recordTurn(store, 'k', 'flu', 20);
    expect(store.replaceLast('k', old, 'covid?', answered('covid'), 21)).toBeNull();
    expect(store.dropLast('k', old, 21)).toBe(false);
    expect(store.context('k', 21)).toHaveLength(1);
  });

  it('drops the last turn, going back to the context before it, or forgetting a one-turn conversation', () => {
    const store = createConversationStore();
    const first = recordTurn(store, 'k', 'flu', 0);
    const second = recordTurn(store, 'k', 'covid', 1);
    expect(store.dropLast('k', second, 2)).toBe(true);
    expect(store.context('k', 2).map((t) => t.matchId)).toEqual(['flu']);
    // The turn before is the last again: deleting its message drops it too.
    expect(store.lastTurn('k', 2)).toBe(first);
    expect(store.dropLast('k', first, 2)).toBe(true);
    expect(store.context('k', 2)).toEqual([]);
    const only = recordTurn(store, 'solo', 'flu', 0);
    expect(store.dropLast('solo', only, 1)).toBe(true);
    expect(store.size).toBe(0);
    expect(store.context('solo', 1)).toEqual([]);
  });

  it('records no turn with conversations off', () => {
    const store = createConversationStore({ maxConversations: 0 });
    store.record('k', 'flu?', answered('flu'), 0);
    expect(store.lastTurn('k', 0)).toBeNull();
  });
});

describe('conversation memory', () => {
  it('stays in memory: the store imports nothing that could reach a disk, a database or the network', () => {
    const source = readFileSync(new URL('../../src/conversation/store.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.every((i) => i?.startsWith('../engine/'))).toBe(true);
  });
});
