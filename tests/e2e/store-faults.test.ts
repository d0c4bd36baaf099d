import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { createBotStore, storeFromConfig } from '../../src/discord/bot-store.js';
import { voteCustomId } from '../../src/discord/custom-ids.js';
import { createLogger } from '../../src/log.js';
import type { Store } from '../../src/store/index.js';
import { spawnFixture, waitForExit, waitForLine } from '../store/helpers.js';
import { type FakeDiscord, type Json, startFakeDiscord } from './fake-discord/index.js';
import { body, buttonsOf, isEphemeral, KNOWLEDGE_DIR, LogCapture, memberFactory } from './helpers/bot.js';

// The store as `npm start` opens it (storeFromConfig, logging through the real pino logger) under a broken
// environment, and member input the store must not take at face value.

interface Running {
  fake: FakeDiscord;
  bot: RunningBot;
  store: Store;
  logs: LogCapture;
  dataDir: string;
  member: () => ReturnType<FakeDiscord['addUser']>;
}

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function launch(): Promise<Running> {
  // Discord's own deadline: a vote answered after 3 s is lost on real Discord, so the fake drops it too.
  const fake = await startFakeDiscord({ interactionTimeoutMs: 3_000, timeoutMs: 8_000 });
  cleanups.push(() => fake.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'selene-store-faults-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const parsed = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    KNOWLEDGE_DIR,
    DATA_DIR: dataDir,
    COOLDOWN_SECONDS: '0',
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const logs = new LogCapture();
  const logger = createLogger({ level: 'debug', destination: logs });
  // As main.ts does: the store logs through the bot's pino logger.
  const store = storeFromConfig(parsed.config, logger);
  cleanups.push(() => store.close());
  const bot = await startBot(parsed.config, {
    logger,
    store: createBotStore(store),
    drainTimeoutMs: 2_000,
    warmUp: false,
  });
  cleanups.push(() => bot.stop());
  return { fake, bot, store, logs, dataDir, member: memberFactory(fake) };
}

/** Asks in the channel, then clicks the answer's 👍. */
async function voteOnAnswer(r: Running): Promise<{ content: string; ephemeral: boolean }> {
  const sent = r.fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, author: r.member() });
  const reply = await r.fake.waitForReplyTo(String(sent.id));
  const up = buttonsOf(reply.body).find((b) => b.custom_id?.startsWith('sel:vote:u:'));
  expect(up).toBeDefined();
  const click = await r.fake.clickButton({
    customId: up?.custom_id ?? '',
    message: String((reply.response as Json).id),
    user: r.member(),
  });
  return { content: body(click.data).content ?? '', ephemeral: isEphemeral(body(click.data)) };
}

describe('a locked database', () => {
  it('answers a vote with "could not be saved", within Discord\'s deadline, and logs the failure', async () => {
    const r = await launch();
    expect((await voteOnAnswer(r)).content).toContain('Thanks');
    const holder = spawnFixture('lock-holder.ts', [join(r.dataDir, 'selene.db')]);
    cleanups.push(async () => {
      holder.stdin.end();
      await waitForExit(holder);
    });
    await waitForLine(holder, (l) => l === 'locked');
    const vote = await voteOnAnswer(r);
    expect(vote.ephemeral).toBe(true);
    expect(vote.content).toContain('could not be saved');
    expect(vote.content).not.toContain('Something went wrong');
    const failure = r.logs.lines.find((l) => String(l.msg).startsWith('store unavailable (busy)'));
    expect(failure).toMatchObject({ reason: 'busy', err: { type: 'string' } });
  });
});

describe('the database deleted under a running bot', () => {
  it.each(['the file', 'DATA_DIR'])('%s deleted: answers go on, votes say they could not be saved', async (what) => {
    const r = await launch();
    expect((await voteOnAnswer(r)).content).toContain('Thanks');
    if (what === 'DATA_DIR') rmSync(r.dataDir, { recursive: true });
    else rmSync(join(r.dataDir, 'selene.db'));
    for (let i = 0; i < 3; i++) expect((await voteOnAnswer(r)).content).toContain('could not be saved');
    expect(r.store.health()).toMatchObject({
      writable: false,
      reason: 'io',
      message: expect.stringContaining('deleted'),
    });
  });
});

describe('votes and settings the knowledge or Discord never made', () => {
  it('refuses a vote for an entry id the knowledge does not have, and stores nothing', async () => {
    const r = await launch();
    const forged = voteCustomId('up', 'forgedanswer1', 'no-such-entry') ?? '';
    const click = await r.fake.clickButton({ customId: forged, user: r.member() });
    expect(body(click.data).content).toMatch(/no longer works/);
    expect(r.store.feedbackSummary({ since: new Date(0) })).toEqual({ ok: true, value: [] });
    // A real entry id in the same forged shape is an ordinary vote.
    const entry = r.bot.ctx.kb.entries[0]?.id ?? '';
    const real = await r.fake.clickButton({
      customId: voteCustomId('up', 'forgedanswer2', entry) ?? '',
      user: r.member(),
    });
    expect(body(real.data).content).toContain('Thanks');
  });

  it('says an invalid channel id is not a channel, not that the database is down', async () => {
    const r = await launch();
    const outcome = await r.fake.slash({
      name: 'settings',
      options: [
        { name: 'add-channel', type: 1, options: [{ name: 'channel', type: 7, value: 'not-a-channel' }] },
      ] as unknown as Json[],
    });
    const content = body(outcome.data).content ?? '';
    expect(content).toContain('not a channel id');
    expect(content).not.toContain('database');
    expect(r.store.getSettings(r.fake.guilds[0]?.id ?? '').answerChannels).toEqual([]);
  });
});
