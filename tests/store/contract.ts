// One behaviour for both backends: every test here runs against the SQLite file and against a real
// PostgreSQL server (contract-sqlite.test.ts, contract-postgres.test.ts). Written against StoreBackend only.
import { describe, expect, it } from 'vitest';
import type { QuestionInput, StoreBackend } from '../../src/store/index.js';
import { fakeClock } from './helpers.js';

const DAY = 86_400_000;

export interface ContractHarness {
  /**
   * A fresh, empty database per call of `fresh()`; `open()` opens a store on it (call twice for two hosts or
   * shards sharing it). Stores are closed by the test.
   */
  fresh(): Promise<{ open(clock?: () => number): Promise<StoreBackend> }>;
  /** How long a settings change made through one store may take to be seen through another. */
  propagationMs: number;
}

const q = (over: Partial<QuestionInput> & { text: string }): QuestionInput => ({
  guildId: 'g1',
  normalised: over.text.toLowerCase(),
  answered: false,
  entryId: null,
  confidence: 0.1,
  route: 'none',
  ...over,
});

const waitFor = async (check: () => boolean, ms: number): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`not true within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string; message: string }): T => {
  if (!r.ok) throw new Error(`store failed: ${r.reason}: ${r.message}`);
  return r.value;
};

export function storeContract(name: string, h: ContractHarness): void {
  describe(`store contract: ${name}`, () => {
    it('one vote per member per answer, changeable, with the previous vote reported', async () => {
      const clock = fakeClock();
      const store = await (await h.fresh()).open(clock.now);
      const base = { answerId: 'ans1', guildId: 'g1', entryId: 'intake' } as const;
      expect(await store.recordVote({ ...base, userId: 'alice', vote: 'up' })).toMatchObject({
        ok: true,
        value: { vote: 'up', previous: null, entryId: 'intake', guildId: 'g1' },
      });
      clock.advance(1000);
      expect(await store.recordVote({ ...base, userId: 'alice', vote: 'up' })).toMatchObject({
        value: { vote: 'up', previous: 'up' },
      });
      clock.advance(1000);
      const changed = value(await store.recordVote({ ...base, userId: 'alice', vote: 'down' }));
      expect(changed).toMatchObject({ vote: 'down', previous: 'up' });
      expect(changed.updatedAt.getTime() - changed.createdAt.getTime()).toBe(2000);
      value(await store.recordVote({ ...base, userId: 'bob', vote: 'up' }));
      value(await store.recordVote({ ...base, answerId: 'ans2', userId: 'alice', vote: 'up' }));

      expect(await store.getVote({ answerId: 'ans1', userId: 'alice' })).toEqual({ ok: true, value: 'down' });
      expect(await store.getVote({ answerId: 'ans1', userId: 'carol' })).toEqual({ ok: true, value: null });
      expect(await store.feedbackSummary({ since: new Date(0) })).toEqual({
        ok: true,
        value: [{ entryId: 'intake', up: 2, down: 1 }],
      });
      expect(await store.recordVote({ ...base, answerId: 'bad id!', userId: 'a', vote: 'up' })).toMatchObject({
        ok: false,
        reason: 'invalid',
      });
      await store.close();
    });

    it('concurrent votes from two hosts: one row per member per answer, none lost', async () => {
      const db = await h.fresh();
      const [a, b] = [await db.open(), await db.open()];
      const votes = Array.from({ length: 40 }, (_, i) => ({
        answerId: `ans${i % 4}`,
        userId: `member${i % 10}`,
        guildId: 'g1',
        entryId: `entry${i % 4}`,
        vote: i % 3 === 0 ? ('down' as const) : ('up' as const),
      }));
      const results = await Promise.all(votes.map((v, i) => (i % 2 === 0 ? a : b).recordVote(v)));
      expect(results.every((r) => r.ok)).toBe(true);
      // 10 members x 4 answers, but member m votes only on answer m % 4: each (answer, member) pair once.
      const summary = value(await a.feedbackSummary({ since: new Date(0) }));
      expect(summary.reduce((n, e) => n + e.up + e.down, 0)).toBe(
        new Set(votes.map((v) => `${v.answerId}/${v.userId}`)).size,
      );
      await a.close();
      await b.close();
    });

    it('the first vote sent twice at once (two clicks, two hosts) is new only once', async () => {
      const db = await h.fresh();
      const [a, b] = [await db.open(), await db.open()];
      // Even answers: the same click twice; odd ones: 👍 through one host and 👎 through the other.
      const pairs = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const vote = (v: 'up' | 'down') =>
            ({ answerId: `race${i}`, userId: 'alice', guildId: 'g1', entryId: null, vote: v }) as const;
          const [x, y] = await Promise.all([a.recordVote(vote('up')), b.recordVote(vote(i % 2 ? 'down' : 'up'))]);
          return { i, results: [value(x), value(y)] };
        }),
      );
      for (const { i, results } of pairs) {
        const first = results.filter((r) => r.previous === null);
        // Exactly one of the two inserted; the other replaced that one's vote and is what is stored now.
        expect(first, `answer race${i}`).toHaveLength(1);
        const later = results.find((r) => r.previous !== null);
        expect(later?.previous).toBe(first[0]?.vote);
        expect(await a.getVote({ answerId: `race${i}`, userId: 'alice' })).toEqual({ ok: true, value: later?.vote });
      }
      await a.close();
      await b.close();
    });

    it('logs questions and reports unanswered, worst and low-confidence ones', async () => {
      const clock = fakeClock();
      const store = await (await h.fresh()).open(clock.now);
      value(await store.recordQuestion(q({ text: 'Is selenium in rice?', normalised: 'selenium rice' })));
      clock.advance(1000);
      value(await store.recordQuestion(q({ text: 'selenium in RICE', normalised: 'selenium rice' })));
      value(await store.recordQuestion(q({ text: 'Where is the moon?', normalised: 'moon' })));
      value(
        await store.recordQuestion(
          q({ text: 'How much selenium?', answered: true, entryId: 'intake', confidence: 0.4, route: 'entry' }),
        ),
      );
      clock.advance(1000);
      value(
        await store.recordQuestion(
          q({ text: 'how much selenium?', answered: true, entryId: 'intake', confidence: 0.3, route: 'entry' }),
        ),
      );
      value(
        await store.recordQuestion(
          q({ text: 'Brazil nuts', answered: true, entryId: 'foods', confidence: 0.9, route: 'food' }),
        ),
      );
      store.logQuestion(q({ text: 'queued question', normalised: 'queued' }));
      for (const [user, vote] of [
        ['u1', 'down'],
        ['u2', 'down'],
        ['u3', 'up'],
      ] as const)
        value(await store.recordVote({ answerId: 'a1', userId: user, guildId: 'g1', entryId: 'intake', vote }));
      value(await store.recordVote({ answerId: 'a2', userId: 'u1', guildId: 'g1', entryId: 'foods', vote: 'up' }));

      // The queued question is written soon after, without anyone waiting for it.
      let report = value(await store.report({ since: new Date(0) }));
      for (let i = 0; i < 100 && report.topUnanswered.length < 3; i++) {
        await new Promise((r) => setTimeout(r, 20));
        report = value(await store.report({ since: new Date(0) }));
      }
      // Most asked first, then latest first; the text is the latest wording.
      expect(report.topUnanswered).toEqual([
        { text: 'selenium in RICE', count: 2, lastSeen: new Date(clock.now() - 1000) },
        { text: 'queued question', count: 1, lastSeen: new Date(clock.now()) },
        { text: 'Where is the moon?', count: 1, lastSeen: new Date(clock.now() - 1000) },
      ]);
      expect(report.worstEntries).toEqual([{ entryId: 'intake', up: 1, down: 2 }]);
      expect(report.lowConfidence).toEqual([
        { text: 'how much selenium?', entryId: 'intake', confidence: 0.3, count: 2 },
        { text: 'Brazil nuts', entryId: 'foods', confidence: 0.9, count: 1 },
      ]);
      const recent = value(await store.report({ since: new Date(clock.now()), lowConfidenceBelow: 0.5 }));
      expect(recent.lowConfidence).toEqual([
        { text: 'how much selenium?', entryId: 'intake', confidence: 0.3, count: 1 },
      ]);
      await store.close();
    });

    it('settings: defaults, patches, updaters, invalid input refused, seen by another host', async () => {
      const db = await h.fresh();
      const a = await db.open();
      const b = await db.open();
      expect(a.getSettings('g1')).toEqual({
        answerChannels: [],
        privateByDefault: false,
        cooldownSeconds: null,
        linkCards: true,
        threads: false,
      });
      expect(await a.updateSettings('g1', { answerChannels: ['c1', 'c2'], privateByDefault: true })).toMatchObject({
        ok: true,
        value: { answerChannels: ['c1', 'c2'], privateByDefault: true },
      });
      const updated = value(
        await a.updateSettings('g1', (cur) => ({ answerChannels: [...cur.answerChannels, 'c3', 'c1'] })),
      );
      expect(updated.answerChannels).toEqual(['c1', 'c2', 'c3']);
      expect(await a.updateSettings('g1', { cooldownSeconds: -1 })).toMatchObject({ ok: false, reason: 'invalid' });
      expect(await a.updateSettings('bad id!', { linkCards: false })).toMatchObject({ ok: false, reason: 'invalid' });
      expect(a.getSettings('g1').answerChannels).toEqual(['c1', 'c2', 'c3']);
      await waitFor(() => b.getSettings('g1').answerChannels.length === 3, h.propagationMs);
      expect(b.getSettings('g1')).toEqual(a.getSettings('g1'));
      // Callers get copies.
      a.getSettings('g1').answerChannels.push('zzz');
      expect(a.getSettings('g1').answerChannels).toHaveLength(3);
      await a.close();
      await b.close();
    });

    it('settings read-modify-write from two hosts at once loses no update', async () => {
      const db = await h.fresh();
      const a = await db.open();
      const b = await db.open();
      const adds = Array.from({ length: 20 }, (_, i) => `chan${i}`);
      const results = await Promise.all(
        adds.map((c, i) =>
          (i % 2 === 0 ? a : b).updateSettings('g1', (cur) => ({ answerChannels: [...cur.answerChannels, c] })),
        ),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      await waitFor(() => a.getSettings('g1').answerChannels.length === 20, h.propagationMs);
      expect([...a.getSettings('g1').answerChannels].sort()).toEqual([...adds].sort());
      await a.close();
      await b.close();
    });

    it('retention: old question texts deleted, old votes anonymised, idempotent', async () => {
      const clock = fakeClock();
      const store = await (await h.fresh()).open(clock.now);
      value(await store.recordQuestion(q({ text: 'old question' })));
      value(
        await store.recordVote({ answerId: 'a1', userId: 'alice', guildId: 'g1', entryId: 'intake', vote: 'down' }),
      );
      clock.advance(89 * DAY);
      value(await store.recordQuestion(q({ text: 'recent question' })));
      clock.advance(2 * DAY);
      expect(await store.purgeExpired()).toEqual({ ok: true, value: { questions: 1, votes: 1 } });
      expect(await store.purgeExpired()).toEqual({ ok: true, value: { questions: 0, votes: 0 } });
      const report = value(await store.report({ since: new Date(0) }));
      expect(report.topUnanswered.map((r) => r.text)).toEqual(['recent question']);
      // The vote still counts for curators, but no longer belongs to alice.
      expect(report.worstEntries).toEqual([{ entryId: 'intake', up: 0, down: 1 }]);
      expect(await store.getVote({ answerId: 'a1', userId: 'alice' })).toEqual({ ok: true, value: null });
      await store.close();
    });

    it('exports and purges one guild, leaving the others', async () => {
      const clock = fakeClock();
      const store = await (await h.fresh()).open(clock.now);
      value(await store.recordQuestion(q({ guildId: 'g1', text: 'tuna?' })));
      value(await store.recordQuestion(q({ guildId: 'g2', text: 'rice?' })));
      value(await store.recordVote({ answerId: 'm1', userId: '111', guildId: 'g1', entryId: 'foods', vote: 'up' }));
      value(await store.recordVote({ answerId: 'm2', userId: '222', guildId: 'g2', entryId: 'foods', vote: 'down' }));
      value(await store.updateSettings('g1', { linkCards: false }));
      value(await store.updateSettings('g2', { cooldownSeconds: 60 }));

      const exported = value(await store.exportGuild('g1'));
      expect(exported).toMatchObject({
        format: 'selene-guild-export',
        guildId: 'g1',
        settings: { linkCards: false },
        votes: [{ answerId: 'm1', entryId: 'foods', vote: 'up' }],
        questions: [{ text: 'tuna?', answered: false, route: 'none' }],
      });
      expect(JSON.stringify(exported)).not.toContain('111');

      expect(await store.purgeGuild('g1')).toEqual({ ok: true, value: { votes: 1, questions: 1, settings: 1 } });
      expect(store.getSettings('g1').linkCards).toBe(true);
      expect(value(await store.exportGuild('g1'))).toMatchObject({ settings: null, votes: [], questions: [] });
      expect(value(await store.exportGuild('g2'))).toMatchObject({
        settings: { cooldownSeconds: 60 },
        votes: [{}],
        questions: [{}],
      });
      expect(await store.deleteGuild('g2')).toEqual({ ok: true, value: { settings: 1 } });
      expect(store.getSettings('g2').cooldownSeconds).toBeNull();
      await store.close();
    });

    it('reports itself healthy, and closed after close', async () => {
      const store = await (await h.fresh()).open();
      expect(store.health()).toEqual({ writable: true });
      expect(store.queueStats()).toEqual({ queued: 0, dropped: 0 });
      await store.close();
      expect(
        await store.recordVote({ answerId: 'a', userId: 'u', guildId: null, entryId: null, vote: 'up' }),
      ).toMatchObject({
        ok: false,
        reason: 'closed',
      });
    });
  });
}
