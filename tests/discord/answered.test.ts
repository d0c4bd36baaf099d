import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANSWERED_LIMITS,
  type AnsweredMessage,
  answerPrint,
  createAnsweredMessages,
  fingerprint,
} from '../../src/discord/answered.js';
import { newAnswerId } from '../../src/discord/context.js';
import type { Answer } from '../../src/engine/types.js';
import { answerFixture } from '../fixtures/answer.js';

const MINUTE = 60_000;

const entry = (replyId: string): Omit<AnsweredMessage, 'answeredAt'> => ({
  replyId,
  channelId: 'c1',
  askerId: 'ana',
  conversation: null,
  turn: null,
  text: fingerprint('q'),
  answerId: null,
  answerPrint: '',
  referenced: null,
  edits: 0,
});

/** A map on a clock the test moves. */
function onClock(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const clock = { t: 0 };
  return { clock, map: createAnsweredMessages({ ...options, now: () => clock.t }) };
}

describe('answered messages', () => {
  it('keep an answer 15 minutes, counted from the answer, not from its edits', () => {
    expect(ANSWERED_LIMITS.ttlMs).toBe(15 * MINUTE);
    const { clock, map } = onClock();
    map.remember('m1', entry('r1'));
    clock.t = 14 * MINUTE;
    map.update('m1', { edits: 1 });
    expect(map.get('m1')?.edits).toBe(1);
    clock.t = 15 * MINUTE;
    expect(map.get('m1')).toBeUndefined();
    // Expired means gone, for an update and a forget too.
    map.update('m1', { edits: 2 });
    expect(map.forget('m1')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('keep exactly the fields remembered, and an update changes only the ones it names', () => {
    const { clock, map } = onClock();
    clock.t = 5;
    const full: Omit<AnsweredMessage, 'answeredAt'> = {
      ...entry('r1'),
      conversation: 'c1:ana',
      turn: 7,
      answerId: 'a1',
      answerPrint: 'true:e1:abc',
      referenced: { authorId: 'bo', text: 'hi' },
    };
    map.remember('m1', full);
    expect(map.get('m1')).toEqual({ ...full, answeredAt: 5 });
    clock.t = 9;
    map.update('m1', { edits: 1, turn: null, referenced: null });
    expect(map.get('m1')).toEqual({ ...full, edits: 1, turn: null, referenced: null, answeredAt: 5 });
  });

  it('hold a change to a message being answered until it settles: the last edit, or a delete over any edit', () => {
    const { map } = onClock();
    // Not being answered: nothing to hold.
    expect(map.hold('m1', { kind: 'edit', content: 'a' })).toBe(false);
    map.begin('m1');
    expect(map.settle('m1')).toBeUndefined();
    map.begin('m1');
    expect(map.hold('m1', { kind: 'edit', content: 'a' })).toBe(true);
    map.hold('m1', { kind: 'edit', content: 'b' });
    expect(map.settle('m1')).toEqual({ kind: 'edit', content: 'b' });
    // Settled means over: a later settle finds nothing, and changes are no longer held.
    expect(map.settle('m1')).toBeUndefined();
    expect(map.hold('m1', { kind: 'delete' })).toBe(false);
    map.begin('m2');
    map.hold('m2', { kind: 'delete' });
    map.hold('m2', { kind: 'edit', content: 'c' });
    expect(map.settle('m2')).toEqual({ kind: 'delete' });
  });

  it('forget returns the entry once', () => {
    const { map } = onClock();
    map.remember('m1', entry('r1'));
    expect(map.forget('m1')?.replyId).toBe('r1');
    expect(map.forget('m1')).toBeUndefined();
  });

  it('sweeps expired answers and keeps live ones', () => {
    const { clock, map } = onClock({ ttlMs: 10 });
    map.remember('old', entry('r1'));
    clock.t = 5;
    map.remember('mid', entry('r2'));
    clock.t = 8;
    map.remember('new', entry('r3'));
    clock.t = 16;
    expect(map.sweep()).toBe(2);
    expect(map.size).toBe(1);
    expect(map.get('new')?.replyId).toBe('r3');
  });

  it(`holds the default cap of ${ANSWERED_LIMITS.maxEntries.toLocaleString('en')}, forgetting the oldest answer first`, () => {
    const { map } = onClock();
    const cap = ANSWERED_LIMITS.maxEntries;
    for (let i = 0; i < cap + 500; i++) map.remember(`m${i}`, entry(`r${i}`));
    expect(map.size).toBe(cap);
    expect(map.get('m0')).toBeUndefined();
    expect(map.get('m499')).toBeUndefined();
    expect(map.get('m500')?.replyId).toBe('r500');
    expect(map.get(`m${cap + 499}`)?.replyId).toBe(`r${cap + 499}`);
  });

  it('never holds more than its cap, whatever the order of answers, edits, deletes and sweeps', () => {
    const op = fc.record({
      kind: fc.constantFrom('remember', 'update', 'forget', 'get', 'sweep'),
      key: fc.integer({ min: 0, max: 30 }),
      dt: fc.nat(20),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(op, { maxLength: 200 }), (cap, ops) => {
        const { clock, map } = onClock({ maxEntries: cap, ttlMs: 15 });
        for (const o of ops) {
          clock.t += o.dt;
          const key = `m${o.key}`;
          if (o.kind === 'remember') map.remember(key, entry(key));
          else if (o.kind === 'update') map.update(key, { edits: 1 });
          else if (o.kind === 'forget') map.forget(key);
          else if (o.kind === 'get') map.get(key);
          else map.sweep();
          expect(map.size).toBeLessThanOrEqual(cap);
        }
      }),
    );
  });
});

describe('answered messages, packed', () => {
  const snowflake = (i: number) => String(1191168914239782913n + BigInt(i));
  const real = (i: number): Omit<AnsweredMessage, 'answeredAt'> => ({
    replyId: snowflake(100_000 + i),
    channelId: snowflake(i % 3),
    askerId: snowflake(7),
    conversation: [null, `${snowflake(i % 3)}:${snowflake(7)}`, `dm:${snowflake(7)}`, 'elsewhere:7'][i % 4] ?? null,
    turn: i % 5 === 0 ? null : i,
    text: fingerprint(`q${i}`),
    answerId: i % 2 ? newAnswerId() : null,
    answerPrint: answerPrint(answerFixture({ text: `a${i}`, disclaimer: 'x', matchId: 'e1' })),
    referenced: i % 7 === 0 ? { authorId: snowflake(9), text: `look <@${i}>` } : null,
    edits: i % 6,
  });

  it('give back exactly what was remembered, whatever packs and whatever does not', () => {
    const { map } = onClock();
    const odd = { ...real(1), replyId: '007', channelId: 'c1', text: 'short', answerId: 'a1', edits: 300 };
    const entries = [...Array.from({ length: 30 }, (_, i) => real(i)), odd];
    for (const [i, e] of entries.entries()) map.remember(`m${i}`, e);
    for (const [i, e] of entries.entries()) expect(map.get(`m${i}`)).toEqual({ ...e, answeredAt: 0 });
  });

  it('behave as a map with expiry and a cap on live answers, oldest answer first, under any operations', () => {
    const op = fc.record({
      kind: fc.constantFrom('remember', 'remember', 'update', 'forget', 'get', 'sweep'),
      key: fc.integer({ min: 0, max: 150 }),
      dt: fc.nat(2),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(op, { minLength: 200, maxLength: 600 }), (cap, ops) => {
        // Long enough for the ring to fill past its first 64 slots, grow, and compact forgotten slots.
        const ttlMs = 300;
        const { clock, map } = onClock({ maxEntries: cap, ttlMs });
        // The model: insertion order, expiry from the answer, the oldest live answer out past the cap.
        const model = new Map<string, { entry: Omit<AnsweredMessage, 'answeredAt'>; at: number }>();
        const expire = () => {
          for (const [k, v] of model) if (v.at + ttlMs <= clock.t) model.delete(k);
        };
        for (const [n, o] of ops.entries()) {
          clock.t += o.dt;
          const key = `m${o.key}`;
          expire();
          if (o.kind === 'remember') {
            const e = real(n);
            map.remember(key, e);
            model.delete(key);
            model.set(key, { entry: e, at: clock.t });
            while (model.size > cap) model.delete(model.keys().next().value as string);
          } else if (o.kind === 'update') {
            map.update(key, { edits: 2, answerId: null });
            const m = model.get(key);
            if (m) m.entry = { ...m.entry, edits: 2, answerId: null };
          } else if (o.kind === 'forget') {
            const m = model.get(key);
            expect(map.forget(key)).toEqual(m ? { ...m.entry, answeredAt: m.at } : undefined);
            model.delete(key);
          } else if (o.kind === 'sweep') map.sweep();
          expect(map.size).toBeLessThanOrEqual(cap);
          // Every key now and then (a full comparison per operation is slow), the touched one always.
          for (let k = n % 50 === 0 ? 0 : o.key; k <= (n % 50 === 0 ? 150 : o.key); k++) {
            const m = model.get(`m${k}`);
            expect(map.get(`m${k}`)).toEqual(m ? { ...m.entry, answeredAt: m.at } : undefined);
          }
          // Expired entries count until read or swept: after reading every key, none is left.
          if (n % 50 === 0) expect(map.size).toBe(model.size);
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('fingerprints', () => {
  const answer = (text: string, matchId: string | null): Answer =>
    answerFixture({ answered: matchId !== null, text, disclaimer: 'x', matchId });

  it('tell texts apart without keeping them', () => {
    expect(fingerprint('what is selenium?')).toBe(fingerprint('what is selenium?'));
    expect(fingerprint('what is selenium?')).not.toBe(fingerprint('what is selenium'));
    expect(fingerprint('x'.repeat(4000))).toHaveLength(16);
  });

  it("are the first 16 characters of the text's SHA-256 in base64url, whichever hashing call makes them", () => {
    const sha = (t: string) => createHash('sha256').update(t).digest('base64url').slice(0, 16);
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (t) => fingerprint(t) === sha(t)));
    expect(fingerprint('é 🙂 <@123>')).toBe(sha('é 🙂 <@123>'));
  });

  it('say whether an edited answer says the same as before', () => {
    expect(answerPrint(answer('a', 'e1'))).toBe(answerPrint(answer('a', 'e1')));
    expect(answerPrint(answer('a', 'e1'))).not.toBe(answerPrint(answer('b', 'e1')));
    expect(answerPrint(answer('a', 'e1'))).not.toBe(answerPrint(answer('a', 'e2')));
    // A fingerprint of answered, the match id and the text's fingerprint: fixed length, so it packs.
    const a = answer('a', 'e1');
    expect(answerPrint(a)).toBe(fingerprint(`${a.answered}:${a.matchId ?? '-'}:${fingerprint(a.text)}`));
    expect(answerPrint(answer('a', null))).not.toBe(
      answerPrint(answerFixture({ answered: true, text: 'a', disclaimer: 'x', matchId: null })),
    );
  });
});
