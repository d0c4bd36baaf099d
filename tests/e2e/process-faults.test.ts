import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { freePorts } from '../ops/ports.js';
import { CloseCode, type FakeDiscord, Intent, startFakeDiscord } from './fake-discord/index.js';
import { KNOWLEDGE_DIR } from './helpers/bot.js';
import {
  emptyCwd,
  isRoot,
  NOBODY,
  nobodyCanStartBot,
  type Spawned,
  spawnBot,
  spawnManager,
} from './helpers/process.js';

// A broken environment, met by the built bot as a real process: a database it cannot use, and a Discord
// that closes the gateway for good. Each ends in one clear line on stderr and a non-zero exit, never a
// silent exit 0 or a process idling forever.

const TOKEN = 'process-faults-token.abc123';
/** sysexits' EX_CONFIG: Discord refused the connection for good (src/ops/process-signals.ts). */
const EXIT_GATEWAY_REFUSED = 78;

const running: Spawned[] = [];
const fakes: FakeDiscord[] = [];
afterEach(async () => {
  for (const run of running.splice(0)) {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await run.exit;
  }
  for (const fake of fakes.splice(0)) await fake.close();
});

const dataDir = (): string => mkdtempSync(join(tmpdir(), 'selene-faults-'));

/** A real Selene database with some rows, closed. */
function seededDatabase(dir: string): string {
  const store = openStore({ dataDir: dir, logger: { info: () => {}, warn: () => {} } });
  for (let i = 0; i < 2_000; i++) {
    store.recordVote({ answerId: `a${i}`, userId: `u${i}`, guildId: 'g1', entryId: null, vote: 'up' });
  }
  store.close();
  return join(dir, 'selene.db');
}

async function fakeDiscord(options: Parameters<typeof startFakeDiscord>[0] = {}): Promise<FakeDiscord> {
  const fake = await startFakeDiscord({ token: TOKEN, ...options });
  fakes.push(fake);
  return fake;
}

function start(env: Record<string, string>, as?: { uid: number; gid: number }): Spawned {
  const run = spawnBot({ DISCORD_TOKEN: TOKEN, KNOWLEDGE_DIR, LOG_LEVEL: 'info', ...env }, 'start', as);
  running.push(run);
  return run;
}

/** The one line the bot wrote on stderr. */
const stderrLine = (run: Spawned): string => {
  const lines = run.stderr().trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
};

