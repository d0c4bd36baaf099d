import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { collectStderr, onLines, recordingLogger, spawnFixture, tempDataDir, waitForExit } from './helpers.js';

const ACKS_BEFORE_KILL = 300;

describe('crash safety', () => {
  it('every write acknowledged before a SIGKILL survives, and the file is intact', async () => {
    const dataDir = tempDataDir();
    const child = spawnFixture('vote-writer.ts', [dataDir]);
    const stderr = collectStderr(child);
    const acked: number[] = [];
    onLines(child, (line) => {
      acked.push(Number(line));
      if (acked.length === ACKS_BEFORE_KILL) child.kill('SIGKILL');
    });
    const exit = await waitForExit(child);
    // Killed mid-loop, not exited on its own (which would mean a failed write).
    expect({ exit, stderr: stderr() }).toEqual({ exit: { code: null, signal: 'SIGKILL' }, stderr: '' });
    expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    // The killed process never checkpointed: the acknowledged writes live in the WAL, which reopening recovers.
    expect(statSync(join(dataDir, 'selene.db-wal')).size).toBeGreaterThan(0);
    const raw = new Database(join(dataDir, 'selene.db'));
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    const store = openStore({ dataDir, hashSecret: 'crash-test-secret-0123456789', logger: recordingLogger() });
    const missing = acked.filter((i) => {
      const r = store.getVote({ answerId: `a${i}`, userId: `user${i}` });
      return !(r.ok && r.value === 'up');
    });
    expect(missing).toEqual([]);
    store.close();
  });
});
