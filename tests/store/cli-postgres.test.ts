// The CLI on PostgreSQL: `data migrate-to-postgres` copies a real SQLite file (idempotently), then
// `kb report` and `data export|purge` read the same rows back through DATABASE_URL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, openStore } from '../../src/store/index.js';
import { runInProcess } from '../cli/helpers.js';
import { recordingLogger, tempDataDir } from './helpers.js';
import { startTestPostgres, TEST_PG_PASSWORD, type TestPostgres } from './postgres-server.js';

const SECRET = 'the-secret-every-host-shares';
let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.stop();
});

/** A SQLite data dir as a one-machine bot leaves it, with its secret file (no SELENE_HASH_SECRET). */
const oneMachineDataDir = (): string => {
  const dataDir = tempDataDir();
  writeFileSync(join(dataDir, 'hash-secret'), `${SECRET}\n`, { mode: 0o600 });
  const store = openStore({ dataDir, logger: recordingLogger() });
  const now = Date.now();
  for (let i = 0; i < 7; i++)
    store.recordQuestion({
      guildId: '111',
      text: `does selenium cure baldness ${i % 2 ? '?' : ''}`.trim(),
      normalised: 'does selenium cure baldness',
      answered: false,
      entryId: null,
      confidence: 0.1,
      route: 'none',
      now: new Date(now - i * 1000),
    });
  store.recordVote({ answerId: 'a1', userId: 'u1', guildId: '111', entryId: 'what-is-selenium', vote: 'down' });
  store.recordVote({ answerId: 'a1', userId: 'u2', guildId: '111', entryId: 'what-is-selenium', vote: 'down' });
  store.recordVote({ answerId: 'a2', userId: 'u1', guildId: '222', entryId: 'food-sources', vote: 'up' });
  store.updateSettings('111', { cooldownSeconds: 30 });
  store.close();
  return dataDir;
};

const count = async (url: string, table: string): Promise<number> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
  } finally {
    await c.end();
  }
};

describe('selene data migrate-to-postgres', () => {
  it('copies settings, votes and questions once, however often it runs, and keeps votes countable', async () => {
    const dataDir = oneMachineDataDir();
    const url = await server.createDatabase('migrate_1');
    const env = { SELENE_HASH_SECRET: SECRET };
    const first = await runInProcess(['data', 'migrate-to-postgres', '--from', dataDir, '--to', url], '', env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('settings: 1 copied, 0 already there (1 in SQLite)');
    expect(first.stdout).toContain('votes: 3 copied, 0 already there (3 in SQLite)');
    expect(first.stdout).toContain('questions: 7 copied, 0 already there (7 in SQLite)');
    expect(first.stdout).not.toContain(TEST_PG_PASSWORD);

    const again = await runInProcess(['data', 'migrate-to-postgres', '--from', dataDir, '--to', url], '', env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('votes: 0 copied, 3 already there (3 in SQLite)');
    expect(again.stdout).toContain('questions: 0 copied, 7 already there (7 in SQLite)');
    expect(await count(url, 'questions')).toBe(7);
    expect(await count(url, 'votes')).toBe(3);

    // The same secret: member u1's vote on a1, cast on SQLite, is theirs on PostgreSQL too.
    const store = await openBackend({
      databaseUrl: url,
      dataDir: tempDataDir(),
      hashSecret: SECRET,
      logger: recordingLogger(),
    });
    expect(await store.getVote({ answerId: 'a1', userId: 'u1' })).toEqual({ ok: true, value: 'down' });
    expect(store.getSettings('111').cooldownSeconds).toBe(30);
    await store.close();
  });

  it('refuses a hash secret other than the one the votes were hashed with', async () => {
    const dataDir = oneMachineDataDir();
    const url = await server.createDatabase('migrate_2');
    const r = await runInProcess(['data', 'migrate-to-postgres', '--from', dataDir, '--to', url], '', {
      SELENE_HASH_SECRET: 'some-other-secret-of-16+',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/SELENE_HASH_SECRET differs from .*hash-secret/);
    // Refused before touching the database: not even the schema was created.
    expect(await count(url, "information_schema.tables WHERE table_name = 'votes'")).toBe(0);
  });

  it('names an unreachable server in one line without the password', async () => {
    const dataDir = oneMachineDataDir();
    const r = await runInProcess(
      ['data', 'migrate-to-postgres', '--from', dataDir, '--to', 'postgres://bot:pw-do-not-print@127.0.0.1:1/x'],
      '',
      { SELENE_HASH_SECRET: SECRET },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1:1\/x/);
    expect(r.stderr).not.toContain('pw-do-not-print');
  });
});

describe('kb report and data export/purge with DATABASE_URL', () => {
  it('read and purge the PostgreSQL rows', async () => {
    const url = await server.createDatabase('cli_1');
    const env = { DATABASE_URL: url, SELENE_HASH_SECRET: SECRET };
    await runInProcess(['data', 'migrate-to-postgres', '--from', oneMachineDataDir()], '', env);

    const report = await runInProcess(['kb', 'report', '--json', '--since', '7d'], '', env);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.stdout);
    expect(json.topUnanswered).toEqual([
      { text: 'does selenium cure baldness', count: 7, lastSeen: expect.any(String) },
    ]);
    expect(json.worstEntries).toEqual([{ entryId: 'what-is-selenium', up: 0, down: 2 }]);

    const exported = await runInProcess(['data', 'export', '--guild', '111'], '', env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ guildId: '111', settings: { cooldownSeconds: 30 } });
    const purged = await runInProcess(['data', 'purge', '--guild', '111'], '', env);
    expect(purged.stdout).toBe('purged server 111: 2 votes, 7 questions, 1 settings\n');
    expect(await count(url, 'votes')).toBe(1);

    const missingSecret = await runInProcess(['kb', 'report'], '', { DATABASE_URL: url });
    expect(missingSecret.code).toBe(1);
    expect(missingSecret.stderr).toMatch(/SELENE_HASH_SECRET is required with DATABASE_URL/);
  });
});
