import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, LATEST_SCHEMA_VERSION, openStore } from '../../src/store/index.js';
import { applyMigrations, MIGRATIONS, schemaVersion } from '../../src/store/migrations.js';
import { recordingLogger, tempDataDir } from './helpers.js';

const tables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('migrations', () => {
  it('apply every step once and record the version', () => {
    const db = new Database(':memory:');
    expect(schemaVersion(db)).toBe(0);
    expect(applyMigrations(db)).toBe(MIGRATIONS.length);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual(['guild_settings', 'meta', 'questions', 'votes']);
    expect(applyMigrations(db)).toBe(0);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('apply only the missing steps to an older database', () => {
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('meta');
    expect(applyMigrations(db)).toBe(MIGRATIONS.length - 1);
    expect(tables(db)).toContain('meta');
    db.close();
  });

  it('leave no trace when a step fails', () => {
    const db = new Database(':memory:');
    applyMigrations(db);
    const broken = [...MIGRATIONS, { name: 'broken', sql: 'CREATE TABLE half_done (a); SELECT * FROM no_such_table;' }];
    expect(() => applyMigrations(db, broken)).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });

  it('openStore migrates a new file, and reopening keeps the data and the version', () => {
    const dataDir = join(tempDataDir(), 'nested', 'data');
    const first = openStore({ dataDir, logger: recordingLogger() });
    expect(first.path).toBe(join(dataDir, 'selene.db'));
    expect(first.recordVote({ answerId: 'a1', userId: 'u1', guildId: 'g1', entryId: 'e1', vote: 'up' }).ok).toBe(true);
    expect(first.updateSettings('g1', { cooldownSeconds: 42 }).ok).toBe(true);
    first.close();

    const raw = new Database(join(dataDir, 'selene.db'), { readonly: true });
    expect(schemaVersion(raw)).toBe(LATEST_SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    const second = openStore({ dataDir, logger: recordingLogger() });
    expect(second.getVote({ answerId: 'a1', userId: 'u1' })).toEqual({ ok: true, value: 'up' });
    expect(second.getSettings('g1').cooldownSeconds).toBe(42);
    second.close();
  });

  it('a database from a newer Selene is not written to, and reads fall back to defaults', () => {
    const dataDir = tempDataDir();
    openStore({ dataDir, logger: recordingLogger() }).close();
    const raw = new Database(join(dataDir, 'selene.db'));
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();

    const logger = recordingLogger();
    const store = openStore({ dataDir, logger });
    expect(store.health()).toMatchObject({ writable: false, reason: 'corrupt' });
    const vote = store.recordVote({ answerId: 'a1', userId: 'u1', guildId: 'g1', entryId: null, vote: 'up' });
    expect(vote).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(store.getSettings('g1')).toEqual(DEFAULT_SETTINGS);
    expect(logger.calls.some((c) => c.level === 'warn' && /newer/.test(String(c.obj.err)))).toBe(true);
    store.close();
  });
});
