import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePorts } from '../ops/ports.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { forkShard, ROOT, type Spawned, START_FLAGS, spawnManager } from './helpers/process.js';

// `npm run start:sharded` for real (the built dist/ops/sharded.js): the ShardingManager process forks one
// bot process per shard, against a fake Discord that recommends 2 shards and owns a guild on each.

/** Signals the whole process group (manager and shards), tolerating one that is already gone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // ESRCH: nothing left to signal.
  }
}

const logLines = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

let fake: FakeDiscord;
let manager: Spawned;
let dataDir: string;
let healthPort: number;

beforeAll(async () => {
  fake = await startFakeDiscord({ shards: 2, guilds: [{ shard: 0 }, { shard: 1 }], timeoutMs: 15_000 });
  dataDir = mkdtempSync(join(tmpdir(), 'selene-shards-'));
  healthPort = await freePorts(2);
  manager = spawnManager(
    {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
      COOLDOWN_SECONDS: '0',
      HEALTH_PORT: String(healthPort),
    },
    dataDir,
    ['--spawn-delay-ms', '0'],
  );
  await manager.waitForOutput((out) => out.includes('all shards ready'), '"all shards ready"', 20_000);
}, 30_000);

afterAll(async () => {
  if (manager) {
    signalGroup(manager.child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(manager.child, 'SIGKILL'), 5_000);
    await manager.exit;
    clearTimeout(timer);
    // The shards may outlive the manager by a moment; make sure none is left behind.
    signalGroup(manager.child, 'SIGKILL');
  }
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run start:sharded', () => {
  it('asks the gateway for the shard count and identifies each shard as [id, 2]', () => {
    const identified = fake.identifies
      .filter((i) => i.sessionId !== null)
      .map((i) => [i.shardId, i.shardCount])
      .sort();
    expect(identified).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.restCalls.some((c) => c.method === 'GET' && c.path === '/gateway/bot')).toBe(true);
  });

  it("names each shard process's shard on its lines from the start, before the gateway is ready", () => {
    const lines = logLines(manager.output());
    const listening = lines.filter((l) => l.msg === 'health and metrics endpoint listening');
    expect(listening.map((l) => l.shard).sort()).toEqual([0, 1]);
  });

  it.skipIf(process.platform !== 'linux')("runs every shard with the manager's Node flags (npm start's)", () => {
    const pid = manager.child.pid as number;
    const pids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    expect(pids).toHaveLength(2);
    expect(START_FLAGS.length).toBeGreaterThan(0);
    for (const pid of pids) {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      for (const flag of START_FLAGS) expect(argv, `shard process ${pid}`).toContain(flag);
    }
  });

  it('answers a mention in each guild from the shard that owns it', async () => {
    for (const guild of fake.guilds) {
      const sent = fake.sendMessage({ guildId: guild.id, content: 'what is selenium?', mentionsBot: true });
      const reply = await fake.waitForReplyTo(String(sent.id));
      expect(reply.status).toBe(200);
      // The gateway session that carried the event belongs to the guild's shard...
      const delivered = fake.frames.filter(
        (f) => f.direction === 'out' && f.t === 'MESSAGE_CREATE' && (f.d as { id?: string }).id === String(sent.id),
      );
      expect(delivered.map((f) => f.shardId)).toEqual([guild.shardId]);
      // ...and the bot that answered logged it as that shard (which process it was: see the metrics test).
      // The line travels through a pipe, the reply through a socket: either may reach this process first.
      const answeredIn = (out: string) => logLines(out).find((l) => l.msg === 'answered' && l.guild === guild.id);
      await manager.waitForOutput((out) => answeredIn(out) !== undefined, `the answer log line for ${guild.id}`);
      expect(answeredIn(manager.output())?.shard).toBe(guild.shardId);
      // Named once: the process's own shard and the event's are the same key, not printed twice.
      const raw = manager
        .output()
        .split('\n')
        .find((l) => l.includes('"msg":"answered"') && l.includes(guild.id));
      expect(raw?.match(/"shard":/g)).toHaveLength(1);
    }
  });

  // Runs after the mentions above: each shard process, on its own port, counted only its own guild's question.
  it('serves health and metrics per shard on HEALTH_PORT + shard id', async () => {
    for (const shard of [0, 1]) {
      const base = `http://127.0.0.1:${healthPort + shard}`;
      // A shard answers as soon as its gateway is ready; /healthz says ready once its engine warm-up (which
      // overlaps the login) has finished too, a moment later on a busy machine.
      await vi.waitFor(async () => expect((await fetch(`${base}/healthz`)).status).toBe(200), {
        timeout: 10_000,
        interval: 100,
      });
      const metrics = await (await fetch(`${base}/metrics`)).text();
      // Each shard counted exactly the one question asked in its own guild.
      const questions = metrics.split('\n').filter((l) => l.startsWith('selene_questions_total{'));
      expect(questions).toHaveLength(1);
      expect(questions[0]).toContain(`shard="${shard}"`);
      expect(questions[0]).toMatch(/ 1$/);
    }
  });

  it('forwards SIGHUP so every shard reloads its knowledge', async () => {
    const reloaded = (out: string) => logLines(out).filter((l) => l.msg === 'knowledge reloaded');
    expect(reloaded(manager.output())).toHaveLength(0);
    manager.child.kill('SIGHUP');
    await manager.waitForOutput((out) => reloaded(out).length === 2, 'two knowledge reloads');
    expect(manager.child.exitCode).toBeNull();
  });

  it('stops every shard gracefully on SIGTERM to the manager', async () => {
    manager.child.kill('SIGTERM');
    const { code } = await manager.exit;
    expect(code).toBe(0);
    const lines = logLines(manager.output());
    // Each shard heard it from the manager (the IPC channel closing) and named itself when it did.
    const shuttingDown = lines.filter((l) => l.msg === 'shutting down');
    expect(shuttingDown.map((l) => l.shard).sort()).toEqual([0, 1]);
    expect(lines.filter((l) => l.msg === 'stopped')).toHaveLength(2);
  });
});

describe('a shard whose manager is gone', () => {
  it('shuts down on its own instead of lingering as an orphan', async () => {
    const single = await startFakeDiscord({ timeoutMs: 10_000 });
    // Forked with an IPC channel, as the ShardingManager does; closing the channel is what a dying manager does.
    const shard = forkShard(
      {
        DISCORD_TOKEN: single.token,
        DISCORD_API_URL: single.apiUrl,
        KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
        LOG_LEVEL: 'info',
      },
      dataDir,
    );
    try {
      await single.waitForIdentify(0);
      await single.waitForRest((c) => c.path.endsWith('/commands'));
      shard.child.disconnect();
      expect((await shard.exit).code).toBe(0);
      const lines = logLines(shard.stdout());
      expect(lines.find((l) => l.msg === 'shutting down')?.reason).toBe('sharding manager disconnected');
      expect(lines.some((l) => l.msg === 'stopped')).toBe(true);
    } finally {
      if (shard.child.exitCode === null && shard.child.signalCode === null) shard.child.kill('SIGKILL');
      await single.close();
    }
  });
});
