import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import {
  createShardingManager,
  DEFAULT_SPAWN_DELAY_MS,
  parseManagerArgs,
  shardHealthPort,
} from '../../src/ops/sharded.js';

const logger = createLogger({ level: 'silent' });

function config(env: Record<string, string>) {
  const parsed = parseConfig({ DISCORD_TOKEN: 'x.y.z', ...env });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.config;
}

describe('sharding manager options', () => {
  it('spawns with discord.js’s identify-safe delay unless told otherwise', () => {
    expect(parseManagerArgs([])).toEqual({ spawnDelayMs: DEFAULT_SPAWN_DELAY_MS, exitWithParent: false });
    expect(parseManagerArgs(['--spawn-delay-ms', '0'])).toEqual({ spawnDelayMs: 0, exitWithParent: false });
    expect(parseManagerArgs(['--exit-with-parent'])).toMatchObject({ exitWithParent: true });
    expect(() => parseManagerArgs(['--spawn-delay-ms', 'soon'])).toThrow(/whole number/);
    expect(() => parseManagerArgs(['--shards', '2'])).toThrow();
  });

  it('gives shard N the health port HEALTH_PORT + N, and none without HEALTH_PORT', () => {
    expect(shardHealthPort(9100, 0)).toBe(9100);
    expect(shardHealthPort(9100, 7)).toBe(9107);
    expect(shardHealthPort(undefined, 3)).toBeUndefined();
  });

  it('runs the shards of SHARD_LIST out of SHARD_COUNT', async () => {
    const manager = await createShardingManager(config({ SHARD_COUNT: '8', SHARD_LIST: '4,5,6,7' }), logger);
    expect(manager.totalShards).toBe(8);
    expect(manager.shardList).toEqual([4, 5, 6, 7]);
  });

  it('refuses a SHARD_LIST id beyond SHARD_COUNT, and health ports past 65535', async () => {
    await expect(createShardingManager(config({ SHARD_COUNT: '2', SHARD_LIST: '1,2' }), logger)).rejects.toThrow(
      /SHARD_LIST has ids 2/,
    );
    await expect(createShardingManager(config({ SHARD_COUNT: '4', HEALTH_PORT: '65534' }), logger)).rejects.toThrow(
      /HEALTH_PORT/,
    );
  });
});

describe('a shard that dies while restarting', () => {
  it('is logged, and does not end the manager (an unheard error event would throw)', async () => {
    const lines: string[] = [];
    const destination = { write: (line: string) => void lines.push(line) };
    const heard = createLogger({ level: 'info', destination });
    const manager = await createShardingManager(config({ SHARD_COUNT: '2' }), heard);
    const shard = manager.createShard(1);
    // What discord.js emits when a respawned shard's process exits before its client is ready.
    expect(() =>
      shard.emit('error', new Error("Shard 1's process exited before its Client became ready.")),
    ).not.toThrow();
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; shard?: number; err?: { message: string } });
    expect(logged).toContainEqual(
      expect.objectContaining({ shard: 1, msg: expect.stringMatching(/failed to restart/) }),
    );
    expect(logged.find((l) => /failed to restart/.test(l.msg))?.err?.message).toMatch(/before its Client became ready/);
  });
});
