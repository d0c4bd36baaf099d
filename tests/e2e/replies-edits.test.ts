import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { conversationKey } from '../../src/conversation/store.js';
import { ANSWERED_LIMITS } from '../../src/discord/answered.js';
import { NO_STORE } from '../../src/discord/no-store.js';
import type { Engine } from '../../src/engine/types.js';
import { deleteMessage, editMessage, type FakeUser, MEMBER_PERMISSIONS, type RestCall } from './fake-discord/index.js';
import {
  body,
  buttonsOf,
  expectNoMassMentions,
  type Harness,
  isEphemeral,
  memberFactory,
  startHarness,
} from './helpers/bot.js';
import { firstQuote, projectEngine } from './helpers/follow-up.js';

// Replies, edits and deletes over Discord, through the real discord.js client and the fake Discord: "@Selene"
// as a reply to someone's message answers that message; editing an answered message edits Selene's reply;
// deleting it deletes the reply; the 🗑️ button removes an answer for the asker or a moderator only.

const FIRST = 'does selenium help the immune system?';
const OTHER = 'what is selenium?';
/** A typo of OTHER that the engine reads the same: the same answer. */
const OTHER_TYPO = 'wat is selenium?';
const MINUTE = 60_000;
/** Manage Messages (bit 13) on top of an ordinary member's permissions. */
const MODERATOR = (BigInt(MEMBER_PERMISSIONS) | (1n << 13n)).toString();

let engine: Engine;

beforeAll(() => {
  engine = projectEngine();
  // The premises, checked: FIRST and OTHER are answered from different entries; the typo reads as OTHER.
  expect(engine.ask(FIRST).answered && engine.ask(OTHER).answered).toBe(true);
  expect(engine.ask(FIRST).matchId).not.toBe(engine.ask(OTHER).matchId);
  expect(engine.ask(OTHER_TYPO).text).toBe(engine.ask(OTHER).text);
});

/** An answer (not a notice): it carries the disclaimer line and the 🗑️ button. */
const isAnswer = (call: RestCall) => buttonsOf(call.body).some((b) => b.custom_id?.startsWith('sel:delete:'));

const idOf = (call: RestCall) => String((call.response as { id: string }).id);

/** A member's mention of the bot, and Selene's reply to it. */
async function ask(h: Harness, content: string, author: FakeUser, extra: { replyTo?: string; dm?: boolean } = {}) {
  const message = h.fake.sendMessage({
    content,
    author,
    mentionsBot: !extra.dm,
    ...(extra.dm ? { guildId: null } : {}),
    ...(extra.replyTo ? { replyTo: extra.replyTo } : {}),
  });
  const reply = await h.fake.waitForReplyTo(String(message.id));
  // The fake records the reply as it arrives; the bot remembers it once Discord's response is back.
  if (isAnswer(reply)) await vi.waitFor(() => expect(h.bot.ctx.answered?.get(String(message.id))).toBeDefined());
  return { id: String(message.id), channelId: String(message.channel_id), reply, replyId: idOf(reply) };
}

const patchOf = (h: Harness, channelId: string, replyId: string, from = 0) =>
  h.fake.waitForRest(
    (c) => c.method === 'PATCH' && c.path === `/channels/${channelId}/messages/${replyId}` && c.status === 200,
    undefined,
    from,
  );

const deleteOf = (h: Harness, channelId: string, replyId: string) =>
  h.fake.waitForRest((c) => c.method === 'DELETE' && c.path === `/channels/${channelId}/messages/${replyId}`);

const touched = (h: Harness, replyId: string, from: number) =>
  h.fake.restCalls.slice(from).filter((c) => c.path.endsWith(`/messages/${replyId}`));

