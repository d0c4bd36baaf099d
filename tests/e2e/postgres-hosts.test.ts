// Several hosts on one PostgreSQL, for real: bot processes (`npm start`, the built dist/) with their own
// SHARD_LISTs against the fake Discord (two shards) and an embedded PostgreSQL server. A standby host runs
// shard 0 too, so when host A crashes the fake hands shard 0's events to it, as Discord does to the newest
// live session; what A changed must already be obeyed there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/helpers.js';
import { freePorts } from '../ops/ports.js';
import { startTestPostgres, type TestPostgres } from '../store/postgres-server.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { body, buttonsOf, isEphemeral, KNOWLEDGE_DIR } from './helpers/bot.js';
import { type Spawned, spawnManager } from './helpers/process.js';

const SECRET = 'one-secret-for-every-host';
const QUESTION = 'what is selenium?';

let server: TestPostgres;
let url: string;
let fake: FakeDiscord;
let dataDir: string;
const hosts: Spawned[] = [];
let healthB: string;

const startHost = async (shardList: string, env: Record<string, string> = {}): Promise<Spawned> => {
  const host = spawnManager(
    {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR,
      // Must stay unused: every host keeps its state in PostgreSQL.
      DATA_DIR: dataDir,
      DATABASE_URL: url,
      SELENE_HASH_SECRET: SECRET,
      SHARD_COUNT: '2',
      SHARD_LIST: shardList,
      MESSAGE_CONTENT_INTENT: 'true',
      COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    dataDir,
    ['--spawn-delay-ms', '0'],
  );
  hosts.push(host);
  await host.waitForOutput((out) => out.includes('all shards ready'), '"all shards ready"', 30_000);
  return host;
};

const dbRows = async (sql: string): Promise<Record<string, unknown>[]> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
};

const healthz = async (base: string) => {
  const res = await fetch(`${base}/healthz`);
  return {
    status: res.status,
    body: (await res.json()) as {
      ok: boolean;
      degraded?: boolean;
      checks: Record<string, { ok: boolean; degraded?: boolean; reason?: string }>;
    },
  };
};

const until = async <T>(read: () => Promise<T>, accept: (v: T) => boolean, what: string, ms = 15_000): Promise<T> => {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch (err) {
      // Not there yet; kept so that a failure says why (nothing listening, a body that is not JSON, ...).
      error = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} never happened; last: ${JSON.stringify(last)}; last error: ${String(error)}`);
};

/** A host is a sharding manager leading its own process group: its shards go with it. */
function signalGroup(host: Spawned, signal: NodeJS.Signals): void {
  try {
    if (host.child.pid !== undefined) process.kill(-host.child.pid, signal);
  } catch {
    // ESRCH: nothing left to signal.
  }
}

let standby: Spawned;
let hostA: Spawned;
let guild0: string;
let guild1: string;
let askChannel: string;

beforeAll(async () => {
  server = await startTestPostgres();
  url = await server.createDatabase('hosts');
  dataDir = mkdtempSync(join(tmpdir(), 'selene-hosts-'));
  fake = await startFakeDiscord({
    shards: 2,
    timeoutMs: 10_000,
    guilds: [
      { shard: 0, name: 'Zero', channels: [{ name: 'general' }, { name: 'ask-selene' }] },
      { shard: 1, name: 'One', channels: [{ name: 'general' }] },
    ],
  });
  guild0 = fake.guilds[0]?.id ?? '';
  guild1 = fake.guilds[1]?.id ?? '';
  askChannel = fake.guilds[0]?.channels[1]?.id ?? '';
  const port = await freePorts(2);
  // A shard serves /healthz on HEALTH_PORT + its id: host B runs shard 1.
  healthB = `http://127.0.0.1:${port + 1}`;
  // The standby identifies first; host A, identifying later, is the session Discord sends shard 0's events to.
  standby = await startHost('0');
  hostA = await startHost('0');
  await startHost('1', { HEALTH_PORT: String(port) });
}, 90_000);

