import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { KNOWLEDGE_DIR } from './helpers/bot.js';
import { alive, type Spawned, spawnNpm } from './helpers/process.js';

// What an operator does: `npm start` (or `npm run start:sharded`), then a signal to the pid they have,
// npm's. npm forwards SIGINT and SIGTERM to the script; the script `exec`s node so they reach the bot and
// not a shell. npm has no SIGHUP handler and dies of one: the bot then stops instead of running orphaned.

const TOKEN = 'npm-signals-token.abc123';
const running: Spawned[] = [];
let fake: FakeDiscord | undefined;

afterEach(async () => {
  for (const run of running.splice(0)) {
    // The whole group: npm and whatever it started, even if npm itself is gone.
    try {
      process.kill(-(run.child.pid as number), 'SIGKILL');
    } catch {
      // Nobody left in the group.
    }
    await run.exit;
  }
  await fake?.close();
  fake = undefined;
});

/** Pids of the bot processes (pino puts the pid on every line): the shards', or the one bot's. */
/**
 * The shards' pids from their "ready" lines. Each shard writes to the pipe on its own, so its line can come
 * after the manager's "all shards ready": wait (briefly) until every shard's has arrived.
 */
async function shardPids(run: Spawned, count: number): Promise<number[]> {
  for (let i = 0; i < 100 && botPids(run, 'ready').length < count; i++) await new Promise((r) => setTimeout(r, 50));
  return botPids(run, 'ready');
}

const botPids = (run: Spawned, msg: string): number[] => [
  ...new Set(
    run
      .stdout()
      .split('\n')
      .filter((l) => l.includes(`"msg":"${msg}"`))
      .map((l) => {
        const { pid } = JSON.parse(l) as { pid?: unknown };
        if (typeof pid !== 'number') throw new Error(`no pid on the line: ${l}`);
        return pid;
      }),
  ),
];

/** Resolves when every process writing to the run's stdout has closed it (npm's and the bot's). */
const outputEnded = (run: Spawned): Promise<void> =>
  run.child.stdout?.closed ? Promise.resolve() : new Promise((done) => run.child.stdout?.once('close', () => done()));

async function gone(pids: number[], ms = 15_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (pids.every((pid) => !alive(pid))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function npmStart(script: 'start' | 'start:sharded', env: Record<string, string> = {}, args: string[] = []) {
  fake = await startFakeDiscord({ token: TOKEN, shards: script === 'start:sharded' ? 2 : 1 });
  const run = spawnNpm(
    script,
    {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR,
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'selene-npm-')),
      ...env,
    },
    args,
  );
  running.push(run);
  return run;
}

describe('npm start', { timeout: 45_000 }, () => {
  it('SIGTERM to the npm pid: the bot drains and stops, npm exits 0', async () => {
    const run = await npmStart('start');
    await run.waitForStdout('"msg":"ready"', 30_000);
    const [bot] = botPids(run, 'ready');
    expect(bot).not.toBe(run.child.pid);
    run.child.kill('SIGTERM');
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toContain('"signal":"SIGTERM","msg":"shutting down"');
    expect(run.stdout()).toContain('"msg":"stopped"');
    expect(await gone([bot as number])).toBe(true);
  });

  it('Ctrl-C (SIGINT to the whole group, which npm forwards once more) is one graceful stop, not two', async () => {
    const run = await npmStart('start');
    await run.waitForStdout('"msg":"ready"', 30_000);
    process.kill(-(run.child.pid as number), 'SIGINT');
    await run.exit;
    expect(run.stdout()).toContain('"msg":"stopped"');
    expect(run.stdout()).not.toContain('second signal');
  });

  it('SIGHUP to the npm pid kills npm (npm does not forward it): the bot stops too, saying how to reload', async () => {
    const run = await npmStart('start');
    await run.waitForStdout('"msg":"ready"', 30_000);
    const [bot] = botPids(run, 'ready');
    run.child.kill('SIGHUP');
    expect((await run.exit).signal).toBe('SIGHUP');
    // The bot's output still arrives on the pipe npm handed it; it notices within a second or so.
    expect(await gone([bot as number])).toBe(true);
    await outputEnded(run);
    expect(run.stdout()).toMatch(
      /"msg":"npm exited \(a SIGHUP to npm ends npm.*To reload knowledge, signal the bot pid/,
    );
    expect(run.stdout()).toContain('"msg":"stopped"');
  });
});

describe('npm run start:sharded', () => {
  it('SIGTERM to the npm pid reaches the manager, which stops every shard gracefully', async () => {
    const run = await npmStart('start:sharded', { SHARD_COUNT: '2' }, ['--spawn-delay-ms', '0']);
    await run.waitForStdout('"msg":"all shards ready"', 45_000);
    const shards = await shardPids(run, 2);
    expect(shards).toHaveLength(2);
    run.child.kill('SIGTERM');
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout().match(/"msg":"stopped"/g)).toHaveLength(2);
    expect(await gone(shards)).toBe(true);
  }, 60_000);

  it('SIGHUP to the npm pid: the manager and every shard stop rather than run orphaned', async () => {
    const run = await npmStart('start:sharded', { SHARD_COUNT: '2' }, ['--spawn-delay-ms', '0']);
    await run.waitForStdout('"msg":"all shards ready"', 45_000);
    const shards = await shardPids(run, 2);
    const [manager] = botPids(run, 'all shards ready');
    run.child.kill('SIGHUP');
    await run.exit;
    expect(await gone([manager as number, ...shards])).toBe(true);
    await outputEnded(run);
    expect(run.stdout()).toContain('stopping shards. To reload knowledge, signal this pid');
    expect(run.stdout().match(/"msg":"stopped"/g)).toHaveLength(2);
  }, 60_000);
});
