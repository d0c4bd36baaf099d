import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conversationKey } from '../../src/conversation/store.js';
import { createBotStore } from '../../src/discord/bot-store.js';
import type { Answer, Engine } from '../../src/engine/types.js';
import { openStore, type Store } from '../../src/store/index.js';
import {
  deleteMessage,
  editMessage,
  type FakeUser,
  type Json,
  MEMBER_PERMISSIONS,
  type RestCall,
} from './fake-discord/index.js';
import { body, expectNoMassMentions, type Harness, memberFactory, startHarness } from './helpers/bot.js';
import { FIRST, FOLLOW_UP, firstQuote, followUpAnswer, projectEngine } from './helpers/follow-up.js';

// Answers in threads (/settings threads), through the real discord.js client and the fake Discord: the
// thread is started on the member's message and named after the question, the answer and the follow-ups go
// in it, and without the permissions the answer is a plain reply that the admin hears about.

const without = (...bits: number[]) =>
  (BigInt(MEMBER_PERMISSIONS) & ~bits.reduce((all, b) => all | (1n << BigInt(b)), 0n)).toString();
const CREATE_PUBLIC_THREADS = 35;
const SEND_MESSAGES_IN_THREADS = 38;

let engine: Engine;
let followed: Answer;

beforeAll(() => {
  engine = projectEngine();
  followed = followUpAnswer(engine);
});

interface Setup {
  h: Harness;
  store: Store;
  member: () => FakeUser;
  channel: (name: string) => string;
  close(): Promise<void>;
}

