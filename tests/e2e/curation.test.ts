import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { createBotStore, storeFromConfig } from '../../src/discord/bot-store.js';
import { decodeCustomId } from '../../src/discord/custom-ids.js';
import { createEngine } from '../../src/engine/index.js';
import { normaliseText } from '../../src/engine/normalise.js';
import type { Engine } from '../../src/engine/types.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { createLogger } from '../../src/log.js';
import { createMetrics, type Metrics } from '../../src/ops/metrics.js';
import { openStore, type Store, type StoreLogger } from '../../src/store/index.js';
import {
  type FakeDiscord,
  type FakeUser,
  type Json,
  OWNER_PERMISSIONS,
  startFakeDiscord,
} from './fake-discord/index.js';
import { body, buttonsOf, expectNoMassMentions, isEphemeral, KNOWLEDGE_DIR, LogCapture } from './helpers/bot.js';

// The curation loop end to end: the real discord.js client against the fake Discord, with a real SQLite
// store in a temporary DATA_DIR. One bot with the Message Content intent serves most tests; a second
// bot without it shows what admins see when the intent is missing.

const silent: StoreLogger = { info: () => {}, warn: () => {} };
const DAY_MS = 86_400_000;

interface Running {
  bot: RunningBot;
  store: Store;
  logs: LogCapture;
  stop(): Promise<void>;
}

/** The bot as `npm start` runs it, with its store opened from the configuration (DATA_DIR). */
async function launch(
  fake: FakeDiscord,
  dataDir: string,
  env: Record<string, string> = {},
  metrics?: Metrics,
): Promise<Running> {
  const parsed = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    KNOWLEDGE_DIR,
    DATA_DIR: dataDir,
    ...env,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  const store = storeFromConfig(parsed.config, silent);
  const logs = new LogCapture();
  const bot = await startBot(parsed.config, {
    logger: createLogger({ level: 'debug', destination: logs }),
    store: createBotStore(store),
    drainTimeoutMs: 2_000,
    warmUp: false,
    ...(metrics ? { metrics } : {}),
  });
  return {
    bot,
    store,
    logs,
    async stop() {
      await bot.stop();
      store.close();
    },
  };
}

type Option = { name: string; type: number; value: string | number | boolean };

/** /settings <sub> with typed options, as Discord sends a subcommand. */
const settingsCommand = (
  fake: FakeDiscord,
  sub: string,
  options: Option[],
  base: { user?: FakeUser; guildId?: string | null; memberPermissions?: string } = {},
) => fake.slash({ name: 'settings', options: [{ name: sub, type: 1, options }] as unknown as Json[], ...base });

const channelOption = (id: string): Option => ({ name: 'channel', type: 7, value: id });

let kb: KnowledgeBase;
let engine: Engine;

/** An in-scope question the engine answers from an entry, found in the knowledge base rather than hard-coded. */
function inScopeQuestion(): { question: string; entryId: string } {
  for (const entry of kb.entries) {
    for (const question of entry.questions) {
      const a = engine.ask(question);
      if (a.answered && a.route === 'entry' && a.matchId === entry.id) return { question, entryId: entry.id };
    }
  }
  throw new Error('no in-scope question found');
}

const OFF_TOPIC = 'what will the weather be like in Paris tomorrow?';

beforeAll(() => {
  const loaded = loadKnowledge(KNOWLEDGE_DIR);
  if (!loaded.ok) throw new Error('knowledge/ does not load');
  kb = loaded.kb;
  engine = createEngine(kb);
  expect(engine.ask(OFF_TOPIC).answered).toBe(false);
});

