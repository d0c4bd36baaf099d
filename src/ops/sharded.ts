import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Shard, ShardingManager } from 'discord.js';
import { z } from 'zod';
import { type Config, loadConfig } from '../config.js';
import { isEntryModule } from '../entry.js';
import { createLogger, type Logger } from '../log.js';
import { shardHealthPort } from './healthcheck.js';
import { EXIT_GATEWAY_REFUSED, EXIT_WITH_PARENT_FLAG, isEcho, watchParent } from './process-signals.js';

export { shardHealthPort } from './healthcheck.js';

// `npm run start:sharded`: one process per shard under discord.js's ShardingManager. Each child runs the
// same entry as `npm start`; discord.js hands it SHARDS/SHARD_COUNT, which its Client reads. Everything a
// shard needs is its own (knowledge, engine, cooldowns, metrics); shared state lives in the database.

const gatewayBotSchema = z.object({ shards: z.number().int().positive() });

/** discord.js's default: one IDENTIFY per 5 s is Discord's limit per identify bucket, plus a margin. */
export const DEFAULT_SPAWN_DELAY_MS = 5_500;
/** A shard drains in-flight replies for up to 10 s on stop; past this it is killed. */
const STOP_TIMEOUT_MS = 15_000;
const READY_TIMEOUT_MS = 60_000;

/**
 * discord.js's own 'auto' always asks discord.com, so a REST proxy or the test fake set through
 * DISCORD_API_URL would be bypassed: ask GET /gateway/bot through the configured base instead.
 */
export async function recommendedShardCount(config: Config): Promise<number> {
  const res = await fetch(`${config.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${config.token}` } });
  if (!res.ok) throw new Error(`GET /gateway/bot answered ${res.status}`);
  return gatewayBotSchema.parse(await res.json()).shards;
}

export interface ManagerOptions {
  /** Pause between starting two shards (`--spawn-delay-ms`). */
  spawnDelayMs: number;
  /** `--exit-with-parent` (npm run start:sharded): stop the shards when npm is gone. */
  exitWithParent: boolean;
}

export async function createShardingManager(config: Config, logger: Logger): Promise<ShardingManager> {
  const totalShards = config.shardCount === 'auto' ? await recommendedShardCount(config) : config.shardCount;
  const shardList = config.shardList ?? [...Array(totalShards).keys()];
  const outOfRange = shardList.filter((id) => id >= totalShards);
  if (outOfRange.length > 0)
    throw new Error(`SHARD_LIST has ids ${outOfRange.join(', ')} but there are ${totalShards} shards`);
  const highestPort = shardHealthPort(config.healthPort, Math.max(...shardList));
  if (highestPort !== undefined && highestPort > 65_535) {
    throw new Error(`HEALTH_PORT ${config.healthPort} + shard id goes past 65535; choose a lower HEALTH_PORT`);
  }
  // The shards run what this file runs as: built JavaScript under `npm run start:sharded`, TypeScript under tsx.
  const self = fileURLToPath(import.meta.url);
  const fromSource = self.endsWith('.ts');
  const entry = join(dirname(self), `../discord/main.${fromSource ? 'ts' : 'js'}`);
  const manager = new ShardingManager(entry, {
    token: config.token,
    totalShards,
    shardList,
    mode: 'process',
    // An absolute URL, so shards start whatever the working directory (a bare `tsx` resolves from the cwd).
    // Built shards take this process's own Node flags (heap settings), as a forked child would.
    execArgv: fromSource ? ['--import', import.meta.resolve('tsx')] : process.execArgv,
    respawn: true,
  });
  manager.on('shardCreate', (shard: Shard) => {
    const port = shardHealthPort(config.healthPort, shard.id);
    // Shard#env is what the child is forked with; the child's own config then reads its port as usual.
    if (port !== undefined) (shard.env as Record<string, string>).HEALTH_PORT = String(port);
    logger.info({ shard: shard.id, totalShards, ...(port ? { healthPort: port } : {}) }, 'shard launched');
    shard.on('death', (child) => {
      const code = 'exitCode' in child ? child.exitCode : undefined;
      logger.warn({ shard: shard.id, code }, 'shard process exited');
    });
    // discord.js respawns a dead shard and reports a respawn that dies before ready (PostgreSQL down at its
    // start, say) as the shard's 'error'. Unheard, that event would end this process and every other
    // shard with it; the shard's next exit is respawned again, so the host recovers once the cause is gone.
    shard.on('error', (err) =>
      logger.error({ shard: shard.id, err }, 'shard failed to restart; respawning on its next exit'),
    );
  });
  return manager;
}

