import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/discord/commands/index.js';
import { DISCLAIMER } from '../../src/engine/index.js';
import { Intent, startFakeDiscord } from './fake-discord/index.js';
import { body, buttonsOf, type Harness, KNOWLEDGE_DIR, memberFactory, startHarness } from './helpers/bot.js';
import { spawnBot } from './helpers/process.js';

// Startup, registration, reconnects, rate limits and shutdown: the bot's life around the answers.

const TOKEN = 'lifecycle-secret-token.abc123';
let h: Harness;
let member: () => ReturnType<Harness['fake']['addUser']>;

beforeAll(async () => {
  h = await startHarness({ fake: { token: TOKEN }, env: { COOLDOWN_SECONDS: '0' } });
  member = memberFactory(h.fake);
});

afterAll(async () => {
  await h?.close();
});

const commandsPath = () => `/applications/${h.fake.applicationId}/commands`;

async function answered(question = 'what is selenium?') {
  const message = h.fake.sendMessage({ content: question, mentionsBot: true, author: member() });
  return h.fake.waitForReplyTo(String(message.id));
}

describe('command registration', () => {
  it('registers the commands on ready with one bulk overwrite', () => {
    const puts = h.fake.restCalls.filter((c) => c.method === 'PUT' && c.path === commandsPath());
    expect(puts).toHaveLength(1);
    const names = ((puts[0]?.body ?? []) as { name: string }[]).map((c) => c.name).sort();
    expect(names).toEqual(
      commandDefinitions()
        .map((c) => c.name)
        .sort(),
    );
    expect(h.bot.commandSync).toBe('updated');
  });

  it('skips the overwrite on a restart with the same commands, and old buttons still work', async () => {
    const before = await h.fake.slash({ name: 'ask', options: { question: 'what is selenium?' }, user: member() });
    // A "did you mean" / related-topic button: what it asks is named in its custom id.
    const suggestion = buttonsOf(before.data).find((b) => b.custom_id?.startsWith('sel:ask:'));
    expect(suggestion).toBeDefined();

    await h.bot.stop();
    const from = h.fake.restCalls.length;
    const second = await h.restart();
    expect(second.commandSync).toBe('unchanged');
    const after = h.fake.restCalls.slice(from);
    expect(after.some((c) => c.method === 'GET' && c.path === commandsPath())).toBe(true);
    expect(after.some((c) => c.method === 'PUT')).toBe(false);

    // The button of a message sent by the previous process: its state is all in the custom id.
    const clicked = await h.fake.clickButton({ customId: suggestion?.custom_id ?? '', user: member() });
    expect(clicked.type).toBe(4);
    expect(body(clicked.data).content).toContain(DISCLAIMER);
    expect(body(clicked.data).content).toContain('The article says');
  });

  it('identifies without the privileged Message Content intent', () => {
    const intents = h.fake.identifies[0]?.intents ?? 0;
    expect(intents & Intent.MessageContent).toBe(0);
    for (const needed of [Intent.Guilds, Intent.GuildMessages, Intent.DirectMessages])
      expect(intents & needed).toBe(needed);
  });

  it('registers to one server with DEV_GUILD_ID', async () => {
    const guildId = '123456789012345678';
    const dev = await startHarness({ fake: { guilds: [{ id: guildId }] }, env: { DEV_GUILD_ID: guildId } });
    try {
      const put = dev.fake.restCalls.find((c) => c.method === 'PUT');
      expect(put?.path).toBe(`/applications/${dev.fake.applicationId}/guilds/${guildId}/commands`);
      expect(dev.fake.guildCommands(guildId).length).toBe(commandDefinitions().length);
      expect(dev.fake.globalCommands).toEqual([]);
    } finally {
      await dev.close();
    }
  });
});

describe('gateway and REST trouble', () => {
  it('resumes after a gateway disconnect and still answers', async () => {
    const resumesBefore = h.fake.resumes.length;
    h.fake.disconnectShard(0);
    const resume = await h.fake.waitForResume(0, 10_000, resumesBefore);
    expect(resume.ok).toBe(true);
    const reply = await answered();
    expect(reply.status).toBe(200);
  });

  it('retries a reply that got a 429 and delivers it', async () => {
    const channel = h.fake.guilds[0]?.channels[0]?.id ?? '';
    h.fake.rateLimitNext(`POST /channels/${channel}/messages`, { retryAfter: 0.3 });
    const from = h.fake.restCalls.length;
    const reply = await answered();
    const calls = h.fake.restCalls.slice(from).filter((c) => c.path === `/channels/${channel}/messages`);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]?.index).toBe(reply.index);
  });
});

