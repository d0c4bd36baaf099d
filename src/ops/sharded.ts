import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { z } from 'zod';
import { type Config, loadConfig } from '../config.js';
import { createLogger } from '../log.js';

// `npm run start:sharded`: one process per shard under discord.js's ShardingManager. Each child
// runs the same entry as `npm start`; discord.js hands it SHARDS/SHARD_COUNT, which its Client reads.

const gatewayBotSchema = z.object({ shards: z.number().int().positive() });

/**
 * discord.js's own 'auto' always asks discord.com, so a REST proxy or the test fake set through
 * DISCORD_API_URL would be bypassed: ask GET /gateway/bot through the configured base instead.
 */
export async function recommendedShardCount(config: Config): Promise<number> {
  const res = await fetch(`${config.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${config.token}` } });
  if (!res.ok) throw new Error(`GET /gateway/bot answered ${res.status}`);
  return gatewayBotSchema.parse(await res.json()).shards;
}

export async function startShardingManager(config: Config): Promise<ShardingManager> {
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  const totalShards = config.shardCount === 'auto' ? await recommendedShardCount(config) : config.shardCount;
  const entry = join(dirname(fileURLToPath(import.meta.url)), '../discord/main.ts');
  const manager = new ShardingManager(entry, {
    token: config.token,
    totalShards,
    shardList: config.shardList ?? 'auto',
    mode: 'process',
    execArgv: ['--import', 'tsx'],
    respawn: true,
  });
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id, totalShards }, 'shard launched');
    shard.on('death', () => logger.warn({ shard: shard.id }, 'shard process exited'));
  });
  await manager.spawn({ timeout: 60_000 });
  return manager;
}

async function main(): Promise<void> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`selene: ${loaded.message}\n`);
    process.exit(1);
  }
  const manager = await startShardingManager(loaded.config);
  const stop = () => {
    // Children get SIGTERM and shut down gracefully through their own handlers.
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