afterAll(async () => {
  for (const h of hosts) {
    if (h.child.exitCode === null && h.child.signalCode === null) {
      signalGroup(h, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(h, 'SIGKILL'), 5_000);
      await h.exit;
      clearTimeout(timer);
    }
    // A shard may outlive its manager by a moment.
    signalGroup(h, 'SIGKILL');
  }
  await fake?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

const askAndVote = async (guildId: string, vote: 'up' | 'down', voter: string) => {
  const asked = await fake.slash({ name: 'ask', options: { question: QUESTION }, guildId });
  const button = buttonsOf(asked.data).find((b) => b.custom_id?.startsWith(`sel:vote:${vote === 'up' ? 'u' : 'd'}:`));
  expect(button).toBeDefined();
  const user = fake.addUser(voter);
  const click = await fake.clickButton({ customId: button?.custom_id ?? '', message: asked.messageId, guildId, user });
  return body(click.data);
};

describe('two hosts with different SHARD_LISTs on one PostgreSQL', () => {
  it('stores votes cast through both hosts, and one kb report counts them all', async () => {
    const a = await askAndVote(guild0, 'up', 'voter-a');
    const b = await askAndVote(guild1, 'down', 'voter-b');
    for (const reply of [a, b]) {
      expect(isEphemeral(reply)).toBe(true);
      expect(reply.content).toMatch(/^Thanks/);
    }
    const report = await runInProcess(['kb', 'report', '--json', '--since', '1d'], '', {
      DATABASE_URL: url,
      SELENE_HASH_SECRET: SECRET,
    });
    expect(report.code).toBe(0);
    const worst = JSON.parse(report.stdout).worstEntries;
    expect(worst).toHaveLength(1);
    expect(worst[0]).toMatchObject({ up: 1, down: 1 });
    // Nothing went to the SQLite folder.
    expect(await dbRows('SELECT COUNT(*)::int AS n FROM votes')).toEqual([{ n: 2 }]);
  });

  it('a /settings change made through host A is obeyed by the standby within a second after A crashes', async () => {
    const added = await fake.slash({
      name: 'settings',
      options: [{ name: 'add-channel', type: 1, options: [{ name: 'channel', type: 7, value: askChannel }] }] as never,
      guildId: guild0,
    });
    const changedAt = Date.now();
    expect(body(added.data).content).toContain(`<#${askChannel}>`);
    signalGroup(hostA, 'SIGKILL');
    // Discord notices the dead session; the standby's is the live one for shard 0 now.
    fake.invalidateSession(0);
    const sent = fake.sendMessage({ content: QUESTION, channelId: askChannel });
    expect(Date.now() - changedAt).toBeLessThan(1000);
    // No mention: only a host that knows #ask-selene is an answer channel replies.
    const reply = await fake.waitForReplyTo(String(sent.id));
    expect(body(reply.body).content ?? JSON.stringify(body(reply.body).embeds)).toBeTruthy();
    expect(standby.output()).not.toContain('"level":50');
  });
});

describe('PostgreSQL stopped mid-run', () => {
  it('keeps answering, reports degraded, refuses votes and settings honestly, then reconnects losing nothing', async () => {
    const saved: string[] = [];
    const cast = async (i: number) => {
      const reply = await askAndVote(guild1, i % 2 ? 'up' : 'down', `fault-voter-${i}`);
      if (/^Thanks/.test(reply.content ?? '')) saved.push(`fault-voter-${i}`);
      return reply;
    };
    await cast(0);
    server.kill9();
    const degraded = await until(
      () => healthz(healthB),
      (h) => h.body.degraded === true,
      '/healthz degraded',
    );
    expect(degraded.status).toBe(200);
    expect(degraded.body.checks.database).toMatchObject({ ok: false, degraded: true });

    // Questions are still answered; votes and settings say they were not saved.
    const during = await cast(1);
    expect(during.content).toMatch(/could not be saved/);
    const mention = fake.sendMessage({ content: QUESTION, mentionsBot: true, guildId: guild1 });
    expect(await fake.waitForReplyTo(String(mention.id))).toBeTruthy();
    const settings = await fake.slash({
      name: 'settings',
      options: [{ name: 'private', type: 1, options: [{ name: 'enabled', type: 5, value: true }] }] as never,
      guildId: guild1,
    });
    expect(body(settings.data).content).toMatch(/could not save that setting right now/);

    await server.start();
    await until(
      () => healthz(healthB),
      (h) => h.status === 200 && h.body.checks.database?.ok === true,
      '/healthz healthy again',
    );
    await cast(2);
    expect(saved).toEqual(['fault-voter-0', 'fault-voter-2']);
    // Every vote acknowledged as saved is in the database, including those from before the crash.
    const votes = await dbRows('SELECT COUNT(*)::int AS n FROM votes');
    expect(votes).toEqual([{ n: 2 + saved.length }]);
  });
});