describe('a database the bot cannot use: refused at startup with what, where and what to do', () => {
  const broken: Record<string, (dir: string) => void> = {
    'not a database': (dir) => writeFileSync(join(dir, 'selene.db'), 'junk\n'),
    truncated: (dir) => {
      const db = seededDatabase(dir);
      truncateSync(db, Math.floor(statSync(db).size / 2));
    },
    'a directory named selene.db': (dir) => mkdirSync(join(dir, 'selene.db')),
  };

  it.each(Object.keys(broken))('%s: exit 1, one line naming the file and the fix', async (kind) => {
    const fake = await fakeDiscord();
    const dir = dataDir();
    broken[kind]?.(dir);
    const run = start({ DISCORD_API_URL: fake.apiUrl, DATA_DIR: dir });
    expect((await run.exit).code).toBe(1);
    const line = stderrLine(run);
    expect(line).toContain(join(dir, 'selene.db'));
    expect(line).toMatch(kind === 'a directory named selene.db' ? /must be a folder .* a file/ : /Move the file aside/);
    // It never logged in: a bot without its database does not half-start.
    expect(fake.identifies).toHaveLength(0);
  });

  it('a copy of a good database still starts (the check is not a false alarm)', async () => {
    const fake = await fakeDiscord();
    const dir = dataDir();
    const good = dataDir();
    seededDatabase(good);
    copyFileSync(join(good, 'selene.db'), join(dir, 'selene.db'));
    copyFileSync(join(good, 'hash-secret'), join(dir, 'hash-secret'));
    const run = start({ DISCORD_API_URL: fake.apiUrl, DATA_DIR: dir });
    await run.waitForStdout('"msg":"ready"');
    run.child.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
  });

  // Root writes anywhere, so as root the bot runs as `nobody`, for whom a 0555 folder really is read-only;
  // skipped when `nobody` cannot reach the project at all (a clone inside a private temp folder).
  it.skipIf(isRoot && !nobodyCanStartBot())(
    'a read-only DATA_DIR: exit 1, one line saying to make it writable',
    async () => {
      const fake = await fakeDiscord();
      const dir = dataDir();
      chmodSync(dir, 0o555);
      const run = start({ DISCORD_API_URL: fake.apiUrl, DATA_DIR: dir }, isRoot ? NOBODY : undefined);
      expect((await run.exit).code).toBe(1);
      const line = stderrLine(run);
      expect(line).toContain(dir);
      expect(line).toMatch(/permission denied/i);
      expect(line).toMatch(/a folder the bot's user can write/);
      expect(fake.identifies).toHaveLength(0);
    },
  );
});

describe('SIGHUP with broken knowledge', () => {
  it('keeps the last good knowledge, logs file, path and reason, keeps answering; a fixed folder then loads', async () => {
    const fake = await fakeDiscord();
    const knowledge = join(dataDir(), 'knowledge');
    cpSync(KNOWLEDGE_DIR, knowledge, { recursive: true });
    const run = start({ DISCORD_API_URL: fake.apiUrl, DATA_DIR: dataDir(), KNOWLEDGE_DIR: knowledge });
    await run.waitForStdout('"msg":"commands registered"');
    const good = readFileSync(join(knowledge, 'entries.json'));
    writeFileSync(join(knowledge, 'entries.json'), '{ "entries": [ broken');
    run.child.kill('SIGHUP');
    await run.waitForStdout('"msg":"knowledge reload: entries.json $: invalid JSON');
    const asked = fake.sendMessage({ content: 'what is selenium?', mentionsBot: true });
    const reply = await fake.waitForReplyTo(String(asked.id));
    expect(reply.status).toBe(200);
    expect(JSON.stringify(reply.body)).toContain('The article says');
    writeFileSync(join(knowledge, 'entries.json'), good);
    run.child.kill('SIGHUP');
    await run.waitForStdout('"msg":"knowledge reloaded"');
    expect(run.child.exitCode).toBeNull();
    expect(run.stderr()).toBe('');
  });
});

describe('SIGTERM during a burst', () => {
  it('answers every question already received, then exits 0', async () => {
    const fake = await fakeDiscord();
    const run = start({ DISCORD_API_URL: fake.apiUrl, DATA_DIR: dataDir(), COOLDOWN_SECONDS: '0' });
    await run.waitForStdout('"msg":"commands registered"');
    // 60 DMs from 60 members: one question per channel, under the backlog's caps (10 a channel, 100 in all),
    // so every one is owed an answer rather than shed (shedding has its own tests in flood.test.ts).
    const asked = Array.from({ length: 60 }, (_, i) =>
      String(fake.sendMessage({ content: `what is selenium? ${i}`, channelType: 1, author: fake.addUser(`m${i}`) }).id),
    );
    // Received: the first reply is out, so the gateway has delivered the burst (events arrive in order).
    await fake.waitForReplyTo(asked[0] as string);
    run.child.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
    const replies = fake.restCalls.filter((c) => c.method === 'POST' && c.path.endsWith('/messages'));
    const answered = new Set(
      replies.map((c) => (c.body as { message_reference?: { message_id?: string } }).message_reference?.message_id),
    );
    expect(asked.filter((id) => !answered.has(id))).toEqual([]);
    expect(replies.every((c) => c.status === 200)).toBe(true);
  }, 40_000);
});

describe('DATA_DIR deleted under the running bot', () => {
  it('/healthz turns 503 and names the deleted file', async () => {
    const fake = await fakeDiscord();
    const port = await freePorts(1);
    const dir = dataDir();
    const run = start({ DISCORD_API_URL: fake.apiUrl, DATA_DIR: dir, HEALTH_PORT: String(port) });
    await run.waitForStdout('"msg":"ready"');
    const healthz = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: res.status, body: (await res.json()) as { checks: Record<string, { reason?: string }> } };
    };
    // Ready once the bot is handed over (after command registration): poll briefly rather than race it.
    let before = await healthz();
    for (let i = 0; i < 100 && before.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      before = await healthz();
    }
    expect(before.status).toBe(200);
    rmSync(dir, { recursive: true });
    const after = await healthz();
    expect(after.status).toBe(503);
    expect(after.body.checks.database?.reason).toContain(`${join(dir, 'selene.db')} was deleted`);
  });
});

