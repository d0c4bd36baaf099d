import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Engine } from '../../src/engine/types.js';
import type { FakeUser } from './fake-discord/index.js';
import { body, type Harness, memberFactory, startHarness } from './helpers/bot.js';
import { FIRST, FOLLOW_UP, firstQuote, followUpAnswer, projectEngine } from './helpers/follow-up.js';

// Follow-ups over Discord: a member's second message that names no subject ("why?") is read against their
// own last question in that channel (or DM), through the real discord.js client and the fake Discord.

let engine: Engine;
let followed: Answer;

beforeAll(() => {
  engine = projectEngine();
  followed = followUpAnswer(engine);
});

async function say(h: Harness, content: string, author: FakeUser, where: { dm?: boolean; channelId?: string } = {}) {
  const message = h.fake.sendMessage({
    content,
    author,
    mentionsBot: !where.dm,
    ...(where.dm ? { guildId: null } : {}),
    ...(where.channelId ? { channelId: where.channelId } : {}),
  });
  const reply = await h.fake.waitForReplyTo(String(message.id));
  return body(reply.body).content ?? '';
}

describe('follow-ups', () => {
  let h: Harness;
  let member: () => FakeUser;

  beforeAll(async () => {
    h = await startHarness({
      env: { COOLDOWN_SECONDS: '0' },
      fake: { guilds: [{ name: 'Selene club', channels: [{ name: 'general' }, { name: 'health' }] }] },
    });
    member = memberFactory(h.fake);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reads a mention that names no subject against the member’s last question in the channel', async () => {
    const ana = member();
    expect(await say(h, FIRST, ana)).toContain(firstQuote(engine.ask(FIRST)));
    expect(await say(h, FOLLOW_UP, ana)).toContain(firstQuote(followed));
  });

  it('keeps one conversation per member: another member’s "why?" is not read against it', async () => {
    const ana = member();
    const ben = member();
    await say(h, FIRST, ana);
    const bens = await say(h, FOLLOW_UP, ben);
    expect(bens).not.toContain(firstQuote(followed));
    expect(bens).toContain(engine.ask(FOLLOW_UP).text.split('\n')[0]);
  });

  it('keeps one conversation per channel: the same member in another channel starts afresh', async () => {
    const ana = member();
    const [first, second] = h.fake.guilds[0]?.channels ?? [];
    if (!first || !second) throw new Error('the fake guild has two text channels');
    await say(h, FIRST, ana, { channelId: first.id });
    expect(await say(h, FOLLOW_UP, ana, { channelId: second.id })).not.toContain(firstQuote(followed));
    expect(await say(h, FOLLOW_UP, ana, { channelId: first.id })).toContain(firstQuote(followed));
  });

  it('follows up in a DM', async () => {
    const ana = member();
    expect(await say(h, FIRST, ana, { dm: true })).toContain(firstQuote(engine.ask(FIRST)));
    expect(await say(h, FOLLOW_UP, ana, { dm: true })).toContain(firstQuote(followed));
  });

  it('follows a mention with /ask in the same channel', async () => {
    const ana = member();
    await say(h, FIRST, ana);
    const o = await h.fake.slash({ name: 'ask', options: { question: FOLLOW_UP }, user: ana });
    expect(body(o.data).content).toContain(firstQuote(followed));
  });
});

describe('the conversation cap', () => {
  let h: Harness;
  let member: () => FakeUser;

  beforeAll(async () => {
    h = await startHarness({ env: { COOLDOWN_SECONDS: '0' }, start: { conversations: { maxConversations: 2 } } });
    member = memberFactory(h.fake);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('forgets the least recently active conversation past the cap, and keeps the others', async () => {
    const [ana, ben, cai] = [member(), member(), member()];
    for (const m of [ana, ben, cai]) await say(h, FIRST, m);
    expect(h.bot.ctx.conversations.size).toBe(2);
    expect(await say(h, FOLLOW_UP, ana)).not.toContain(firstQuote(followed));
    expect(await say(h, FOLLOW_UP, cai)).toContain(firstQuote(followed));
  });
});
