import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { collectStderr, onLines, recordingLogger, spawnFixture, tempDataDir, waitForExit } from './helpers.js';

const SHARDS = 4;
const WRITES_PER_SHARD = 150;
const CHANNELS_PER_SHARD = 10;

describe('several processes on one database file', () => {
  it('concurrent writers lose no updates', async () => {
    const dataDir = tempDataDir();
    // Created once up front, as the bot's first start would: the shards then race only on writes.
    const setup = openStore({ dataDir, hashSecret: 'shard-test-secret-0123456789', logger: recordingLogger() });
    expect(setup.updateSettings('g1', { cooldownSeconds: 0 }).ok).toBe(true);
    setup.close();

    const children = Array.from({ length: SHARDS }, (_, shard) =>
      spawnFixture('shard-writer.ts', [dataDir, String(shard), String(WRITES_PER_SHARD), String(CHANNELS_PER_SHARD)]),
    );
    const stderrs = children.map(collectStderr);
    let ready = 0;
    let firstVotes = 0;
    const allReady = new Promise<void>((resolve) => {
      for (const child of children) {
        onLines(child, (line) => {
          if (line === 'ready' && ++ready === SHARDS) resolve();
          const first = /^first votes (\d+)$/.exec(line);
          if (first) firstVotes += Number(first[1]);
        });
      }
    });
    const exits = Promise.all(children.map(waitForExit));
    await Promise.race([allReady, exits]);
    // Start them together so their writes overlap.
    for (const child of children) child.stdin.write('go\n');
    const results = await exits;
    expect({ results, stderr: stderrs.map((s) => s()) }).toEqual({
      results: children.map(() => ({ code: 0, signal: null })),
      stderr: children.map(() => ''),
    });

    // Every shard voted first on each raced answer at about the same time: exactly one was told "new".
    expect(firstVotes).toBe(WRITES_PER_SHARD);

    const store = openStore({ dataDir, hashSecret: 'shard-test-secret-0123456789', logger: recordingLogger() });
    const total = SHARDS * WRITES_PER_SHARD;
    expect(store.feedbackSummary({ since: new Date(0) })).toEqual({
      ok: true,
      value: [{ entryId: 'shared', up: total, down: 0 }],
    });
    const report = store.report({ since: new Date(0) });
    expect(report.ok && report.value.topUnanswered.map((q) => q.count)).toEqual([total]);
    // Read-modify-write updates from every shard: each added channel is there.
    expect(store.getSettings('g1').cooldownSeconds).toBe(total);
    const channels = store.getSettings('g1').answerChannels;
    expect(channels).toHaveLength(SHARDS * CHANNELS_PER_SHARD);
    expect(new Set(channels).size).toBe(SHARDS * CHANNELS_PER_SHARD);
    store.close();
  }, 60_000);
});