describe('shutdown', () => {
  it('finishes a reply in flight before destroying the client, and never logs the token', async () => {
    const channel = h.fake.guilds[0]?.channels[0]?.id ?? '';
    h.fake.rateLimitNext(`POST /channels/${channel}/messages`, { retryAfter: 0.5 });
    const from = h.fake.restCalls.length;
    const message = h.fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, author: member() });
    // The reply is now waiting out the rate limit: stop while it is in flight.
    await h.fake.waitForRest((c) => c.status === 429 && c.path === `/channels/${channel}/messages`, 5_000, from);
    await h.bot.stop();
    const delivered = h.fake.restCalls.find(
      (c) =>
        c.status === 200 &&
        (c.body as { message_reference?: { message_id?: string } }).message_reference?.message_id === message.id,
    );
    expect(delivered).toBeDefined();
    expect(h.bot.client.isReady()).toBe(false);
    expect(h.logs.lines.some((l) => l.msg === 'stopped')).toBe(true);
    expect(h.logs.text()).not.toContain(TOKEN);
  });
});

describe('npm start as a process', () => {
  it('refuses to start without a token: exit 1, one clear line, a pointer to the CLI', async () => {
    const run = spawnBot({});
    const { code } = await run.exit;
    expect(code).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('DISCORD_TOKEN');
    expect(lines[0]).toContain('npm run selene -- chat');
    expect(run.stdout()).toBe('');
  });

  it('names a malformed variable without echoing the token', async () => {
    const run = spawnBot({ DISCORD_TOKEN: TOKEN, COOLDOWN_SECONDS: 'soon' });
    expect((await run.exit).code).toBe(1);
    expect(run.stderr()).toContain('COOLDOWN_SECONDS');
    expect(run.stderr() + run.stdout()).not.toContain(TOKEN);
  });

  it('refuses a broken knowledge folder, listing each problem', async () => {
    const run = spawnBot({ DISCORD_TOKEN: TOKEN, KNOWLEDGE_DIR: '/nonexistent-selene-knowledge' });
    expect((await run.exit).code).toBe(1);
    expect(run.stderr()).toMatch(/article\.json \$: cannot read file/);
    expect(run.stderr()).toMatch(/entries\.json \$: cannot read file/);
  });

  it('npm run deploy-commands registers, then reports them unchanged', async () => {
    const fake = await startFakeDiscord({ token: TOKEN });
    try {
      const env = { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'warn' };
      const first = spawnBot(env, 'deploy-commands');
      expect((await first.exit).code).toBe(0);
      expect(first.stdout()).toMatch(/^Registered \d+ commands globally/);
      expect(fake.globalCommands).toHaveLength(commandDefinitions().length);
      const second = spawnBot(env, 'deploy-commands');
      expect((await second.exit).code).toBe(0);
      expect(second.stdout()).toMatch(/^Unchanged: \d+ commands/);
      expect(fake.restCalls.filter((c) => c.method === 'PUT')).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('runs against Discord from the environment and exits 0 on SIGTERM', async () => {
    const fake = await startFakeDiscord({ token: TOKEN });
    try {
      const run = spawnBot({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, KNOWLEDGE_DIR, LOG_LEVEL: 'debug' });
      await run.waitForStdout('"msg":"ready"');
      // The engine was exercised before the bot said it was ready (and before it logged in).
      const warmed = run.stdout().indexOf('"msg":"engine warmed up"');
      expect(warmed).toBeGreaterThan(-1);
      expect(warmed).toBeLessThan(run.stdout().indexOf('"msg":"ready"'));
      expect(run.stdout()).toMatch(/"calls":[1-9]\d*,"ms":\d+,"msg":"engine warmed up"/);
      const message = fake.sendMessage({ content: 'what is selenium?', mentionsBot: true });
      await fake.waitForReplyTo(String(message.id));
      run.child.kill('SIGTERM');
      expect(await run.exit).toEqual({ code: 0, signal: null });
      expect(run.stdout()).toContain('"msg":"stopped"');
      expect(run.stdout() + run.stderr()).not.toContain(TOKEN);
    } finally {
      await fake.close();
    }
  });
});