describe('reply-to-message with the Message Content intent', () => {
  let h: Harness;
  let member: () => FakeUser;

  beforeAll(async () => {
    h = await startHarness({ env: { COOLDOWN_SECONDS: '0', MESSAGE_CONTENT_INTENT: 'true' } });
    member = memberFactory(h.fake);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers the replied-to message, naming its author without pinging them', async () => {
    const [ana, ben] = [member(), member()];
    const question = h.fake.sendMessage({ content: FIRST, author: ana });
    for (const pointer of ['', 'can you answer this?', '^']) {
      const { reply } = await ask(h, pointer, ben, { replyTo: String(question.id) });
      const b = body(reply.body);
      expect(b.content?.split('\n')[0]).toBe(`*Answering <@${ana.id}>’s question:* “${FIRST}”`);
      expect(b.content).toContain(firstQuote(engine.ask(FIRST)));
      expectNoMassMentions(b, []);
    }
  });

  it('answers a reply’s own question, not the message it replies to', async () => {
    const [ana, ben] = [member(), member()];
    const question = h.fake.sendMessage({ content: FIRST, author: ana });
    const { reply } = await ask(h, OTHER, ben, { replyTo: String(question.id) });
    const b = body(reply.body);
    expect(b.content).not.toContain('Answering');
    expect(b.content).toContain(firstQuote(engine.ask(OTHER)));
  });

  it('follows an edit of the reply: its own question now, or still the replied-to one while it only points', async () => {
    const [ana, ben] = [member(), member()];
    const question = h.fake.sendMessage({ content: FIRST, author: ana });
    const asked = await ask(h, '^', ben, { replyTo: String(question.id) });
    let from = h.fake.restCalls.length;
    editMessage(h.fake, asked.id, `<@${h.fake.bot.id}> ${OTHER}`);
    const own = body((await patchOf(h, asked.channelId, asked.replyId, from)).body).content ?? '';
    expect(own).not.toContain('Answering');
    expect(own).toContain(firstQuote(engine.ask(OTHER)));
    from = h.fake.restCalls.length;
    editMessage(h.fake, asked.id, `<@${h.fake.bot.id}> this?`);
    const back = body((await patchOf(h, asked.channelId, asked.replyId, from)).body).content ?? '';
    expect(back.split('\n')[0]).toBe(`*Answering <@${ana.id}>’s question:* “${FIRST}”`);
    expect(back).toContain(firstQuote(engine.ask(FIRST)));
  });

  it('neutralises the replied-to text it quotes', async () => {
    const [ana, ben] = [member(), member()];
    const question = h.fake.sendMessage({
      content: `@everyone **${FIRST}** [click](https://evil.example)`,
      author: ana,
    });
    const { reply } = await ask(h, '', ben, { replyTo: String(question.id) });
    const header = body(reply.body).content?.split('\n')[0] ?? '';
    expect(header).not.toContain('@everyone');
    expect(header).not.toContain('**');
    expect(header).toContain('\\[click]');
    expectNoMassMentions(body(reply.body), []);
  });

  it('says so when the replied-to message is gone', async () => {
    const [ana, ben] = [member(), member()];
    const question = h.fake.sendMessage({ content: FIRST, author: ana });
    deleteMessage(h.fake, String(question.id));
    const { reply } = await ask(h, 'this?', ben, { replyTo: String(question.id) });
    expect(body(reply.body).content).toContain('The message you replied to is gone');
  });

  it('reads a bare mention under Selene’s own answer as a plain mention', async () => {
    const ana = member();
    const first = await ask(h, FIRST, ana);
    const { reply } = await ask(h, '', ana, { replyTo: first.replyId });
    expect(body(reply.body).content).toContain('Ask me something after the mention');
  });
});

