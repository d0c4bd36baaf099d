// What only the PostgreSQL backend has: migrations under an advisory lock, startup refusals in one line,
// and degraded mode while the server is away (the SQLite equivalents live in migrations/unavailable tests).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openBackend, type StoreBackend, StoreOpenError } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import {
  applyPgMigrations,
  LOCK_CLASS,
  LOCKS,
  PG_MIGRATIONS,
  pgSchemaVersion,
  SETTINGS_LOCK_CLASS,
} from '../../src/store/postgres/migrations.js';
import { openPostgresStore } from '../../src/store/postgres/store.js';
import { recordingLogger, tempDataDir } from './helpers.js';
import { freePort, startTestPostgres, TEST_PG_PASSWORD, type TestPostgres } from './postgres-server.js';

const SECRET = 'a-test-secret-shared-by-hosts';
let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.stop();
});

let databases = 0;
const freshUrl = () => server.createDatabase(`pg_${++databases}`);

const withClient = async <T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

const openError = async (open: Promise<unknown>): Promise<string> => {
  try {
    await open;
  } catch (err) {
    expect(err).toBeInstanceOf(StoreOpenError);
    return (err as Error).message;
  }
  throw new Error('expected the store to refuse to open');
};

const waitFor = async (check: () => boolean | Promise<boolean>, ms: number): Promise<void> => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not true within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('PostgreSQL migrations', () => {
  it('numbers its steps like the SQLite file', () => {
    expect(PG_MIGRATIONS.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(PG_MIGRATIONS).toHaveLength(LATEST_SCHEMA_VERSION);
  });

  it('ten stores starting at once on an empty database migrate it once', async () => {
    const url = await freshUrl();
    const applied = await Promise.all(Array.from({ length: 10 }, () => withClient(url, (c) => applyPgMigrations(c))));
    expect(applied.reduce((a, b) => a + b, 0)).toBe(LATEST_SCHEMA_VERSION);
    expect(applied.filter((n) => n > 0)).toHaveLength(1);
    expect(await withClient(url, pgSchemaVersion)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('upgrades a database of the previous version, keeping its rows', async () => {
    const url = await freshUrl();
    await withClient(url, async (c) => {
      expect(await applyPgMigrations(c, PG_MIGRATIONS.slice(0, LATEST_SCHEMA_VERSION - 1))).toBe(
        LATEST_SCHEMA_VERSION - 1,
      );
      await c.query(`INSERT INTO guild_settings (guild_id, data, updated_at) VALUES ('g1', '{"linkCards":false}', 1)`);
    });
    const store = await openBackend({
      databaseUrl: url,
      dataDir: tempDataDir(),
      hashSecret: SECRET,
      logger: recordingLogger(),
    });
    expect(await withClient(url, pgSchemaVersion)).toBe(LATEST_SCHEMA_VERSION);
    expect(store.getSettings('g1').linkCards).toBe(false);
    expect(store.health()).toEqual({ writable: true });
    await store.close();
  });

  it('refuses a database written by a newer Selene', async () => {
    const url = await freshUrl();
    await withClient(url, async (c) => {
      await applyPgMigrations(c);
      await c.query('UPDATE selene_schema SET version = 99');
    });
    const message = await openError(
      openBackend({ databaseUrl: url, dataDir: tempDataDir(), hashSecret: SECRET, logger: recordingLogger() }),
    );
    expect(message).toMatch(/schema version 99 is newer/);
  });
});

describe('PostgreSQL startup refusals: one line, never the password', () => {
  const open = (databaseUrl: string, hashSecret: string | undefined) =>
    openBackend({ databaseUrl, dataDir: tempDataDir(), hashSecret, logger: recordingLogger() });

  it('a malformed URL', async () => {
    expect(await openError(open('mysql://u:pw@host/db', SECRET))).toMatch(
      /must start with postgres:\/\/ or postgresql:\/\//,
    );
    expect(await openError(open('postgres://', SECRET))).toMatch(/host|valid URL/);
  });

  it('no shared hash secret', async () => {
    expect(await openError(open(server.url(), undefined))).toMatch(/SELENE_HASH_SECRET is required with DATABASE_URL/);
  });

  it('an unreachable server', async () => {
    const port = await freePort();
    const message = await openError(open(`postgres://selene:hunter2-secret@127.0.0.1:${port}/selene`, SECRET));
    expect(message).toBe(
      `cannot reach PostgreSQL at 127.0.0.1:${port}/selene: connection refused (is the server running?)`,
    );
  });

  it('wrong credentials', async () => {
    const url = server.url().replace(TEST_PG_PASSWORD, 'wrong-password-xyz');
    const message = await openError(open(url, SECRET));
    expect(message).toMatch(/refused the credentials of user "selene"/);
    expect(message).not.toContain('wrong-password-xyz');
    expect(message).not.toContain('\n');
  });

  it('a database that does not exist', async () => {
    expect(await openError(open(server.url('no_such_db'), SECRET))).toMatch(/database "no_such_db" does not exist/);
  });
});

describe('PostgreSQL retention purge', () => {
  it('runs on one host at a time: while another holds the purge lock, this one skips and deletes nothing', async () => {
    const url = await freshUrl();
    const day = 86_400_000;
    let now = Date.UTC(2026, 0, 1);
    const store = await openBackend({
      databaseUrl: url,
      dataDir: tempDataDir(),
      hashSecret: SECRET,
      logger: recordingLogger(),
      clock: () => now,
    });
    const question = {
      guildId: 'g1',
      text: 'old',
      normalised: 'old',
      answered: false,
      entryId: null,
      confidence: 0,
      route: 'none' as const,
    };
    expect((await store.recordQuestion(question)).ok).toBe(true);
    now += 100 * day;
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, LOCKS.purge]);
      expect(await store.purgeExpired()).toEqual({ ok: true, value: { questions: 0, votes: 0 } });
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    expect(await store.purgeExpired()).toEqual({ ok: true, value: { questions: 1, votes: 0 } });
    await store.close();
  });
});

describe('PostgreSQL question queue', () => {
  it('counts what a full queue drops, and writes the rest', async () => {
    const url = await freshUrl();
    const store = await openPostgresStore({
      url,
      hashSecret: SECRET,
      logger: recordingLogger(),
      queueCapacity: 3,
      queueFlushDelayMs: 10_000,
    });
    const question = (text: string) => ({
      guildId: 'g1',
      text,
      normalised: text,
      answered: false,
      entryId: null,
      confidence: 0,
      route: 'none' as const,
    });
    for (const t of ['a', 'b', 'c', 'd', 'e']) store.logQuestion(question(t));
    expect(store.queueStats()).toEqual({ queued: 3, dropped: 2 });
    await store.close();
    expect(await withClient(url, async (c) => (await c.query('SELECT text FROM questions ORDER BY id')).rows)).toEqual([
      { text: 'a' },
      { text: 'b' },
      { text: 'c' },
    ]);
  });
});

describe('PostgreSQL degraded mode', () => {
  it('keeps settings and refuses writes at once while the server is down, then recovers without losing a commit', async () => {
    const url = await freshUrl();
    const open = () =>
      openBackend({ databaseUrl: url, dataDir: tempDataDir(), hashSecret: SECRET, logger: recordingLogger() });
    const a: StoreBackend = await open();
    const b: StoreBackend = await open();
    const vote = (answerId: string) => ({
      answerId,
      userId: 'alice',
      guildId: 'g1',
      entryId: 'intake',
      vote: 'up' as const,
    });
    expect((await a.updateSettings('g1', { answerChannels: ['c1'] })).ok).toBe(true);
    expect((await a.recordVote(vote('before'))).ok).toBe(true);
    await waitFor(() => b.getSettings('g1').answerChannels.length === 1, 1000);

    server.kill9();
    await waitFor(() => !a.health().writable && !b.health().writable, 5000);
    expect(a.health()).toMatchObject({
      writable: false,
      reason: 'io',
      degraded: true,
      message: expect.stringMatching(/PostgreSQL unreachable/),
    });
    const started = Date.now();
    expect(await a.recordVote(vote('during'))).toMatchObject({ ok: false, reason: 'io' });
    expect(await a.updateSettings('g1', { linkCards: false })).toMatchObject({ ok: false, reason: 'io' });
    expect(Date.now() - started).toBeLessThan(500);
    // Settings are still served, from memory.
    expect(b.getSettings('g1').answerChannels).toEqual(['c1']);
    a.logQuestion({
      guildId: 'g1',
      text: 'asked while down',
      normalised: 'asked while down',
      answered: false,
      entryId: null,
      confidence: 0,
      route: 'none',
    });
    expect(a.queueStats()).toEqual({ queued: 1, dropped: 0 });

    await server.start();
    await waitFor(() => a.health().writable && b.health().writable, 10_000);
    // b was away too: a change made through a after the restart still reaches it.
    expect((await a.updateSettings('g1', { answerChannels: ['c1', 'c2'] })).ok).toBe(true);
    await waitFor(() => b.getSettings('g1').answerChannels.length === 2, 1000);
    expect((await a.recordVote(vote('after'))).ok).toBe(true);
    await waitFor(() => a.queueStats().queued === 0, 5000);
    expect(a.queueStats().dropped).toBe(0);

    const rows = await withClient(url, async (c) => ({
      votes: (await c.query('SELECT answer_id FROM votes ORDER BY answer_id')).rows.map((r) => r.answer_id),
      questions: (await c.query('SELECT text FROM questions')).rows.map((r) => r.text),
    }));
    expect(rows).toEqual({ votes: ['after', 'before'], questions: ['asked while down'] });
    await a.close();
    await b.close();
  });

  it('a statement in flight when the server dies fails as io, and the process carries on', async () => {
    // A pooled connection in use has no listener of pg-pool's own: when its server died, pg emitted 'error' on
    // it with nobody listening, which killed the bot (a shard then respawned into a refused startup, its
    // /healthz dark). Here a settings change waits on another session's lock, in flight, when the server dies.
    const url = await freshUrl();
    const store = await openBackend({
      databaseUrl: url,
      dataDir: tempDataDir(),
      hashSecret: SECRET,
      logger: recordingLogger(),
    });
    const blocker = new pg.Client({ connectionString: url });
    blocker.on('error', () => {});
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SETTINGS_LOCK_CLASS, 'g1']);
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const pending = store.updateSettings('g1', { linkCards: false });
      const waiting = async () =>
        (await withClient(url, (c) => c.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")))
          .rowCount === 1;
      await waitFor(waiting, 1000);
      server.kill9();
      expect(await pending).toMatchObject({ ok: false, reason: 'io' });
      await waitFor(() => !store.health().writable, 5000);
      // The connection's 'end' follows its 'error' a tick later; give both time to surface.
      await new Promise((r) => setTimeout(r, 200));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await server.start();
    }
    await waitFor(() => store.health().writable, 10_000);
    expect((await store.updateSettings('g1', { linkCards: false })).ok).toBe(true);
    await store.close();
    await blocker.end().catch(() => {});
  });

  it('refills the settings mirror after a reconnect with changes it missed', async () => {
    const url = await freshUrl();
    // The store connects as a role of its own, so that it alone can be shut out while "another host" (a
    // superuser connection) writes: no race with the mirror's reconnect timer, whatever the machine's speed.
    const role = `mirror_${databases}`;
    const database = new URL(url).pathname.slice(1);
    await withClient(url, async (c) => {
      await c.query(`CREATE ROLE ${role} LOGIN PASSWORD 'mirror'`);
      await c.query(`ALTER DATABASE ${database} OWNER TO ${role}`);
      await c.query(`ALTER SCHEMA public OWNER TO ${role}`);
    });
    const own = new URL(url);
    own.username = role;
    own.password = 'mirror';
    const store = await openBackend({
      databaseUrl: own.toString(),
      dataDir: tempDataDir(),
      hashSecret: SECRET,
      logger: recordingLogger(),
    });
    await withClient(url, async (c) => {
      await c.query(`ALTER ROLE ${role} NOLOGIN`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
    });
    await waitFor(() => !store.health().writable, 5000);
    // Written behind the mirror's back (another host while this one was disconnected): no NOTIFY reaches it.
    await withClient(url, async (c) => {
      await c.query(
        `INSERT INTO guild_settings (guild_id, data, updated_at) VALUES ('g9', '{"privateByDefault":true}', 1)`,
      );
      await c.query(`ALTER ROLE ${role} LOGIN`);
    });
    await waitFor(() => store.health().writable, 10_000);
    expect(store.getSettings('g9').privateByDefault).toBe(true);
    await store.close();
  });
});
