import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { DEFAULT_SETTINGS, FAILURE_LOG_INTERVAL_MS, openStore, type Store } from '../../src/store/index.js';
import {
  collectStderr,
  fakeClock,
  fixturePath,
  onLines,
  recordingLogger,
  spawnFixture,
  tempDataDir,
  waitForExit,
  waitForLine,
} from './helpers.js';

const vote = (store: Store, i: number) =>
  store.recordVote({ answerId: `a${i}`, userId: `user${i}`, guildId: 'g1', entryId: 'e1', vote: 'up' });

const storeModule = fileURLToPath(new URL('../../src/store/index.ts', import.meta.url));

const warnings = (logger: ReturnType<typeof recordingLogger>) => logger.calls.filter((c) => c.level === 'warn');

/** A data dir whose g1 has non-default settings, closed again. */
const seededDataDir = (): string => {
  const dataDir = tempDataDir();
  const store = openStore({ dataDir, logger: recordingLogger() });
  expect(store.updateSettings('g1', { cooldownSeconds: 30, privateByDefault: true }).ok).toBe(true);
  store.close();
  return dataDir;
};

describe('database unavailable', () => {
  // Tests may run as root, where chmod 0444 does not stop writes; a read-only connection fails for real.
  it('read-only: writes return not-ok, settings are still read, the failure is logged once per minute', () => {
    const dataDir = seededDataDir();
    const clock = fakeClock();
    const logger = recordingLogger();
    const store = openStore({ dataDir, readonly: true, clock: clock.now, logger });

    expect(vote(store, 1)).toMatchObject({ ok: false, reason: 'readonly' });
    expect(
      store.recordQuestion({
        guildId: 'g1',
        text: 'q',
        normalised: 'q',
        answered: false,
        entryId: null,
        confidence: 0,
        route: 'none',
      }),
    ).toMatchObject({ ok: false, reason: 'readonly' });
    expect(store.updateSettings('g1', { linkCards: false })).toMatchObject({ ok: false, reason: 'readonly' });
    expect(store.getSettings('g1')).toMatchObject({ cooldownSeconds: 30, privateByDefault: true });
    expect(store.health()).toMatchObject({ writable: false, reason: 'readonly' });
    expect(warnings(logger)).toHaveLength(1);

    clock.advance(FAILURE_LOG_INTERVAL_MS - 1);
    expect(vote(store, 2).ok).toBe(false);
    expect(warnings(logger)).toHaveLength(1);
    clock.advance(1);
    expect(vote(store, 3).ok).toBe(false);
    expect(warnings(logger)).toHaveLength(2);
    // Suppressed in between: the recordQuestion, updateSettings and vote(2) failures.
    expect(warnings(logger)[1]?.obj).toMatchObject({ reason: 'readonly', suppressedSinceLastLog: 3 });
    store.close();
  });

  // The real thing: a database file with mode 0444. Root ignores file modes, so when the tests run as root
  // the store is opened by a child process running as `nobody`. Whether `nobody` can do that depends on every
  // folder above the project too (a clone inside a 0700 temp folder is out of its reach), so rather than read
  // modes, try it: as `nobody`, start Node with tsx as the fixture starts, read the fixture and load the store.
  const NOBODY = { uid: 65534, gid: 65534 };
  const isRoot = process.getuid?.() === 0;
  const canRunAsNobody = (): boolean => {
    const check = `import { readFileSync } from 'node:fs';
readFileSync(${JSON.stringify(fixturePath('probe-store.ts'))});
await import(${JSON.stringify(pathToFileURL(storeModule).href)});`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', check], {
      ...NOBODY,
      stdio: 'ignore',
      timeout: 15_000,
    });
    return run.status === 0;
  };
  it.skipIf(isRoot && !canRunAsNobody())(
    'read-only file (chmod 0444): writes return not-ok, settings are read',
    async () => {
      const dataDir = seededDataDir();
      chmodSync(dataDir, 0o777); // SQLite still needs to create the -shm index next to the file.
      chmodSync(join(dataDir, 'selene.db'), 0o444);
      const child = spawnFixture('probe-store.ts', [dataDir], isRoot ? NOBODY : undefined);
      const stderr = collectStderr(child);
      const lines: string[] = [];
      onLines(child, (l) => lines.push(l));
      expect(await waitForExit(child)).toEqual({ code: 0, signal: null });
      expect(stderr()).toBe('');
      expect(JSON.parse(lines[0] ?? 'null')).toMatchObject({
        vote: { ok: false, reason: 'readonly' },
        settings: { cooldownSeconds: 30, privateByDefault: true },
        health: { writable: false, reason: 'readonly' },
        warnings: 1,
      });
    },
  );

  it('disk full: writes past the size cap return not-ok, the bot keeps its settings, logged once per minute', () => {
    const dataDir = seededDataDir();
    const clock = fakeClock();
    const logger = recordingLogger();
    const store = openStore({ dataDir, maxSizeBytes: 64 * 1024, clock: clock.now, logger });

    let saved = 0;
    let failure: ReturnType<typeof vote> | null = null;
    for (let i = 0; i < 10_000 && failure === null; i++) {
      const r = vote(store, i);
      if (r.ok) saved++;
      else failure = r;
    }
    expect(saved).toBeGreaterThan(0);
    expect(failure).toMatchObject({ ok: false, reason: 'full' });
    expect(vote(store, 100_000)).toMatchObject({ ok: false, reason: 'full' });
    expect(store.getSettings('g1')).toMatchObject({ cooldownSeconds: 30, privateByDefault: true });
    expect(store.getSettings('g2')).toEqual(DEFAULT_SETTINGS);
    expect(store.health()).toMatchObject({ writable: false, reason: 'full' });
    expect(warnings(logger)).toHaveLength(1);
    clock.advance(FAILURE_LOG_INTERVAL_MS);
    expect(vote(store, 100_001).ok).toBe(false);
    expect(warnings(logger)).toHaveLength(2);
    // Votes saved before the disk filled are intact.
    expect(store.getVote({ answerId: 'a0', userId: 'user0' })).toEqual({ ok: true, value: 'up' });
    store.close();
  });

  it('locked by another process past the busy timeout: not-ok, fail fast while backing off, then recover', async () => {
    const dataDir = seededDataDir();
    const clock = fakeClock();
    const logger = recordingLogger();
    const store = openStore({ dataDir, busyTimeoutMs: 100, busyBackoffMs: 5000, clock: clock.now, logger });
    expect(vote(store, 0).ok).toBe(true);

    const holder = spawnFixture('lock-holder.ts', [join(dataDir, 'selene.db')]);
    try {
      await waitForLine(holder, (l) => l === 'locked');
      expect(vote(store, 1)).toMatchObject({ ok: false, reason: 'busy' });
      // WAL readers are not blocked by a writer: the bot still sees the real settings.
      expect(store.getSettings('g1')).toMatchObject({ cooldownSeconds: 30 });
      expect(store.health()).toMatchObject({ writable: false, reason: 'busy' });
    } finally {
      holder.stdin.end();
      await waitForExit(holder);
    }
    expect(holder.exitCode).toBe(0);

    // Lock released, but within the backoff the store does not touch the file (and cannot block).
    expect(vote(store, 2)).toMatchObject({ ok: false, reason: 'busy' });
    expect(warnings(logger)).toHaveLength(1);
    clock.advance(5000);
    expect(vote(store, 3)).toMatchObject({ ok: true });
    expect(store.health()).toEqual({ writable: true });
    expect(logger.calls.at(-1)).toMatchObject({ level: 'info', msg: 'store writable again' });
    expect(store.getVote({ answerId: 'a1', userId: 'user1' })).toEqual({ ok: true, value: null });
    store.close();
  });

  it('not a database at all: opening does not throw, writes return not-ok, settings are the defaults', () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'selene.db'), 'this is not a SQLite database\n'.repeat(200));
    const clock = fakeClock();
    const logger = recordingLogger();
    const store = openStore({ dataDir, clock: clock.now, logger });

    expect(vote(store, 1)).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(store.getSettings('g1')).toEqual(DEFAULT_SETTINGS);
    expect(store.report({ since: new Date(0) })).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(store.exportGuild('g1')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(store.health()).toMatchObject({ writable: false, reason: 'corrupt' });
    expect(warnings(logger)).toHaveLength(1);
    store.close();
    expect(vote(store, 2)).toMatchObject({ ok: false, reason: 'closed' });
  });

  it('a logger that throws never turns a failure into an exception (the real pino logger included)', () => {
    const dataDir = tempDataDir();
    writeFileSync(join(dataDir, 'selene.db'), 'junk\n');
    const lines: string[] = [];
    const pinoLogger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } });
    const throwing = {
      info: () => {
        throw new Error('log sink gone');
      },
      warn: () => {
        throw new Error('log sink gone');
      },
    };
    for (const logger of [pinoLogger, throwing]) {
      const store = openStore({ dataDir, logger });
      expect(vote(store, 1)).toMatchObject({ ok: false, reason: 'corrupt' });
      expect(store.health()).toMatchObject({ writable: false, reason: 'corrupt' });
      store.close();
    }
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      reason: 'corrupt',
      err: { type: 'string', message: 'file is not a database' },
    });
  });

  it('a directory named selene.db: opening does not throw, health says why', () => {
    const dataDir = tempDataDir();
    mkdirSync(join(dataDir, 'selene.db'));
    const store = openStore({ dataDir, logger: recordingLogger() });
    expect(vote(store, 1).ok).toBe(false);
    expect(store.health()).toMatchObject({ writable: false, reason: 'io' });
    store.close();
  });

  it.each(['deleted', 'replaced', 'the data dir deleted'] as const)(
    'database file %s while open: writes and health fail, nothing is confirmed that a restart would lose',
    (how) => {
      const dataDir = tempDataDir();
      const store = openStore({ dataDir, logger: recordingLogger() });
      expect(vote(store, 1).ok).toBe(true);
      expect(store.health()).toEqual({ writable: true });
      const path = join(dataDir, 'selene.db');
      if (how === 'deleted') rmSync(path);
      if (how === 'the data dir deleted') rmSync(dataDir, { recursive: true });
      if (how === 'replaced') {
        // A restore from backup copied over the file: a new inode at the same path.
        writeFileSync(`${path}.new`, 'restored');
        renameSync(`${path}.new`, path);
      }
      expect(vote(store, 2)).toMatchObject({ ok: false, reason: 'io' });
      const health = store.health();
      expect(health).toMatchObject({ writable: false, reason: 'io' });
      expect(health.message).toContain(how === 'replaced' ? 'replaced' : 'deleted');
      expect(health.message).toContain(path);
      store.close();
    },
  );
});
