import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { databaseBytes, fakeClock, recordingLogger, tempDataDir } from './helpers.js';

const RAW_USER_ID = '987654321098765432';

const allRowsAsText = (dataDir: string): string => {
  const db = new Database(join(dataDir, 'selene.db'), { readonly: true });
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
    (r) => r.name,
  );
  const text = names.map((n) => JSON.stringify(db.prepare(`SELECT * FROM "${n}"`).all())).join('\n');
  db.close();
  return text;
};

const withDb = <T>(dataDir: string, read: (db: Database.Database) => T): T => {
  const db = new Database(join(dataDir, 'selene.db'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
};

describe('votes', () => {
  it('one vote per member per answer, changeable, reporting the previous vote', () => {
    const clock = fakeClock();
    const store = openStore({ dataDir: tempDataDir(), clock: clock.now, logger: recordingLogger() });
    const base = { answerId: 'ans1', guildId: 'g1', entryId: 'intake' } as const;

    const first = store.recordVote({ ...base, userId: 'alice', vote: 'up' });
    expect(first).toMatchObject({ ok: true, value: { vote: 'up', previous: null, entryId: 'intake', guildId: 'g1' } });
    clock.advance(1000);
    const again = store.recordVote({ ...base, userId: 'alice', vote: 'up' });
    expect(again).toMatchObject({ ok: true, value: { vote: 'up', previous: 'up' } });
    clock.advance(1000);
    const changed = store.recordVote({ ...base, userId: 'alice', vote: 'down' });
    expect(changed).toMatchObject({ ok: true, value: { vote: 'down', previous: 'up' } });
    if (!changed.ok) throw new Error('unreachable');
    expect(changed.value.updatedAt.getTime() - changed.value.createdAt.getTime()).toBe(2000);

    expect(store.recordVote({ ...base, userId: 'bob', vote: 'up' }).ok).toBe(true);
    expect(store.recordVote({ ...base, answerId: 'ans2', userId: 'alice', vote: 'up' }).ok).toBe(true);

    expect(store.getVote({ answerId: 'ans1', userId: 'alice' })).toEqual({ ok: true, value: 'down' });
    expect(store.getVote({ answerId: 'ans1', userId: 'carol' })).toEqual({ ok: true, value: null });
    // ans1: alice down (changed, counted once), bob up; ans2: alice up.
    expect(store.feedbackSummary({ since: new Date(0) })).toEqual({
      ok: true,
      value: [{ entryId: 'intake', up: 2, down: 1 }],
    });
    store.close();
  });

  it('after the retention period, old votes still count but no longer carry the member hash', () => {
    const clock = fakeClock();
    const dataDir = tempDataDir();
    const store = openStore({ dataDir, clock: clock.now, retentionDays: 90, logger: recordingLogger() });
    const vote = (answerId: string, userId: string, v: 'up' | 'down') =>
      store.recordVote({ answerId, userId, guildId: 'g1', entryId: 'intake', vote: v });
    vote('old1', 'alice', 'down');
    vote('old2', 'alice', 'up');
    clock.advance(89 * 86_400_000);
    vote('new1', 'alice', 'up');
    const hashesBefore = (db: Database.Database) =>
      (db.prepare('SELECT answer_id, user_hash FROM votes ORDER BY answer_id').all() as { user_hash: string }[]).map(
        (r) => r.user_hash,
      );
    const before = withDb(dataDir, hashesBefore);
    clock.advance(2 * 86_400_000);

    expect(store.purgeExpired()).toEqual({ ok: true, value: { questions: 0, votes: 2 } });
    const after = withDb(dataDir, hashesBefore);
    // new1 keeps alice's hash; old1 and old2 lost it, and do not share one another's either.
    expect(after[0]).toBe(before[0]);
    expect(after.slice(1)).not.toContain(before[0]);
    expect(new Set(after).size).toBe(3);
    expect(after.slice(1).every((h) => h.startsWith('expired:'))).toBe(true);
    // Still counted for curators, and alice is not recognised on an old answer any more.
    expect(store.feedbackSummary({ since: new Date(0) })).toEqual({
      ok: true,
      value: [{ entryId: 'intake', up: 2, down: 1 }],
    });
    expect(store.getVote({ answerId: 'old1', userId: 'alice' })).toEqual({ ok: true, value: null });
    expect(store.exportGuild('g1').ok).toBe(true);
    // A second run has nothing left to do.
    expect(store.purgeExpired()).toEqual({ ok: true, value: { questions: 0, votes: 0 } });
    store.close();
  });

  it('refuses invalid input without writing', () => {
    const store = openStore({ dataDir: tempDataDir(), logger: recordingLogger() });
    const bad = store.recordVote({
      answerId: 'ans 1; DROP TABLE votes',
      userId: 'alice',
      guildId: null,
      entryId: null,
      vote: 'up',
    });
    expect(bad).toMatchObject({ ok: false, reason: 'invalid' });
    // @ts-expect-error: a vote must be up or down
    expect(store.recordVote({ answerId: 'a', userId: 'u', guildId: null, entryId: null, vote: 'meh' }).ok).toBe(false);
    expect(store.health()).toEqual({ writable: true });
    store.close();
  });

  it('never stores the raw user id, in any table or anywhere in the file', () => {
    const dataDir = tempDataDir();
    const store = openStore({ dataDir, logger: recordingLogger() });
    for (let i = 0; i < 20; i++) {
      const r = store.recordVote({ answerId: `a${i}`, userId: RAW_USER_ID, guildId: 'g1', entryId: 'e', vote: 'up' });
      expect(r.ok).toBe(true);
    }
    // Checked while open (WAL present) and after close (checkpointed into the main file).
    expect(databaseBytes(dataDir).includes(RAW_USER_ID)).toBe(false);
    store.close();
    expect(databaseBytes(dataDir).includes(RAW_USER_ID)).toBe(false);

    const rows = allRowsAsText(dataDir);
    expect(rows).toContain('a19'); // the rows are there...
    expect(rows).not.toContain(RAW_USER_ID); // ...but not the id,
    const plainSha = createHash('sha256').update(RAW_USER_ID).digest('hex');
    expect(rows).not.toContain(plainSha); // nor an unkeyed hash anyone could recompute.
  });

  it('hashes with the secret: another secret does not recognise the member', () => {
    const dataDir = tempDataDir();
    const a = openStore({ dataDir, hashSecret: 'first-secret-0123456789', logger: recordingLogger() });
    expect(a.recordVote({ answerId: 'x', userId: RAW_USER_ID, guildId: 'g1', entryId: 'e', vote: 'up' }).ok).toBe(true);
    a.close();

    const b = openStore({ dataDir, hashSecret: 'second-secret-0123456789', logger: recordingLogger() });
    expect(b.getVote({ answerId: 'x', userId: RAW_USER_ID })).toEqual({ ok: true, value: null });
    b.close();

    const again = openStore({ dataDir, hashSecret: 'first-secret-0123456789', logger: recordingLogger() });
    expect(again.getVote({ answerId: 'x', userId: RAW_USER_ID })).toEqual({ ok: true, value: 'up' });
    again.close();
  });

  it('generates the secret once (mode 0600) and reuses it', () => {
    const dataDir = tempDataDir();
    const first = openStore({ dataDir, logger: recordingLogger() });
    const secretPath = join(dataDir, 'hash-secret');
    const secret = readFileSync(secretPath, 'utf8');
    expect(secret.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(secretPath).mode & 0o777).toBe(0o600);
    expect(
      first.recordVote({ answerId: 'x', userId: RAW_USER_ID, guildId: null, entryId: null, vote: 'down' }).ok,
    ).toBe(true);
    first.close();

    const second = openStore({ dataDir, logger: recordingLogger() });
    expect(readFileSync(secretPath, 'utf8')).toBe(secret);
    expect(second.getVote({ answerId: 'x', userId: RAW_USER_ID })).toEqual({ ok: true, value: 'down' });
    second.close();
  });

  it('rejects a short hash secret as a configuration error', () => {
    expect(() => openStore({ dataDir: tempDataDir(), hashSecret: 'short' })).toThrow(/16 characters/);
  });

  it("the summary always equals each member's last vote per answer (property)", () => {
    const votes = fc.array(
      fc.record({
        answer: fc.integer({ min: 0, max: 4 }),
        user: fc.integer({ min: 0, max: 3 }),
        vote: fc.constantFrom('up' as const, 'down' as const),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(votes, (cast) => {
        const store = openStore({
          dataDir: tempDataDir(),
          hashSecret: 'property-secret-0123456789',
          logger: recordingLogger(),
        });
        // The model: one vote per (answer, member), the last one wins; answer n belongs to entry n % 2.
        const last = new Map<string, { entry: string; vote: 'up' | 'down' }>();
        for (const v of cast) {
          const entryId = `e${v.answer % 2}`;
          const r = store.recordVote({
            answerId: `a${v.answer}`,
            userId: `u${v.user}`,
            guildId: 'g',
            entryId,
            vote: v.vote,
          });
          expect(r.ok).toBe(true);
          last.set(`${v.answer}/${v.user}`, { entry: entryId, vote: v.vote });
        }
        const expected = new Map<string, { entryId: string; up: number; down: number }>();
        for (const { entry, vote } of last.values()) {
          const row = expected.get(entry) ?? { entryId: entry, up: 0, down: 0 };
          row[vote] += 1;
          expected.set(entry, row);
        }
        const summary = store.feedbackSummary({ since: new Date(0) });
        store.close();
        expect(summary).toEqual({
          ok: true,
          value: [...expected.values()].sort((a, b) => a.entryId.localeCompare(b.entryId)),
        });
      }),
      { numRuns: 40 },
    );
  });
});
