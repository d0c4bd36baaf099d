import { createInflate, constants as zlibConstants } from 'node:zlib';
import {
  ApplicationCommandType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
  PermissionsBitField,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  CloseCode,
  type FakeDiscord,
  type FakeDiscordOptions,
  Intent,
  startFakeDiscord,
} from './fake-discord/index.js';

/** Fakes and clients started by a test; torn down after it whatever happened. */
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = await startFakeDiscord(options);
  cleanups.push(() => fake.close());
  return fake;
}

const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

async function connect(
  fake: FakeDiscord,
  extra: Partial<ConstructorParameters<typeof Client>[0]> = {},
): Promise<Client> {
  const client = new Client({ intents: INTENTS, partials: [Partials.Channel], rest: { api: fake.apiUrl }, ...extra });
  cleanups.push(() => client.destroy());
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;
  return client;
}

function nextEvent<T>(client: Client, event: string, match: (value: T) => boolean = () => true): Promise<T> {
  return new Promise<T>((resolve) => {
    const listener = (value: T) => {
      if (!match(value)) return;
      client.off(event, listener);
      resolve(value);
    };
    client.on(event, listener);
  });
}

describe('fake Discord with the real discord.js client', () => {
  it('logs in through GET /gateway/bot, identifies and sees the guilds', async () => {
    const fake = await start({ guilds: [{ name: 'Health club', channels: [{ name: 'questions' }] }] });
    const client = await connect(fake);
    expect(client.user?.id).toBe(fake.bot.id);
    const guild = client.guilds.cache.get(fake.guilds[0]?.id ?? '');
    expect(guild?.name).toBe('Health club');
    expect(guild?.channels.cache.map((c) => c.name)).toEqual(['questions']);
    const gatewayCall = fake.restCalls.find((c) => c.path === '/gateway/bot');
    expect(gatewayCall).toMatchObject({ method: 'GET', version: 10, auth: 'ok', status: 200 });
    expect(fake.identifies).toMatchObject([{ shardId: 0, shardCount: 1, tokenOk: true }]);
  });

  it('refuses REST calls with a wrong token', async () => {
    const fake = await start();
    const response = await fetch(`${fake.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot wrong' } });
    expect(response.status).toBe(401);
    expect(fake.restCalls.at(-1)).toMatchObject({ auth: 'bad', status: 401 });
    const missing = await fetch(`${fake.apiUrl}/v10/nowhere`, { headers: { authorization: `Bot ${fake.token}` } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: '404: Not Found' });
  });

  it('delivers MESSAGE_CREATE with content and records the reply sent over REST', async () => {
    const fake = await start();
    const client = await connect(fake);
    client.on(Events.MessageCreate, (message: Message) => {
      if (message.author.bot) return;
      void message.reply({ content: `echo: ${message.content}`, allowedMentions: { parse: [] } });
    });
    const sent = fake.sendMessage({ content: 'how much selenium is in tuna?', mentionsBot: true });
    const reply = await fake.waitForReplyTo(String(sent.id));
    expect(reply.body).toMatchObject({
      content: `echo: <@${fake.bot.id}> how much selenium is in tuna?`,
      allowed_mentions: { parse: [] },
    });
    expect(reply.auth).toBe('ok');
  });

  it('hides message content from a client without the Message Content intent unless it mentions the bot', async () => {
    const fake = await start();
    const client = await connect(fake);
    const seen: string[] = [];
    client.on(Events.MessageCreate, (m: Message) => {
      if (!m.author.bot) seen.push(m.content);
    });
    const plain = nextEvent<Message>(client, Events.MessageCreate, (m) => !m.author.bot);
    fake.sendMessage({ content: 'not for you' });
    await plain;
    const mention = nextEvent<Message>(client, Events.MessageCreate, (m) => !m.author.bot);
    fake.sendMessage({ content: 'for you', mentionsBot: true });
    await mention;
    const dm = nextEvent<Message>(client, Events.MessageCreate, (m) => !m.author.bot);
    fake.sendMessage({ guildId: null, content: 'a private question' });
    const dmMessage = await dm;
    expect(seen).toEqual(['', `<@${fake.bot.id}> for you`, 'a private question']);
    expect(dmMessage.channel.isDMBased()).toBe(true);
  });

  it('dispatches a slash command whose interaction.reply reaches the callback endpoint', async () => {
    const fake = await start();
    const client = await connect(fake);
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const question = interaction.options.getString('question', true);
      void interaction.reply({
        content: `you asked ${question}`,
        flags: interaction.options.getBoolean('private') ? MessageFlags.Ephemeral : undefined,
      });
    });
    const outcome = await fake.slash({ name: 'ask', options: { question: 'what is selenium', private: true } });
    expect(outcome.type).toBe(4);
    expect(outcome.data).toMatchObject({ content: 'you asked what is selenium', flags: 64 });
    expect(await outcome.finalReply()).toMatchObject({ content: 'you asked what is selenium' });
  });

  it('follows a deferred reply to its edit, and answers autocomplete, buttons and modals', async () => {
    const fake = await start();
    const client = await connect(fake);
    client.on(Events.InteractionCreate, async (interaction: Interaction) => {
      if (interaction.isAutocomplete()) {
        const typed = interaction.options.getFocused();
        await interaction.respond([{ name: `${typed}!`, value: typed }]);
      } else if (interaction.isChatInputCommand()) {
        await interaction.deferReply();
        await interaction.editReply({ content: 'done thinking' });
      } else if (interaction.isButton()) {
        await interaction.update({ content: `clicked ${interaction.customId}` });
      } else if (interaction.isModalSubmit()) {
        await interaction.reply({ content: `cooldown ${interaction.fields.getTextInputValue('cooldown')}` });
      }
    });
    const deferred = await fake.slash({ name: 'food', options: { food: 'tuna' } });
    expect(deferred.type).toBe(5);
    expect(await deferred.finalReply()).toMatchObject({ content: 'done thinking' });

    const auto = await fake.autocomplete({ name: 'ask', options: { question: 'selen' }, focused: 'question' });
    expect(auto).toMatchObject({ type: 8, data: { choices: [{ name: 'selen!', value: 'selen' }] } });

    const click = await fake.clickButton({ customId: 'topics:2' });
    expect(click).toMatchObject({ type: 7, data: { content: 'clicked topics:2' } });

    const modal = await fake.submitModal({ customId: 'settings', fields: { cooldown: '30' } });
    expect(modal).toMatchObject({ type: 4, data: { content: 'cooldown 30' } });
  });

  it('retries a 429 (route and global) from REST after Retry-After', async () => {
    const fake = await start();
    const client = await connect(fake);
    const channelId = fake.guilds[0]?.channels[0]?.id ?? '';
    fake.rateLimitNext(`POST /channels/${channelId}/messages`, { retryAfter: 0.2 });
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const message = await channel.send('after the limit');
    fake.rateLimitNext(/^POST \/channels\/\d+\/messages$/, { retryAfter: 0.1, global: true });
    await channel.send('after a global limit');
    const posts = fake.restCalls.filter((c) => c.path === `/channels/${channelId}/messages` && c.method === 'POST');
    expect(posts.map((c) => c.status)).toEqual([429, 200, 429, 200]);
    expect(posts[2]?.response).toMatchObject({ global: true, retry_after: 0.1 });
    expect(message.content).toBe('after the limit');
  });

  it('parses multipart uploads into payload_json fields and file descriptions', async () => {
    const fake = await start();
    const client = await connect(fake);
    const channel = await client.channels.fetch(fake.guilds[0]?.channels[0]?.id ?? '');
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    await channel.send({
      content: 'chart attached',
      files: [{ attachment: Buffer.from('<svg/>'), name: 'chart.svg' }],
    });
    const upload = fake.restCalls.find((c) => c.method === 'POST' && c.files.length > 0);
    expect(upload?.body).toMatchObject({ content: 'chart attached' });
    expect(upload?.files).toEqual([expect.objectContaining({ filename: 'chart.svg', size: 6 })]);
  });

  it('resumes the same session after the gateway drops the connection, replaying missed events', async () => {
    const fake = await start();
    const client = await connect(fake);
    const sessionId = fake.sessions[0]?.sessionId;
    const missed = nextEvent<Message>(client, Events.MessageCreate, (m) => m.content.includes('while away'));
    fake.disconnectShard(0);
    fake.sendMessage({ content: 'sent while away', mentionsBot: true });
    const resume = await fake.waitForResume(0);
    expect(resume).toMatchObject({ ok: true, sessionId, replayed: 1 });
    expect((await missed).content).toContain('sent while away');
    expect(fake.identifies).toHaveLength(1);
    expect(fake.sessions).toMatchObject([{ sessionId, resumes: 1, connected: true }]);
  });

  it('routes guilds to two shards by (guild_id >> 22) % 2', async () => {
    const fake = await start({ shards: 2, guilds: [{ shard: 0 }, { shard: 1 }, { shard: 1 }] });
    expect(fake.guilds.map((g) => g.shardId)).toEqual([0, 1, 1]);
    const client = await connect(fake, { shards: 'auto' });
    expect(fake.identifies.map((i) => [i.shardId, i.shardCount]).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(client.guilds.cache.map((g) => g.shardId).sort()).toEqual([0, 1, 1]);
    const [, second] = fake.guilds;
    const arrived = nextEvent<Message>(client, Events.MessageCreate, (m) => m.guildId === second?.id);
    fake.sendMessage({ guildId: second?.id ?? '', content: 'hello shard one', mentionsBot: true });
    expect((await arrived).guild?.shardId).toBe(1);
  });
});

describe('fake Discord authors and components', () => {
  it('sends messages from other bots and webhooks as their own users', async () => {
    const fake = await start();
    const client = await connect(fake);
    const authors: [string, boolean, string | null][] = [];
    const both = new Promise<void>((resolve) => {
      client.on(Events.MessageCreate, (m: Message) => {
        authors.push([m.author.id, m.author.bot, m.webhookId]);
        if (authors.length === 2) resolve();
      });
    });
    fake.sendMessage({ content: 'beep', bot: true, mentionsBot: true });
    fake.sendMessage({ content: 'hook', webhookId: '123456789012345678', mentionsBot: true });
    await both;
    expect(authors[0]?.[0]).not.toBe(fake.tester.id);
    expect(authors[0]?.slice(1)).toEqual([true, null]);
    expect(authors[1]).toEqual(['123456789012345678', true, '123456789012345678']);
  });

  it('lets a test click a button on the reply the bot sent', async () => {
    const fake = await start();
    const client = await connect(fake);
    client.on(Events.InteractionCreate, async (interaction: Interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.reply({
          content: 'page 1',
          components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Next', custom_id: 'page:2' }] }],
        });
      } else if (interaction.isButton()) {
        await interaction.update({
          content: `page ${interaction.customId.split(':')[1]} of ${interaction.message.content}`,
        });
      }
    });
    const topics = await fake.slash({ name: 'topics' });
    const shown = topics.message();
    expect(shown?.components).toHaveLength(1);
    const next = await fake.clickButton({ customId: 'page:2', message: String(shown?.id) });
    expect(next.data).toMatchObject({ content: 'page 2 of page 1' });
    expect(fake.message(String(shown?.id))).toMatchObject({ content: 'page 2 of page 1' });
  });
});

describe('fake Discord application commands, follow-ups and limits', () => {
  it('stores a bulk overwrite, keeps ids across overwrites and routes commands by the registered id', async () => {
    const fake = await start();
    const client = await connect(fake);
    const application = await client.application?.fetch();
    expect(application?.id).toBe(fake.applicationId);
    const definition = { name: 'ask', description: 'Ask a question', options: [] };
    const first = await client.application?.commands.set([definition]);
    const again = await client.application?.commands.set([
      definition,
      { name: 'Ask Selene', type: ApplicationCommandType.Message },
    ]);
    const askId = first?.first()?.id;
    expect(again?.find((c) => c.name === 'ask')?.id).toBe(askId);
    expect(fake.globalCommands.map((c) => c.name)).toEqual(['ask', 'Ask Selene']);
    const guildId = fake.guilds[0]?.id ?? '';
    await client.application?.commands.set([{ name: 'food', description: 'Selenium in a food' }], guildId);
    expect(fake.guildCommands(guildId).map((c) => c.name)).toEqual(['food']);

    const bad = client.application?.commands.set([{ name: 'Bad Name', description: '' }]);
    await expect(bad).rejects.toMatchObject({ code: 50035, status: 400 });

    const seen = new Promise<string>((resolve) => {
      client.once(Events.InteractionCreate, (interaction: Interaction) => {
        if (interaction.isChatInputCommand()) {
          resolve(interaction.commandId);
          void interaction.reply('ok');
        }
      });
    });
    await fake.slash({ name: 'ask' });
    expect(await seen).toBe(askId);
  });

  it('runs a message context menu in a DM, a follow-up and a user option', async () => {
    const fake = await start();
    const client = await connect(fake);
    const friend = fake.addUser('friend');
    client.on(Events.InteractionCreate, async (interaction: Interaction) => {
      if (interaction.isMessageContextMenuCommand()) {
        await interaction.reply({ content: `target: ${interaction.targetMessage.content}` });
        await interaction.followUp({ content: 'and one more thing', flags: MessageFlags.Ephemeral });
      } else if (interaction.isChatInputCommand()) {
        const user = interaction.options.getUser('user', true);
        await interaction.reply({ content: `for <@${user.id}>`, allowedMentions: { users: [user.id] } });
      }
    });
    const question = fake.sendMessage({ guildId: null, content: 'is selenium an antioxidant?' });
    const menu = await fake.messageCommand({ name: 'Ask Selene', target: String(question.id), guildId: null });
    expect(menu.interaction).toMatchObject({ context: 1, user: { id: fake.tester.id } });
    expect(menu.data).toMatchObject({ content: 'target: is selenium an antioxidant?' });
    const followUp = await fake.waitForRest((c) => c.method === 'POST' && c.path.startsWith('/webhooks/'));
    expect(followUp.body).toMatchObject({ content: 'and one more thing', flags: 64 });
    expect(menu.webhookCalls()).toContain(followUp);

    const pinged = await fake.slash({ name: 'ask', options: { user: friend } });
    expect(pinged.data).toMatchObject({ content: `for <@${friend.id}>`, allowed_mentions: { users: [friend.id] } });
  });

  it('answers over-long messages and double acknowledgements with the errors Discord gives', async () => {
    const fake = await start();
    const client = await connect(fake);
    const channelId = fake.guilds[0]?.channels[0]?.id ?? '';
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const tooLong = await channel.send('x'.repeat(2001)).catch((error: unknown) => error);
    expect(tooLong).toBeInstanceOf(DiscordAPIError);
    expect(tooLong).toMatchObject({ code: 50035 });

    const second = new Promise<unknown>((resolve) => {
      client.once(Events.InteractionCreate, async (interaction: Interaction) => {
        if (!interaction.isRepliable()) return;
        await interaction.reply('first');
        // discord.js guards its own state, so go around it the way a second process would.
        resolve(
          await client.rest
            .post(`/interactions/${interaction.id}/${interaction.token}/callback`, {
              body: { type: 4, data: { content: 'second' } },
              auth: false,
            })
            .catch((error: unknown) => error),
        );
      });
    });
    await fake.slash({ name: 'ask' });
    expect(await second).toMatchObject({ code: 40060 });
  });

  it('enforces per-channel bot permissions the way discord.js computes them', async () => {
    const readOnly = new PermissionsBitField([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.ReadMessageHistory]);
    const fake = await start({
      guilds: [{ channels: [{ name: 'announcements', botPermissions: readOnly.bitfield.toString() }] }],
    });
    const client = await connect(fake);
    const channelId = fake.guilds[0]?.channels[0]?.id ?? '';
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isSendable() || channel.isDMBased()) throw new Error('expected a guild text channel');
    const me = channel.guild.members.me;
    expect(me && channel.permissionsFor(me).has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(me && channel.permissionsFor(me).has(PermissionFlagsBits.ViewChannel)).toBe(true);
    await expect(channel.send('hello')).rejects.toMatchObject({ code: 50013, status: 403 });
  });

  it('starts a thread on a message as Discord does, and refuses what Discord refuses', async () => {
    const noThreads = new PermissionsBitField([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages]);
    const fake = await start({
      guilds: [{ channels: [{ name: 'general' }, { name: 'closed', botPermissions: noThreads.bitfield.toString() }] }],
    });
    const client = await connect(fake);
    const [general, closed] = fake.guilds[0]?.channels ?? [];
    if (!general || !closed) throw new Error('expected two channels');
    const arrived = nextEvent<Message>(client, Events.MessageCreate, (m) => m.content.includes('thread me'));
    const sent = fake.sendMessage({ content: 'thread me', mentionsBot: true, channelId: general.id });
    const message = await arrived;
    const created = nextEvent<{ id: string }>(client, Events.ThreadCreate);
    await expect(message.startThread({ name: 'x'.repeat(101) })).rejects.toMatchObject({ code: 50035 });
    const thread = await message.startThread({ name: 'thread me' });
    expect(thread).toMatchObject({ id: sent.id, name: 'thread me', parentId: general.id, ownerId: fake.bot.id });
    expect((await created).id).toBe(sent.id);
    await expect(
      client.rest.post(`/channels/${general.id}/messages/${String(sent.id)}/threads`, { body: { name: 'again' } }),
    ).rejects.toMatchObject({ code: 160004 });
    // A member's message in the thread reaches the bot with the thread as its channel.
    const inThread = nextEvent<Message>(client, Events.MessageCreate, (m) => m.channelId === thread.id);
    fake.sendMessage({ content: 'hello', mentionsBot: true, channelId: thread.id });
    expect((await inThread).channel.isThread()).toBe(true);
    await expect(thread.send('answer')).resolves.toMatchObject({ channelId: thread.id });

    const refusedIn = nextEvent<Message>(client, Events.MessageCreate, (m) => m.channelId === closed.id);
    fake.sendMessage({ content: 'no thread here', mentionsBot: true, channelId: closed.id });
    const refused = await refusedIn;
    const me = refused.guild?.members.me;
    if (!me || !refused.inGuild()) throw new Error('expected a guild message');
    expect(refused.channel.permissionsFor(me)?.has(PermissionFlagsBits.CreatePublicThreads)).toBe(false);
    await expect(refused.startThread({ name: 'nope' })).rejects.toMatchObject({ code: 50013, status: 403 });
  });

  it('forgets interactions answered after interactionTimeoutMs, like Discord after 3 s', async () => {
    const fake = await start({ interactionTimeoutMs: 50 });
    const client = await connect(fake);
    const failure = new Promise<unknown>((resolve) => {
      client.once(Events.InteractionCreate, async (interaction: Interaction) => {
        if (!interaction.isRepliable()) return;
        await new Promise((r) => setTimeout(r, 120));
        resolve(await interaction.reply('too late').catch((error: unknown) => error));
      });
    });
    const outcome = fake.slash({ name: 'ask' });
    outcome.catch(() => {});
    expect(await failure).toMatchObject({ code: 10062, status: 404 });
  });

  it('resumes after op 7 Reconnect and after a resumable op 9', async () => {
    const fake = await start();
    const client = await connect(fake);
    const sessionId = fake.sessions[0]?.sessionId;
    fake.requestReconnect(0);
    await fake.waitForResume(0);
    const from = fake.resumes.length;
    fake.invalidateSession(0, true);
    expect(await fake.waitForResume(0, 5_000, from)).toMatchObject({ ok: true, sessionId });
    const arrived = nextEvent<Message>(client, Events.MessageCreate, (m) => m.content.includes('still here'));
    fake.sendMessage({ content: 'still here?', mentionsBot: true });
    await arrived;
    expect(fake.identifies).toHaveLength(1);
  });
});

/** A bare gateway client, for the protocol edges discord.js never shows. */
async function rawGateway(fake: FakeDiscord) {
  const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  cleanups.push(() => socket.terminate());
  const received: { op: number; t: string | null; d: unknown }[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (raw) => {
    received.push(JSON.parse(raw.toString()));
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise((resolve) => socket.once('open', resolve));
  const next = async (op: number, t: string | null = null) => {
    for (;;) {
      const found = received.find((p) => p.op === op && (t === null || p.t === t));
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { send: (p: unknown) => socket.send(JSON.stringify(p)), next, closed, received };
}

describe('fake Discord gateway protocol', () => {
  it('says HELLO, acknowledges heartbeats and refuses a bad token with 4004', async () => {
    const fake = await start({ heartbeatIntervalMs: 1234 });
    const gw = await rawGateway(fake);
    expect((await gw.next(10)).d).toEqual({ heartbeat_interval: 1234 });
    gw.send({ op: 1, d: null });
    await gw.next(11);
    gw.send({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } });
    expect(await gw.closed).toBe(CloseCode.AuthenticationFailed);
  });

  it('invalidates a session for good: op 9 false, and a later RESUME of it is refused', async () => {
    const fake = await start();
    const gw = await rawGateway(fake);
    gw.send({ op: 2, d: { token: fake.token, intents: Intent.Guilds, properties: {} } });
    const ready = (await gw.next(0, 'READY')).d as { session_id: string };
    fake.invalidateSession(0);
    expect((await gw.next(9)).d).toBe(false);
    const again = await rawGateway(fake);
    again.send({ op: 6, d: { token: fake.token, session_id: ready.session_id, seq: 1 } });
    expect((await again.next(9)).d).toBe(false);
    expect(fake.resumes).toMatchObject([{ sessionId: ready.session_id, ok: false }]);
  });

  it('speaks zlib-stream when asked: one deflate context, each payload ending in a sync flush', async () => {
    const fake = await start();
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    cleanups.push(() => socket.terminate());
    const inflate = createInflate();
    const texts: string[] = [];
    let pending: Buffer[] = [];
    inflate.on('data', (chunk: Buffer) => pending.push(chunk));
    const frames: Buffer[] = [];
    const twoPayloads = new Promise<void>((resolve) => {
      socket.on('message', (raw: Buffer) => {
        frames.push(raw);
        inflate.write(raw);
        inflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
          texts.push(Buffer.concat(pending).toString());
          pending = [];
          if (texts.length === 2) resolve();
        });
      });
    });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ op: 1, d: null }));
    await twoPayloads;
    expect(texts.map((t) => JSON.parse(t).op)).toEqual([10, 11]);
    expect(frames.every((f) => f.subarray(-4).equals(Buffer.from([0, 0, 0xff, 0xff])))).toBe(true);
  });

  it('answers an unknown session with op 9 and an unknown opcode with 4001', async () => {
    const fake = await start();
    const gw = await rawGateway(fake);
    gw.send({ op: 6, d: { token: fake.token, session_id: 'nope', seq: 3 } });
    expect((await gw.next(9)).d).toBe(false);
    gw.send({ op: 42, d: null });
    expect(await gw.closed).toBe(CloseCode.UnknownOpcode);
  });

  it('closes with 4014 when a privileged intent is not enabled, and sends READY plus GUILD_CREATE otherwise', async () => {
    const fake = await start({ disallowedIntents: Intent.MessageContent, shards: 2, guilds: [{ shard: 1 }] });
    const refused = await rawGateway(fake);
    refused.send({ op: 2, d: { token: fake.token, intents: Intent.MessageContent, shard: [1, 2], properties: {} } });
    expect(await refused.closed).toBe(CloseCode.DisallowedIntents);

    const gw = await rawGateway(fake);
    gw.send({ op: 2, d: { token: fake.token, intents: Intent.Guilds, shard: [1, 2], properties: {} } });
    const guildCreate = await gw.next(0, 'GUILD_CREATE');
    const [ready] = gw.received.filter((p) => p.op === 0);
    expect(ready).toMatchObject({
      t: 'READY',
      d: {
        shard: [1, 2],
        guilds: [{ id: fake.guilds[0]?.id, unavailable: true }],
        resume_gateway_url: fake.gatewayUrl,
      },
    });
    expect(guildCreate).toMatchObject({ t: 'GUILD_CREATE', d: { id: fake.guilds[0]?.id } });
  });
});