describe('with the Message Content intent and a real store', () => {
  let fake: FakeDiscord;
  let dataDir: string;
  let run: Running;
  let metrics: Metrics;
  let n = 0;
  const member = () => fake.addUser(`member${++n}`);
  let guildId: string;
  let leavingGuildId: string;
  let answerChannel: string;
  let general: string;
  const oldQuestionAt = new Date(Date.now() - 200 * DAY_MS);

  beforeAll(async () => {
    fake = await startFakeDiscord({
      timeoutMs: 8_000,
      guilds: [{ name: 'Selene club', channels: [{ name: 'general' }, { name: 'ask-selene' }] }, { name: 'Leaving' }],
    });
    guildId = fake.guilds[0]?.id ?? '';
    leavingGuildId = fake.guilds[1]?.id ?? '';
    general = fake.guilds[0]?.channels[0]?.id ?? '';
    answerChannel = fake.guilds[0]?.channels[1]?.id ?? '';
    dataDir = mkdtempSync(join(tmpdir(), 'selene-curation-'));
    // An old and a recent question from before this start: the daily retention purge runs on ready.
    const seed = openStore({ dataDir, logger: silent });
    for (const [text, now] of [
      ['an old question past retention', oldQuestionAt],
      ['a recent question', new Date()],
    ] as const) {
      const r = seed.recordQuestion({
        guildId,
        text,
        normalised: normaliseText(text),
        answered: false,
        entryId: null,
        confidence: 0,
        route: 'none',
        now,
      });
      expect(r.ok).toBe(true);
    }
    seed.close();
    metrics = createMetrics({ defaultMetrics: false });
    run = await launch(fake, dataDir, { MESSAGE_CONTENT_INTENT: 'true' }, metrics);
  });

  afterAll(async () => {
    await run?.stop();
    await fake?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('purged questions older than RETENTION_DAYS on start, keeping recent ones', () => {
    const exported = run.store.exportGuild(guildId);
    if (!exported.ok) throw new Error(exported.message);
    const texts = exported.value.questions.map((q) => q.text);
    expect(texts).toContain('a recent question');
    expect(texts).not.toContain('an old question past retention');
  });

  it('types slash options by the registered command (the fake, like Discord)', async () => {
    // /food declares servings as a NUMBER; 2 is an integral JS number but must not arrive as an INTEGER.
    const outcome = await fake.slash({ name: 'food', options: { food: 'tuna', servings: 2 }, user: member() });
    const options = (outcome.interaction.data as { options: { name: string; type: number }[] }).options;
    expect(options.find((o) => o.name === 'servings')?.type).toBe(10);
    const total = engine.foodAnswer('tuna', { servings: 2 }).text.split('\n')[1] ?? '';
    expect(total).toMatch(/^2 servings: /);
    expect(body(outcome.data).embeds?.[0]?.description).toContain(total);
    expect(outcome.messageId).toBe(String(outcome.message()?.id));
  });

  describe('feedback', () => {
    it('puts 👍 / 👎 on an answer and stores one changeable vote per member per answer', async () => {
      const { question, entryId } = inScopeQuestion();
      const asker = member();
      const outcome = await fake.slash({ name: 'ask', options: { question }, user: asker });
      const reply = body(outcome.data);
      expect(reply.components?.length ?? 0).toBeLessThanOrEqual(5);
      for (const row of reply.components ?? []) expect(row.components.length).toBeLessThanOrEqual(5);
      const votes = buttonsOf(reply).filter((b) => b.custom_id?.startsWith('sel:vote:'));
      expect(votes.map((b) => b.label)).toEqual(['Helpful', 'Not helpful']);
      for (const b of votes) expect(b.custom_id?.length).toBeLessThanOrEqual(100);
      const [up, down] = votes.map((b) => b.custom_id ?? '');
      expect(up).toContain(entryId);

      const decoded = decodeCustomId(up ?? '');
      const answerId = decoded?.kind === 'vote' ? decoded.answerId : '';
      expect(answerId).not.toBe('');
      // Not the interaction id: nothing stored points back to the member's question.
      expect(answerId).not.toBe(String(outcome.interaction.id));
      const voter = member();
      const first = await fake.clickButton({ customId: up ?? '', message: outcome.messageId, user: voter });
      expect(isEphemeral(body(first.data))).toBe(true);
      expect(body(first.data).content).toContain('Thanks — noted');
      expect(run.store.getVote({ answerId, userId: voter.id })).toEqual({ ok: true, value: 'up' });

      const changed = await fake.clickButton({ customId: down ?? '', message: outcome.messageId, user: voter });
      expect(isEphemeral(body(changed.data))).toBe(true);
      expect(body(changed.data).content).toContain('changed your vote');
      expect(run.store.getVote({ answerId, userId: voter.id })).toEqual({ ok: true, value: 'down' });

      // Another member's vote on the same answer is separate.
      const other = member();
      await fake.clickButton({ customId: up ?? '', message: outcome.messageId, user: other });
      expect(run.store.getVote({ answerId, userId: other.id })).toEqual({ ok: true, value: 'up' });
      expect(run.store.getVote({ answerId, userId: voter.id })).toEqual({ ok: true, value: 'down' });

      const summary = run.store.feedbackSummary({ since: new Date(Date.now() - DAY_MS) });
      if (!summary.ok) throw new Error(summary.message);
      expect(summary.value.find((e) => e.entryId === entryId)).toMatchObject({ up: 1, down: 1 });

      const counted = await metrics.feedbackVotes.get();
      const total = counted.values.reduce((sum, v) => sum + v.value, 0);
      expect(total).toBe(3);
    });

    it('puts vote buttons on mention answers too, a fresh answer id each time', async () => {
      const { question } = inScopeQuestion();
      const replies = [];
      for (let k = 0; k < 2; k++) {
        const sent = fake.sendMessage({ content: question, mentionsBot: true, author: member() });
        replies.push(await fake.waitForReplyTo(String(sent.id)));
      }
      const ups = replies.map(
        (r) => buttonsOf(r.body).find((b) => b.custom_id?.startsWith('sel:vote:u:'))?.custom_id ?? '',
      );
      const ids = ups.map((u) => {
        const d = decodeCustomId(u);
        return d?.kind === 'vote' ? d.answerId : '';
      });
      expect(ids[0]).not.toBe('');
      expect(ids[0]).not.toBe(ids[1]);
      const voter = member();
      const click = await fake.clickButton({
        customId: ups[0] ?? '',
        message: String((replies[0]?.response as Json | undefined)?.id),
        user: voter,
      });
      expect(body(click.data).content).toContain('Thanks — noted');
      expect(run.store.getVote({ answerId: ids[0] ?? '', userId: voter.id })).toEqual({ ok: true, value: 'up' });
      expect(run.store.getVote({ answerId: ids[1] ?? '', userId: voter.id })).toEqual({ ok: true, value: null });
    });

    it('offers no vote on a refusal (its "did you mean" buttons stay)', async () => {
      const outcome = await fake.slash({ name: 'ask', options: { question: OFF_TOPIC }, user: member() });
      expect(buttonsOf(outcome.data).some((b) => b.custom_id?.startsWith('sel:vote:'))).toBe(false);
    });
  });

  describe('question log', () => {
    it('logs refused questions normalised with a count, answered ones with entry and confidence', async () => {
      const since = new Date(Date.now() - 1000);
      const { question, entryId } = inScopeQuestion();
      const refusedQuestion = 'which football team won the cup in 1998?';
      expect(engine.ask(refusedQuestion).answered).toBe(false);
      await fake.slash({ name: 'ask', options: { question: refusedQuestion }, user: member() });
      const sent = fake.sendMessage({
        content: `  ${refusedQuestion.toUpperCase()}!! `,
        mentionsBot: true,
        author: member(),
      });
      await fake.waitForReplyTo(String(sent.id));
      await fake.slash({ name: 'ask', options: { question }, user: member() });

      await vi.waitFor(() => {
        const report = run.store.report({ since, limit: 50 });
        if (!report.ok) throw new Error(report.message);
        const refused = report.value.topUnanswered.find(
          (q) => normaliseText(q.text) === normaliseText(refusedQuestion),
        );
        expect(refused?.count).toBe(2);
        const answered = report.value.lowConfidence.find((q) => q.entryId === entryId);
        expect(answered?.confidence).toBeGreaterThan(0);
        expect(answered?.text).toBe(question);
      });
    });
  });

  describe('/settings', () => {
    it('is registered for Manage Server, servers only', () => {
      const settings = fake.globalCommands.find((c) => c.name === 'settings');
      expect(settings?.default_member_permissions).toBe('32');
      expect(settings?.contexts).toEqual([0]);
    });

    it('refuses members without Manage Server, and DMs', async () => {
      const refused = await settingsCommand(fake, 'view', [], { user: member() });
      expect(isEphemeral(body(refused.data))).toBe(true);
      expect(body(refused.data).content).toContain('Manage Server');
      const cooldown = await settingsCommand(fake, 'cooldown', [{ name: 'seconds', type: 4, value: 0 }], {
        user: member(),
      });
      expect(body(cooldown.data).content).toContain('Manage Server');
      expect(run.store.getSettings(guildId).cooldownSeconds).not.toBe(0);
      const dm = await settingsCommand(fake, 'view', [], { guildId: null });
      expect(body(dm.data).content).toContain('only works in a server');
    });

    it('shows the current settings to a member with Manage Server', async () => {
      const manager = member();
      const manageServer = (BigInt(OWNER_PERMISSIONS) & ~8n).toString(); // Manage Server without Administrator
      const outcome = await settingsCommand(fake, 'view', [], { user: manager, memberPermissions: manageServer });
      const shown = body(outcome.data);
      expect(isEphemeral(shown)).toBe(true);
      expectNoMassMentions(shown);
      expect(shown.content).toContain('Answer channels');
      expect(shown.content).toContain('Cooldown');
    });

    it('answers questions in an answer channel without a mention, and ignores chat there', async () => {
      const add = await settingsCommand(fake, 'add-channel', [channelOption(answerChannel)]);
      expect(body(add.data).content).toContain(`<#${answerChannel}>`);
      // This bot has the intent: no instructions to enable it.
      expect(body(add.data).content).not.toContain('Privileged Gateway Intents');
      expect(run.store.getSettings(guildId).answerChannels).toEqual([answerChannel]);

      const chat = fake.sendMessage({
        content: 'thanks everyone, see you tomorrow',
        channelId: answerChannel,
        author: member(),
      });
      const { question } = inScopeQuestion();
      const asked = fake.sendMessage({ content: question, channelId: answerChannel, author: member() });
      const reply = await fake.waitForReplyTo(String(asked.id));
      expect(buttonsOf(reply.body).some((b) => b.custom_id?.startsWith('sel:vote:'))).toBe(true);
      expectNoMassMentions(body(reply.body));
      expect(
        fake.restCalls.filter(
          (c) => (c.body as Json)?.message_reference && JSON.stringify(c.body).includes(String(chat.id)),
        ),
      ).toEqual([]);

      // Elsewhere a mention is still needed.
      const elsewhere = fake.sendMessage({ content: question, channelId: general, author: member() });
      const barrier = fake.sendMessage({ content: question, channelId: answerChannel, author: member() });
      await fake.waitForReplyTo(String(barrier.id));
      expect(
        fake.restCalls.filter((c) => JSON.stringify(c.body ?? {}).includes(`"message_id":"${elsewhere.id}"`)),
      ).toEqual([]);
    });

    it('replies to a link to the article with a card whose section buttons answer', async () => {
      const link = `${kb.article.url.replace('https://www.', 'https://WWW.')}?utm_source=discord#comments`;
      const sent = fake.sendMessage({
        content: `have you all read ${link} ?`,
        channelId: answerChannel,
        author: member(),
      });
      const reply = await fake.waitForReplyTo(String(sent.id));
      const card = body(reply.body);
      expect(card.embeds?.[0]?.title).toBe(kb.article.title);
      expect(card.embeds?.[0]?.url).toBe(kb.article.url);
      expect((card.embeds?.[0]?.description ?? '').length).toBeLessThanOrEqual(220);
      const sections = buttonsOf(card);
      expect(sections.map((b) => b.label)).toEqual(kb.article.resolvedSections.slice(0, 10).map((s) => s.title));
      for (const row of card.components ?? []) expect(row.components.length).toBeLessThanOrEqual(5);

      const section = kb.article.resolvedSections[2];
      const click = await fake.clickButton({
        customId: sections[2]?.custom_id ?? '',
        message: String((reply.response as Json).id),
        user: member(),
      });
      const shown = body(click.data);
      expect(isEphemeral(shown)).toBe(true);
      expect(shown.content).toContain('Read this section');
      expect(shown.content).toContain(section?.url.split('#')[0]);
      expect(shown.content).toContain(section?.summary.split(' ').slice(0, 4).join(' '));
    });

    it('makes answers private by default, and sets the cooldown', async () => {
      await settingsCommand(fake, 'private', [{ name: 'enabled', type: 5, value: true }]);
      const asker = member();
      const first = await fake.slash({ name: 'ask', options: { question: 'what is selenium?' }, user: asker });
      expect(isEphemeral(body(first.data))).toBe(true);
      // The default cooldown refuses a second question at once ...
      const second = await fake.slash({ name: 'ask', options: { question: 'what is selenium?' }, user: asker });
      expect(body(second.data).content).toMatch(/ask again in \d+ s/);
      // ... and 0 turns it off.
      const set = await settingsCommand(fake, 'cooldown', [{ name: 'seconds', type: 4, value: 0 }]);
      expect(body(set.data).content).toContain('Cooldown: 0 s');
      const again = member();
      for (let i = 0; i < 2; i++) {
        const o = await fake.slash({
          name: 'ask',
          options: { question: 'what is selenium?', private: false },
          user: again,
        });
        expect(body(o.data).content).not.toMatch(/ask again/);
        expect(isEphemeral(body(o.data))).toBe(false);
      }
      await settingsCommand(fake, 'private', [{ name: 'enabled', type: 5, value: false }]);
    });

    it('turns link cards off', async () => {
      const off = await settingsCommand(fake, 'link-cards', [{ name: 'enabled', type: 5, value: false }]);
      expect(body(off.data).content).toContain('Link cards: off');
      const sent = fake.sendMessage({
        content: `look at this ${kb.article.url}`,
        channelId: answerChannel,
        author: member(),
      });
      const barrier = fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, author: member() });
      await fake.waitForReplyTo(String(barrier.id));
      expect(fake.restCalls.filter((c) => JSON.stringify(c.body ?? {}).includes(`"message_id":"${sent.id}"`))).toEqual(
        [],
      );
      await settingsCommand(fake, 'link-cards', [{ name: 'enabled', type: 5, value: true }]);
    });

    it('keeps settings across a restart on the same DATA_DIR', async () => {
      await settingsCommand(fake, 'cooldown', [{ name: 'seconds', type: 4, value: 42 }]);
      await run.stop();
      run = await launch(fake, dataDir, { MESSAGE_CONTENT_INTENT: 'true' }, metrics);
      const view = await settingsCommand(fake, 'view', []);
      expect(body(view.data).content).toContain('Cooldown: 42 s');
      expect(body(view.data).content).toContain(`<#${answerChannel}>`);
      const { question } = inScopeQuestion();
      const asked = fake.sendMessage({ content: question, channelId: answerChannel, author: member() });
      await fake.waitForReplyTo(String(asked.id));
      const removed = await settingsCommand(fake, 'remove-channel', [channelOption(answerChannel)]);
      expect(body(removed.data).content).toContain('no longer an answer channel');
      expect(run.store.getSettings(guildId).answerChannels).toEqual([]);
    });

    it('forgets a server it leaves', async () => {
      await settingsCommand(fake, 'cooldown', [{ name: 'seconds', type: 4, value: 7 }], { guildId: leavingGuildId });
      const before = run.store.exportGuild(leavingGuildId);
      expect(before.ok && before.value.settings?.cooldownSeconds).toBe(7);
      fake.dispatch('GUILD_DELETE', { id: leavingGuildId }, leavingGuildId);
      await vi.waitFor(() => {
        const after = run.store.exportGuild(leavingGuildId);
        expect(after.ok && after.value.settings).toBeNull();
      });
      // Other servers keep theirs.
      expect(run.store.getSettings(guildId).cooldownSeconds).toBe(42);
    });
  });
});