/** A bot with a real SQLite store, in a server whose channels give it different thread permissions. */
async function setup(intent: boolean): Promise<Setup> {
  const dataDir = mkdtempSync(join(tmpdir(), 'selene-threads-'));
  const store = openStore({ dataDir, logger: { info: () => {}, warn: () => {} } });
  const h = await startHarness({
    env: { COOLDOWN_SECONDS: '0', MESSAGE_CONTENT_INTENT: String(intent) },
    start: { store: createBotStore(store) },
    fake: {
      guilds: [
        {
          name: 'Selene club',
          channels: [
            { name: 'general' },
            { name: 'busy' },
            { name: 'no-threads', botPermissions: without(CREATE_PUBLIC_THREADS) },
            { name: 'no-thread-posts', botPermissions: without(SEND_MESSAGES_IN_THREADS) },
          ],
        },
      ],
    },
  });
  const channel = (name: string) => {
    const found = h.fake.guilds[0]?.channels.find((c) => c.name === name);
    if (!found) throw new Error(`no channel #${name}`);
    return found.id;
  };
  return {
    h,
    store,
    member: memberFactory(h.fake),
    channel,
    async close() {
      await h.close();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** /settings threads enabled:<on>, by the server's owner, in `channelId`. */
async function setThreads(s: Setup, on: boolean, channelId = s.channel('general')) {
  const outcome = await s.h.fake.slash({
    name: 'settings',
    channelId,
    options: [{ name: 'threads', type: 1, options: [{ name: 'enabled', type: 5, value: on }] }] as unknown as Json[],
  });
  return body(outcome.data).content ?? '';
}

async function settingsView(s: Setup): Promise<string> {
  const outcome = await s.h.fake.slash({
    name: 'settings',
    options: [{ name: 'view', type: 1, options: [] }] as unknown as Json[],
  });
  return body(outcome.data).content ?? '';
}

const isThreadStart = (messageId: string) => (c: RestCall) =>
  c.method === 'POST' && c.path.endsWith(`/messages/${messageId}/threads`);

const postIn = (channelId: string) => (c: RestCall) =>
  c.method === 'POST' && c.path === `/channels/${channelId}/messages` && c.status === 200;

/** The bot's messages that reply to `messageId` (none for a message it ignored). */
const repliesTo = (s: Setup, messageId: unknown) =>
  s.h.fake.restCalls.filter(
    (c) =>
      (c.body as { message_reference?: { message_id?: unknown } } | null)?.message_reference?.message_id === messageId,
  );

/** The thread started on `messageId` and the bot's first message in it. */
async function threadAnswer(s: Setup, messageId: string): Promise<{ thread: Json; answer: string; call: RestCall }> {
  const start = await s.h.fake.waitForRest(isThreadStart(messageId));
  expect(start.status).toBe(201);
  const thread = start.response as Json;
  const call = await s.h.fake.waitForRest(postIn(String(thread.id)));
  return { thread, answer: body(call.body).content ?? '', call };
}

describe('threads, with the Message Content intent', () => {
  let s: Setup;

  beforeAll(async () => {
    s = await setup(true);
    const note = await setThreads(s, true);
    expect(note).toContain('Answers in threads: on');
    expect(note).not.toContain('lack');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('is stored per server, and shown by /settings view', async () => {
    const guildId = s.h.fake.guilds[0]?.id ?? '';
    expect(s.store.getSettings(guildId).threads).toBe(true);
    expect(await settingsView(s)).toContain('Answers in threads: on (follow-ups there need no mention)');
  });

  it('answers a mention in a new public thread on the message, named after the question', async () => {
    const ana = s.member();
    const asked = s.h.fake.sendMessage({ content: FIRST, author: ana, mentionsBot: true });
    const { thread, answer, call } = await threadAnswer(s, String(asked.id));
    expect(thread).toMatchObject({
      id: asked.id,
      type: 11,
      name: FIRST,
      parent_id: s.channel('general'),
      owner_id: s.h.fake.bot.id,
    });
    expect(answer).toContain(firstQuote(engine.ask(FIRST)));
    expect(answer.split('\n')[0]).toContain('no need to mention me');
    expectNoMassMentions(body(call.body));
    // In the thread, not as a reply in the channel.
    expect((call.body as Json).message_reference).toBeUndefined();
    expect(s.h.fake.messagesSentTo(s.channel('general'))).toHaveLength(0);
  });

  it('keeps the conversation in the thread: a follow-up there needs no mention', async () => {
    const ana = s.member();
    const asked = s.h.fake.sendMessage({ content: FIRST, author: ana, mentionsBot: true });
    const { thread } = await threadAnswer(s, String(asked.id));
    const followUp = s.h.fake.sendMessage({ content: FOLLOW_UP, author: ana, channelId: String(thread.id) });
    const reply = await s.h.fake.waitForReplyTo(String(followUp.id));
    expect(reply.path).toBe(`/channels/${String(thread.id)}/messages`);
    const text = body(reply.body).content ?? '';
    expect(text).toContain(firstQuote(followed));
    // The hint is for the first answer only.
    expect(text).not.toContain('no need to mention me');
    // Nothing new was started for the follow-up.
    expect(s.h.fake.restCalls.filter(isThreadStart(String(followUp.id)))).toHaveLength(0);
  });

  it('reads another member’s follow-up in the thread on its own, and ignores chat and messages to others', async () => {
    const [ana, ben] = [s.member(), s.member()];
    const asked = s.h.fake.sendMessage({ content: FIRST, author: ana, mentionsBot: true });
    const threadId = String((await threadAnswer(s, String(asked.id))).thread.id);
    const chat = s.h.fake.sendMessage({
      content: 'thanks everyone, see you tomorrow',
      author: ben,
      channelId: threadId,
    });
    const toAna = s.h.fake.sendMessage({ content: `<@${ana.id}> what is selenium?`, author: ben, channelId: threadId });
    const bens = s.h.fake.sendMessage({ content: FOLLOW_UP, author: ben, channelId: threadId });
    const reply = await s.h.fake.waitForReplyTo(String(bens.id));
    // Ben's "why?" is his own first turn: not read against Ana's question.
    expect(body(reply.body).content).not.toContain(firstQuote(followed));
    expect(repliesTo(s, chat.id)).toHaveLength(0);
    expect(repliesTo(s, toAna.id)).toHaveLength(0);
  });

  it('edits the answer in the thread when the question is edited, and deletes it when the question is', async () => {
    const other = 'how much selenium do adults need a day?';
    expect(engine.ask(other).matchId).not.toBe(engine.ask(FIRST).matchId);
    const ana = s.member();
    const asked = s.h.fake.sendMessage({ content: FIRST, author: ana, mentionsBot: true });
    const { thread, call } = await threadAnswer(s, String(asked.id));
    const replyPath = `/channels/${String(thread.id)}/messages/${String((call.response as Json).id)}`;
    // A member edits after seeing the answer, by which time the bot has Discord's response to its post.
    await vi.waitFor(() => expect(s.h.bot.ctx.answered?.get(String(asked.id))).toBeDefined());
    editMessage(s.h.fake, String(asked.id), `<@${s.h.fake.bot.id}> ${other}`);
    const edit = await s.h.fake.waitForRest((c) => c.method === 'PATCH' && c.path === replyPath);
    expect(body(edit.body).content).toContain(firstQuote(engine.ask(other)));
    deleteMessage(s.h.fake, String(asked.id));
    const gone = await s.h.fake.waitForRest((c) => c.method === 'DELETE' && c.path === replyPath);
    expect(gone.status).toBe(204);
  });

  it('cuts the thread name to 100 characters, with member text shown as plain text', async () => {
    const question = `@everyone **is** <@${s.h.fake.tester.id}> selenium in [tuna](https://x.example) ${'and brazil nuts '.repeat(12)}?`;
    const asked = s.h.fake.sendMessage({ content: question, author: s.member(), mentionsBot: true });
    const start = await s.h.fake.waitForRest(isThreadStart(String(asked.id)));
    const name = String((start.body as Json).name);
    expect(start.status).toBe(201);
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name.length).toBeGreaterThan(60);
    expect(name.endsWith('…')).toBe(true);
    expect(name.startsWith('＠everyone \\*\\*is\\*\\* ＠user selenium in \\[tuna')).toBe(true);
    expect(name).not.toContain(s.h.fake.bot.id);
  });

  it('answers in other threads as in a channel: a mention is needed, and the reply stays in that thread', async () => {
    const members = s.h.fake.startThread({
      channelId: s.channel('general'),
      name: 'members chat',
      owner: s.h.fake.tester,
    });
    const ana = s.member();
    const plain = s.h.fake.sendMessage({ content: FIRST, author: ana, channelId: members.id });
    const mention = s.h.fake.sendMessage({ content: FIRST, author: ana, channelId: members.id, mentionsBot: true });
    const reply = await s.h.fake.waitForReplyTo(String(mention.id));
    expect(reply.path).toBe(`/channels/${members.id}/messages`);
    expect(body(reply.body).content).toContain(firstQuote(engine.ask(FIRST)));
    expect(s.h.fake.restCalls.filter(isThreadStart(String(mention.id)))).toHaveLength(0);
    expect(repliesTo(s, plain.id)).toHaveLength(0);
  });

  it('falls back to a plain reply without the permissions, logs it once per server, and tells the admin', async () => {
    for (const name of ['no-threads', 'no-thread-posts', 'no-threads']) {
      const asked = s.h.fake.sendMessage({
        content: FIRST,
        author: s.member(),
        channelId: s.channel(name),
        mentionsBot: true,
      });
      const reply = await s.h.fake.waitForReplyTo(String(asked.id));
      expect(reply.path).toBe(`/channels/${s.channel(name)}/messages`);
      expect(body(reply.body).content).toContain(firstQuote(engine.ask(FIRST)));
      // permissionsFor said no: Discord was not even asked.
      expect(s.h.fake.restCalls.filter(isThreadStart(String(asked.id)))).toHaveLength(0);
    }
    const logged = s.h.logs.lines.filter((l) => String(l.msg).startsWith('threads: missing'));
    expect(logged).toHaveLength(1);
    const view = await settingsView(s);
    expect(view).toContain('Threads are on, but I lack **Create Public Threads** and **Send Messages in Threads**');
    expect(view).toContain(`<#${s.channel('no-threads')}>`);
    expect(view).toContain(`<#${s.channel('no-thread-posts')}>`);
    expect(view).not.toContain(`<#${s.channel('general')}>`);
  });

  it('falls back when Discord itself refuses with 50013 (permissions changed since discord.js last heard)', async () => {
    const busy = s.h.fake.channel(s.channel('busy'));
    if (!busy) throw new Error('no #busy');
    busy.botPermissions = without(CREATE_PUBLIC_THREADS);
    try {
      const asked = s.h.fake.sendMessage({ content: FIRST, author: s.member(), channelId: busy.id, mentionsBot: true });
      const reply = await s.h.fake.waitForReplyTo(String(asked.id));
      const refused = s.h.fake.restCalls.filter(isThreadStart(String(asked.id)));
      expect(refused.map((c) => [c.status, (c.response as Json).code])).toEqual([[403, 50013]]);
      expect(reply.path).toBe(`/channels/${busy.id}/messages`);
      expect(body(reply.body).content).toContain(firstQuote(engine.ask(FIRST)));
      expect(await settingsView(s)).toContain(`<#${busy.id}>`);
    } finally {
      busy.botPermissions = MEMBER_PERMISSIONS;
    }
    // Once a thread works there again, the channel leaves the admin's list.
    const again = s.h.fake.sendMessage({ content: FIRST, author: s.member(), channelId: busy.id, mentionsBot: true });
    await threadAnswer(s, String(again.id));
    expect(await settingsView(s)).not.toContain(`<#${busy.id}>`);
  });

  it('falls back when Discord refuses the post in the new thread, and keeps the turn in the channel', async () => {
    const ana = s.member();
    const asked = s.h.fake.sendMessage({ content: FIRST, author: ana, mentionsBot: true });
    // The thread is started on the message, so it has the message's id.
    s.h.fake.failNext(`POST /channels/${asked.id}/messages`, { status: 403, code: 50001 });
    const reply = await s.h.fake.waitForReplyTo(String(asked.id));
    expect(reply.path).toBe(`/channels/${s.channel('general')}/messages`);
    expect(body(reply.body).content).toContain(firstQuote(engine.ask(FIRST)));
    const turns = (channelId: string) =>
      s.h.bot.ctx.conversations.context(conversationKey(ana.id, channelId), Date.now()).map((t) => t.question);
    // A follow-up in the channel, where the answer is, reads this turn; the thread holds none.
    await vi.waitFor(() => expect(turns(s.channel('general'))).toEqual([FIRST]));
    expect(turns(String(asked.id))).toEqual([]);
  });

  it('says at once when threads are turned on in a channel that lacks the permissions', async () => {
    const note = await setThreads(s, true, s.channel('no-threads'));
    expect(note).toContain('I lack **Create Public Threads** and **Send Messages in Threads** in this channel');
  });

  it('answers with a plain reply once the setting is off', async () => {
    expect(await setThreads(s, false)).toContain('Answers in threads: off');
    const asked = s.h.fake.sendMessage({ content: FIRST, author: s.member(), mentionsBot: true });
    const reply = await s.h.fake.waitForReplyTo(String(asked.id));
    expect(reply.path).toBe(`/channels/${s.channel('general')}/messages`);
    expect(s.h.fake.restCalls.filter(isThreadStart(String(asked.id)))).toHaveLength(0);
    expect(await settingsView(s)).toContain('Answers in threads: off');
    await setThreads(s, true);
  });
});

describe('threads, without the Message Content intent', () => {
  let s: Setup;

  beforeAll(async () => {
    s = await setup(false);
    await setThreads(s, true);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('says in the first answer to mention Selene; ignores a follow-up without one and follows one with one', async () => {
    const ana = s.member();
    const asked = s.h.fake.sendMessage({ content: FIRST, author: ana, mentionsBot: true });
    const { thread, answer } = await threadAnswer(s, String(asked.id));
    expect(answer.split('\n')[0]).toContain(`mention me (<@${s.h.fake.bot.id}>)`);
    const threadId = String(thread.id);
    const unheard = s.h.fake.sendMessage({ content: FOLLOW_UP, author: ana, channelId: threadId });
    const heard = s.h.fake.sendMessage({ content: FOLLOW_UP, author: ana, channelId: threadId, mentionsBot: true });
    const reply = await s.h.fake.waitForReplyTo(String(heard.id));
    expect(reply.path).toBe(`/channels/${threadId}/messages`);
    expect(body(reply.body).content).toContain(firstQuote(followed));
    expect(repliesTo(s, unheard.id)).toHaveLength(0);
    expect(await settingsView(s)).toContain('Answers in threads: on (members mention me for follow-ups there)');
  });
});