function stopChild(child: ChildProcess | null, timeoutMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // Closing the IPC channel asks the shard to stop (its main.ts listens for 'disconnect'). Not a signal,
    // so a shard that also got the terminal's Ctrl-C does not take this as a second, impatient one.
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
  });
}

/** Stops every shard gracefully (each drains its replies), killing any that outstay `timeoutMs`. */
export async function stopShards(manager: ShardingManager, timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
  manager.respawn = false;
  await Promise.all([...manager.shards.values()].map((shard) => stopChild(shard.process, timeoutMs)));
}

const argsSchema = z.object({
  'spawn-delay-ms': z
    .string()
    .regex(/^\d+$/, '--spawn-delay-ms must be a whole number of milliseconds')
    .transform(Number)
    .default(DEFAULT_SPAWN_DELAY_MS),
});

export function parseManagerArgs(argv: string[]): ManagerOptions {
  const { values } = parseArgs({
    args: argv,
    options: { 'spawn-delay-ms': { type: 'string' }, [EXIT_WITH_PARENT_FLAG.slice(2)]: { type: 'boolean' } },
    strict: true,
  });
  return {
    spawnDelayMs: argsSchema.parse(values)['spawn-delay-ms'],
    exitWithParent: values[EXIT_WITH_PARENT_FLAG.slice(2)] === true,
  };
}

async function main(): Promise<void> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`selene: ${loaded.message}\n`);
    process.exit(1);
  }
  let options: ManagerOptions;
  try {
    options = parseManagerArgs(process.argv.slice(2));
  } catch (err) {
    const message = err instanceof z.ZodError ? (err.issues[0]?.message ?? err.message) : (err as Error).message;
    process.stderr.write(`selene: ${message}\n`);
    process.exit(1);
  }
  const { config } = loaded;
  const logger = createLogger({ level: config.logLevel, format: config.logFormat });
  let manager: ShardingManager;
  try {
    manager = await createShardingManager(config, logger);
  } catch (err) {
    process.stderr.write(`selene: cannot start shards: ${(err as Error).message}\n`);
    process.exit(1);
  }

  let stopping = false;
  let lastSignal: { signal: NodeJS.Signals; at: number } | null = null;
  const stop = (why: Record<string, unknown>, code: number) => {
    const signal = why.signal as NodeJS.Signals | undefined;
    if (signal) {
      // Ctrl-C reaches the manager from the terminal and again from npm: one request, not two.
      const echo = isEcho(lastSignal, signal, Date.now());
      lastSignal = { signal, at: Date.now() };
      if (echo) return;
    }
    if (stopping) {
      if (!signal) return;
      logger.warn(why, 'second signal: killing shards');
      for (const shard of manager.shards.values()) shard.process?.kill('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    logger.info(why, 'stopping shards');
    void stopShards(manager).then(() => process.exit(code));
  };
  process.on('SIGINT', (signal) => stop({ signal }, 0));
  process.on('SIGTERM', (signal) => stop({ signal }, 0));
  // Each shard holds its own copy of the knowledge base: one `kill -HUP <manager>` reloads them all.
  process.on('SIGHUP', () => {
    logger.info({ shards: manager.shards.size }, 'forwarding SIGHUP: shards reload knowledge');
    for (const shard of manager.shards.values()) shard.process?.kill('SIGHUP');
  });
  // npm dies of SIGHUP instead of forwarding it; shards left behind would have nobody supervising them.
  if (options.exitWithParent) {
    watchParent((parent) => {
      logger.warn(
        { parent, pid: process.pid },
        'npm exited (a SIGHUP to npm ends npm, it is not passed on): stopping shards. To reload knowledge, signal this pid',
      );
      stop({ reason: 'npm exited' }, 0);
    });
  }
  // A shard that Discord refused for good (its own stderr line says why) would be refused again on respawn.
  manager.on('shardCreate', (shard: Shard) =>
    shard.on('death', (child) => {
      if (('exitCode' in child ? child.exitCode : null) !== EXIT_GATEWAY_REFUSED) return;
      process.stderr.write(`selene: shard ${shard.id} was refused by Discord for good; stopping every shard\n`);
      stop({ reason: `shard ${shard.id} refused by the gateway` }, 1);
    }),
  );

  try {
    await manager.spawn({ delay: options.spawnDelayMs, timeout: READY_TIMEOUT_MS });
    logger.info({ shards: manager.shardList }, 'all shards ready');
  } catch (err) {
    if (stopping) return;
    logger.fatal({ err }, 'shards failed to start');
    stop({ reason: 'startup failed' }, 1);
  }
}

if (isEntryModule(import.meta.url)) void main();