describe('reply-to-message without the Message Content intent', () => {
  let h: Harness;
  let member: () => FakeUser;

  beforeAll(async () => {
    h = await startHarness({ env: { COOLDOWN_SECONDS: '0' } });
    member = memberFactory(h.fake);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('points to Apps → Ask Selene, since Discord sends the replied-to message without its text', async () => {
    const [ana, ben] = [member(), member()];
    const question = h.fake.sendMessage({ content: FIRST, author: ana });
    const { reply } = await ask(h, 'can you answer this', ben, { replyTo: String(question.id) });
    const content = body(reply.body).content ?? '';
    expect(content).toContain('Apps → Ask Selene');
    expect(content.split('\n')).toHaveLength(1);
    expect(content).not.toContain(firstQuote(engine.ask(FIRST)));
  });

  it('still answers a replied-to message that mentions Selene (Discord shows the bot those)', async () => {
    const [ana, ben] = [member(), member()];
    const first = await ask(h, FIRST, ana);
    const { reply } = await ask(h, '', ben, { replyTo: first.id });
    expect(body(reply.body).content).toContain(`*Answering <@${ana.id}>’s question:*`);
    expect(body(reply.body).content).toContain(firstQuote(engine.ask(FIRST)));
  });
});

describe('edits and deletes', () => {
  let h: Harness;
  let member: () => FakeUser;
  /** Added to the answered map's clock: moves time past the 15 minutes without waiting. */
  let later = 0;

  beforeAll(async () => {
    h = await startHarness({
      env: { COOLDOWN_SECONDS: '30' },
      start: {
        answered: { now: () => Date.now() + later },
        // Votes can be stored, so answers carry 👍 / 👎 (their answer id must follow edits sensibly).
        store: { ...NO_STORE, saves: true, recordVote: () => ({ ok: true, previous: null }) },
      },
    });
    member = memberFactory(h.fake);
  });
  afterEach(() => {
    later = 0;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers the edited text in the same reply, and the edit costs no cooldown turn', async () => {
    const ana = member();
    const asked = await ask(h, FIRST, ana);
    const from = h.fake.restCalls.length;
    editMessage(h.fake, asked.id, `<@${h.fake.bot.id}> ${OTHER}`);
    const patch = await patchOf(h, asked.channelId, asked.replyId, from);
    expect(body(patch.body).content).toContain(firstQuote(engine.ask(OTHER)));
    expect(body(patch.body).content).not.toContain(firstQuote(engine.ask(FIRST)));
    expectNoMassMentions(body(patch.body), []);
    expect(h.fake.message(asked.replyId)?.content).toContain(firstQuote(engine.ask(OTHER)));
    // No new message for the edit, and no cooldown notice: an edit is not a new question.
    expect(h.fake.restCalls.slice(from).filter((c) => c.method === 'POST')).toEqual([]);
    // ...and it gave no turn back either: a new question within the cooldown still waits.
    const next = await ask(h, FIRST, ana);
    expect(body(next.reply.body).content).toContain('You can ask again in');
  });

  it('replaces the edited turn in the member’s conversation while it is the last', async () => {
    const ana = member();
    const asked = await ask(h, FIRST, ana);
    const key = conversationKey(ana.id, asked.channelId);
    editMessage(h.fake, asked.id, `<@${h.fake.bot.id}> ${OTHER}`);
    await patchOf(h, asked.channelId, asked.replyId);
    const turns = h.bot.ctx.conversations.context(key, Date.now());
    expect(turns.map((t) => t.question)).toEqual([OTHER]);
  });

  it('keeps the vote buttons’ answer id for the same answer, and gives a new one for a different answer', async () => {
    const ana = member();
    const asked = await ask(h, OTHER, ana);
    const voteIds = (x: unknown) => buttonsOf(x).filter((b) => b.custom_id?.startsWith('sel:vote:'));
    const original = voteIds(asked.reply.body).map((b) => b.custom_id);
    expect(original).toHaveLength(2);
    let from = h.fake.restCalls.length;
    editMessage(h.fake, asked.id, `<@${h.fake.bot.id}> ${OTHER_TYPO}`);
    const same = await patchOf(h, asked.channelId, asked.replyId, from);
    expect(voteIds(same.body).map((b) => b.custom_id)).toEqual(original);
    from = h.fake.restCalls.length;
    editMessage(h.fake, asked.id, `<@${h.fake.bot.id}> ${FIRST}`);
    const changed = await patchOf(h, asked.channelId, asked.replyId, from);
    const fresh = voteIds(changed.body).map((b) => b.custom_id);
    expect(fresh).toHaveLength(2);
    expect(fresh.some((id) => original.includes(id))).toBe(false);
  });

  it('ignores an update that leaves the text alone, and an edit after 15 minutes', async () => {
    const [ana, ben] = [member(), member()];
    const stale = await ask(h, FIRST, ana);
    const from = h.fake.restCalls.length;
    // Same text (Discord also sends updates for link previews), then a real edit 16 minutes on.
    editMessage(h.fake, stale.id, `<@${h.fake.bot.id}> ${FIRST}`);
    later = 16 * MINUTE;
    editMessage(h.fake, stale.id, `<@${h.fake.bot.id}> ${OTHER}`);
    // The marker: a question answered now (16 minutes on) and edited in the same channel. Events are handled
    // in order and its PATCH takes the same route, so a PATCH for the stale edit would have come first.
    const live = await ask(h, FIRST, ben);
    editMessage(h.fake, live.id, `<@${h.fake.bot.id}> ${OTHER}`);
    await patchOf(h, live.channelId, live.replyId, from);
    expect(touched(h, stale.replyId, from)).toEqual([]);
    expect(h.fake.message(stale.replyId)?.content).toContain(firstQuote(engine.ask(FIRST)));
    expect(h.bot.ctx.answered?.get(stale.id)).toBeUndefined();
  });

  it('re-answers at most ANSWERED_LIMITS.maxEdits edits of one message', async () => {
    const [ana, ben] = [member(), member()];
    const asked = await ask(h, FIRST, ana);
    const max = ANSWERED_LIMITS.maxEdits;
    let from = h.fake.restCalls.length;
    for (let i = 1; i <= max; i++) {
      editMessage(h.fake, asked.id, `<@${h.fake.bot.id}> ${i % 2 ? OTHER : FIRST}`);
      await patchOf(h, asked.channelId, asked.replyId, from);
      from = h.fake.restCalls.length;
    }
    editMessage(h.fake, asked.id, `<@${h.fake.bot.id}> ${max % 2 ? FIRST : OTHER}`);
    // The marker, as above: another answer's edit on the same route.
    const live = await ask(h, FIRST, ben);
    editMessage(h.fake, live.id, `<@${h.fake.bot.id}> ${OTHER}`);
    await patchOf(h, live.channelId, live.replyId, from);
    expect(touched(h, asked.replyId, from)).toEqual([]);
  });

  it('edits its reply in a DM too', async () => {
    const ana = member();
    const asked = await ask(h, FIRST, ana, { dm: true });
    const from = h.fake.restCalls.length;
    editMessage(h.fake, asked.id, OTHER);
    const patch = await patchOf(h, asked.channelId, asked.replyId, from);
    expect(body(patch.body).content).toContain(firstQuote(engine.ask(OTHER)));
  });

  it('deletes its reply when the member deletes the answered message, and drops that turn', async () => {
    const ana = member();
    const asked = await ask(h, FIRST, ana);
    deleteMessage(h.fake, asked.id);
    const deleted = await deleteOf(h, asked.channelId, asked.replyId);
    expect(deleted.status).toBe(204);
    expect(h.fake.message(asked.replyId)).toBeUndefined();
    expect(h.bot.ctx.answered?.get(asked.id)).toBeUndefined();
    expect(h.bot.ctx.conversations.context(conversationKey(ana.id, asked.channelId), Date.now())).toEqual([]);
  });

  it('deletes its reply in a DM too', async () => {
    const ana = member();
    const asked = await ask(h, FIRST, ana, { dm: true });
    deleteMessage(h.fake, asked.id);
    await deleteOf(h, asked.channelId, asked.replyId);
    expect(h.fake.message(asked.replyId)).toBeUndefined();
  });

  /** A mention whose reply Discord holds back with a 429 (retried after 0.4 s); resolves once that 429 is sent. */
  async function askHeldBack(ana: FakeUser) {
    const channel = h.fake.guilds[0]?.channels[0]?.id ?? '';
    h.fake.rateLimitNext(`POST /channels/${channel}/messages`, { retryAfter: 0.4 });
    const from = h.fake.restCalls.length;
    const message = h.fake.sendMessage({
      content: `<@${h.fake.bot.id}> ${FIRST}`,
      author: ana,
      mentionsBot: true,
      channelId: channel,
    });
    await h.fake.waitForRest((c) => c.status === 429 && c.path === `/channels/${channel}/messages`, undefined, from);
    return { id: String(message.id), channelId: channel };
  }

  it('answers an edit made while its reply is still on the way, once the reply is sent', async () => {
    const asked = await askHeldBack(member());
    editMessage(h.fake, asked.id, `<@${h.fake.bot.id}> ${OTHER}`);
    const reply = await h.fake.waitForReplyTo(asked.id);
    // The reply was written for the first text; the held edit then brings it up to date.
    expect(body(reply.body).content).toContain(firstQuote(engine.ask(FIRST)));
    const patch = await patchOf(h, asked.channelId, idOf(reply));
    expect(body(patch.body).content).toContain(firstQuote(engine.ask(OTHER)));
    expect(h.fake.message(idOf(reply))?.content).toContain(firstQuote(engine.ask(OTHER)));
  });

  it('deletes a reply whose question was deleted while the reply was on the way', async () => {
    const ana = member();
    const asked = await askHeldBack(ana);
    deleteMessage(h.fake, asked.id);
    const reply = await h.fake.waitForReplyTo(asked.id);
    await deleteOf(h, asked.channelId, idOf(reply));
    expect(h.fake.message(idOf(reply))).toBeUndefined();
    expect(h.bot.ctx.answered.get(asked.id)).toBeUndefined();
    expect(h.bot.ctx.conversations.context(conversationKey(ana.id, asked.channelId), Date.now())).toEqual([]);
  });
});

describe('the Delete button', () => {
  let h: Harness;
  let member: () => FakeUser;

  beforeAll(async () => {
    h = await startHarness({ env: { COOLDOWN_SECONDS: '0' } });
    member = memberFactory(h.fake);
  });
  afterAll(async () => {
    await h?.close();
  });

  const deleteButton = (x: unknown) => {
    const found = buttonsOf(x).find((b) => b.custom_id?.startsWith('sel:delete:'));
    if (!found?.custom_id) throw new Error('the answer has no Delete button');
    return found.custom_id;
  };

  it('is on every answer to a mention, and removes it for the member who asked', async () => {
    const ana = member();
    const asked = await ask(h, FIRST, ana);
    const clicked = await h.fake.clickButton({
      customId: deleteButton(asked.reply.body),
      message: asked.replyId,
      user: ana,
    });
    expect(clicked.type).toBe(6);
    await deleteOf(h, asked.channelId, asked.replyId);
    expect(h.fake.message(asked.replyId)).toBeUndefined();
    // The asker's own message stays, and is forgotten: editing it now brings nothing back.
    expect(h.fake.message(asked.id)).toBeDefined();
    expect(h.bot.ctx.answered?.get(asked.id)).toBeUndefined();
  });

  it('removes it for a member with Manage Messages', async () => {
    const [ana, mod] = [member(), member()];
    const asked = await ask(h, FIRST, ana);
    const clicked = await h.fake.clickButton({
      customId: deleteButton(asked.reply.body),
      message: asked.replyId,
      user: mod,
      memberPermissions: MODERATOR,
    });
    expect(clicked.type).toBe(6);
    await deleteOf(h, asked.channelId, asked.replyId);
    expect(h.fake.message(asked.replyId)).toBeUndefined();
  });

  it('refuses anyone else, privately, and the answer stays', async () => {
    const [ana, ben] = [member(), member()];
    const asked = await ask(h, FIRST, ana);
    const from = h.fake.restCalls.length;
    const clicked = await h.fake.clickButton({
      customId: deleteButton(asked.reply.body),
      message: asked.replyId,
      user: ben,
      memberPermissions: MEMBER_PERMISSIONS,
    });
    expect(clicked.type).toBe(4);
    expect(isEphemeral(body(clicked.data))).toBe(true);
    expect(body(clicked.data).content).toBe('Only the person who asked can remove this answer.');
    expect(touched(h, asked.replyId, from)).toEqual([]);
    expect(h.fake.message(asked.replyId)).toBeDefined();
  });

  it('is not on /ask replies', async () => {
    const o = await h.fake.slash({ name: 'ask', options: { question: FIRST, private: true }, user: member() });
    expect(buttonsOf(o.data).some((b) => b.custom_id?.startsWith('sel:delete:'))).toBe(false);
  });
});

describe('the answered-messages cap', () => {
  let h: Harness;
  let member: () => FakeUser;

  beforeAll(async () => {
    h = await startHarness({ env: { COOLDOWN_SECONDS: '0' }, start: { answered: { maxEntries: 2 } } });
    member = memberFactory(h.fake);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('forgets the oldest answer past the cap: its edits change nothing, the others’ still do', async () => {
    const [a, b, c] = [member(), member(), member()];
    const asked = [await ask(h, FIRST, a), await ask(h, FIRST, b), await ask(h, FIRST, c)];
    expect(h.bot.ctx.answered?.size).toBe(2);
    const [oldest, , newest] = asked;
    if (!oldest || !newest) throw new Error('three answers');
    const from = h.fake.restCalls.length;
    editMessage(h.fake, oldest.id, `<@${h.fake.bot.id}> ${OTHER}`);
    editMessage(h.fake, newest.id, `<@${h.fake.bot.id}> ${OTHER}`);
    await patchOf(h, newest.channelId, newest.replyId, from);
    expect(touched(h, oldest.replyId, from)).toEqual([]);
  });
});
