import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEvent } from '../../src/discord/context.js';
import { NO_STORE } from '../../src/discord/no-store.js';
import { body, type Harness, isEphemeral, memberFactory, startHarness } from './helpers/bot.js';

// The seams later features plug into (store: settings and recording; extra button kinds), exercised with
// stand-ins so the Discord side is known to call them.

const recorded: AnswerEvent[] = [];
let h: Harness;
let member: () => ReturnType<Harness['fake']['addUser']>;

beforeAll(async () => {
  h = await startHarness({
    env: { COOLDOWN_SECONDS: '0' },
    start: {
      store: {
        ...NO_STORE,
        recordAnswer: (e) => void recorded.push(e),
        privateByDefault: () => true,
        isAnswerChannel: () => true,
        cooldownSeconds: () => 60,
      },
      extend: {
        buttons: {
          async fb(interaction) {
            await interaction.reply({
              content: `vote ${interaction.customId}`,
              flags: 64,
              allowedMentions: { parse: [] },
            });
          },
        },
      },
    },
  });
  member = memberFactory(h.fake);
});

afterAll(async () => {
  await h?.close();
});

describe('seams for the store and later features', () => {
  it('records every answered question with its source', async () => {
    const who = member();
    const message = h.fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, author: who });
    await h.fake.waitForReplyTo(String(message.id));
    const event = recorded.find((e) => e.userId === who.id);
    expect(event).toMatchObject({ source: 'mention', guildId: h.fake.guilds[0]?.id, question: 'what is selenium?' });
    expect(event?.answer.disclaimer.length).toBeGreaterThan(0);
  });

  it('uses the per-server cooldown and private-by-default settings', async () => {
    const who = member();
    const first = await h.fake.slash({ name: 'ask', options: { question: 'what is selenium?' }, user: who });
    expect(isEphemeral(body(first.data))).toBe(true);
    const second = await h.fake.slash({ name: 'ask', options: { question: 'what is selenium?' }, user: who });
    expect(body(second.data).content).toMatch(/ask again in (59|60) s/);
  });

  it('stays quiet in an answer channel when the message text is not delivered (no Message Content intent)', async () => {
    const quiet = h.fake.sendMessage({ content: 'what is selenium?', author: member() });
    const barrier = h.fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, author: member() });
    await h.fake.waitForReplyTo(String(barrier.id));
    const replies = h.fake.restCalls.filter(
      (c) => (c.body as { message_reference?: { message_id?: string } })?.message_reference?.message_id === quiet.id,
    );
    expect(replies).toEqual([]);
  });

  it('routes button kinds added later to their handler', async () => {
    const o = await h.fake.clickButton({ customId: 'sel:fb:up:what-is-selenium', user: member() });
    expect(body(o.data).content).toBe('vote sel:fb:up:what-is-selenium');
  });
});