describe('Discord closes the gateway for good: exit non-zero with one line, HEALTH_PORT or not', () => {
  it('4014 at login, with HEALTH_PORT: names the Message Content intent and both ways out', async () => {
    const fake = await fakeDiscord({ disallowedIntents: Intent.MessageContent });
    const port = await freePorts(1);
    const run = start({
      DISCORD_API_URL: fake.apiUrl,
      DATA_DIR: dataDir(),
      MESSAGE_CONTENT_INTENT: 'true',
      HEALTH_PORT: String(port),
    });
    expect((await run.exit).code).toBe(EXIT_GATEWAY_REFUSED);
    const line = stderrLine(run);
    expect(line).toContain('4014');
    expect(line).toContain('Message Content Intent');
    expect(line).toContain('Developer Portal');
    expect(line).toContain('MESSAGE_CONTENT_INTENT=false');
  });

  it('a token Discord refuses at login: names DISCORD_TOKEN, never echoes it', async () => {
    const fake = await fakeDiscord();
    const run = start({ DISCORD_API_URL: fake.apiUrl, DATA_DIR: dataDir(), DISCORD_TOKEN: 'not-the-token.xyz' });
    expect((await run.exit).code).toBe(EXIT_GATEWAY_REFUSED);
    const line = stderrLine(run);
    expect(line).toContain('DISCORD_TOKEN');
    expect(run.stdout() + run.stderr()).not.toContain('not-the-token.xyz');
  });

  it.each([
    [CloseCode.AuthenticationFailed, /DISCORD_TOKEN/],
    [CloseCode.InvalidShard, /SHARD_COUNT/],
    [CloseCode.DisallowedIntents, /Privileged Gateway Intents/],
  ])('close %i while running, with HEALTH_PORT: stops gracefully and exits non-zero', async (code, fix) => {
    const fake = await fakeDiscord();
    const port = await freePorts(1);
    const run = start({ DISCORD_API_URL: fake.apiUrl, DATA_DIR: dataDir(), HEALTH_PORT: String(port) });
    await run.waitForStdout('"msg":"commands registered"');
    fake.disconnectShard(0, code);
    expect((await run.exit).code).toBe(EXIT_GATEWAY_REFUSED);
    const line = stderrLine(run);
    expect(line).toContain(String(code));
    expect(line).toMatch(fix);
    expect(run.stdout()).toContain('"msg":"stopped"');
  });

  it('start:sharded: a shard refused for good stops the manager (exit 1) instead of respawning it', async () => {
    const fake = await fakeDiscord({ shards: 2 });
    const run = spawnManager(
      {
        DISCORD_TOKEN: TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        KNOWLEDGE_DIR,
        LOG_LEVEL: 'info',
        DATA_DIR: dataDir(),
        SHARD_COUNT: '2',
      },
      emptyCwd(),
      ['--spawn-delay-ms', '0'],
    );
    running.push(run);
    await run.waitForStdout('"msg":"all shards ready"', 30_000);
    fake.disconnectShard(1, CloseCode.AuthenticationFailed);
    expect((await run.exit).code).toBe(1);
    expect(run.stderr()).toContain('gateway close 4004');
    expect(run.stderr()).toContain('shard 1 was refused by Discord for good; stopping every shard');
    // Each shard identified once: nothing was respawned into the same refusal.
    expect(fake.identifies.map((i) => i.shardId).sort()).toEqual([0, 1]);
  }, 40_000);

  it('an ordinary close (4000) is still resumed, not fatal', async () => {
    const fake = await fakeDiscord();
    const run = start({ DISCORD_API_URL: fake.apiUrl, DATA_DIR: dataDir() });
    await run.waitForStdout('"msg":"commands registered"');
    fake.disconnectShard(0, CloseCode.UnknownError);
    await fake.waitForResume(0, 10_000);
    expect(run.child.exitCode).toBeNull();
    expect(run.stderr()).toBe('');
  });
});