describe('without the Message Content intent', () => {
  let fake: FakeDiscord;
  let dataDir: string;
  let run: Running;

  beforeAll(async () => {
    fake = await startFakeDiscord({
      timeoutMs: 8_000,
      guilds: [{ channels: [{ name: 'general' }, { name: 'ask-selene' }] }],
    });
    dataDir = mkdtempSync(join(tmpdir(), 'selene-curation-nointent-'));
    run = await launch(fake, dataDir);
  });

  afterAll(async () => {
    await run?.stop();
    await fake?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells the admin how to enable the intent, and stays quiet in the channel until then', async () => {
    expect(fake.identifies[0]?.intents ?? 0).toBeGreaterThan(0);
    expect((fake.identifies[0]?.intents ?? 0) & (1 << 15)).toBe(0);
    const channel = fake.guilds[0]?.channels[1]?.id ?? '';
    const add = await settingsCommand(fake, 'add-channel', [channelOption(channel)]);
    const content = body(add.data).content ?? '';
    expect(content).toContain('Privileged Gateway Intents');
    expect(content).toContain('MESSAGE_CONTENT_INTENT=true');
    const view = await settingsCommand(fake, 'view', []);
    expect(body(view.data).content).toContain('MESSAGE_CONTENT_INTENT=true');

    const member = fake.addUser('asker');
    const quiet = fake.sendMessage({ content: 'what is selenium?', channelId: channel, author: member });
    const barrier = fake.sendMessage({
      content: 'what is selenium?',
      mentionsBot: true,
      author: fake.addUser('other'),
    });
    await fake.waitForReplyTo(String(barrier.id));
    expect(fake.restCalls.filter((c) => JSON.stringify(c.body ?? {}).includes(`"message_id":"${quiet.id}"`))).toEqual(
      [],
    );
  });
});
