import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, DISCLAIMER, REFUSAL_TEXT } from '../../src/engine/index.js';
import type { Citation, Engine } from '../../src/engine/types.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import type { FakeUser } from './fake-discord/index.js';
import {
  body,
  buttonsOf,
  expectNoMassMentions,
  type Harness,
  isEphemeral,
  KNOWLEDGE_DIR,
  memberFactory,
  replyMessageId,
  startHarness,
} from './helpers/bot.js';

// One bot and one fake Discord for the whole file; each test acts as a fresh member so the per-user
// cooldown (on, as in production) only shows up where a test asks for it.

const CRASH = 'please crash the handler';
// The article's own answers fit one message; answers of this entry are padded with every quote of the
// knowledge base, as a larger knowledge base would, so the "More" path is exercised for real.
const LONG_ENTRY = 'calcium-flux-protein-folding';

let h: Harness;
let kb: KnowledgeBase;
let engine: Engine;
let member: () => FakeUser;

beforeAll(async () => {
  const loaded = loadKnowledge(KNOWLEDGE_DIR);
  if (!loaded.ok) throw new Error('knowledge/ does not load');
  kb = loaded.kb;
  engine = createEngine(kb);
  h = await startHarness({
    env: { COOLDOWN_SECONDS: '30' },
    start: {
      // A fault injected into the engine: the handler throws, as any bug would.
      engineFactory: (k) => {
        const real = createEngine(k);
        return {
          ...real,
          ask: (q: string) => {
            if (q.includes(CRASH)) throw new Error('injected failure');
            const answer = real.ask(q);
            if (answer.matchId !== LONG_ENTRY) return answer;
            const more = k.entries
              .flatMap((e) => e.quotes)
              .map(
                (quote): Citation => ({
                  kind: 'quote',
                  quote: quote.text,
                  section: quote.section,
                  sourceId: 'article',
                  url: null,
                }),
              );
            return { ...answer, citations: [...answer.citations, ...more] };
          },
        };
      },
    },
  });
  member = memberFactory(h.fake);
});

afterAll(async () => {
  await h?.close();
});

/** A member mentions the bot (or DMs it) and the bot's reply body is returned. */
async function mention(content: string, extra: { guildId?: string | null; author?: FakeUser } = {}) {
  const author = extra.author ?? member();
  const dm = extra.guildId === null;
  const message = h.fake.sendMessage({ content, author, mentionsBot: !dm, ...(dm ? { guildId: null } : {}) });
  const reply = await h.fake.waitForReplyTo(String(message.id));
  return { message, reply, body: body(reply.body) };
}

/** Proves a message got no reply: a later mention is answered (events are handled in order) and nothing referenced the first. */
async function expectIgnored(messageId: string) {
  await mention('what is selenium?');
  const replies = h.fake.restCalls.filter(
    (c) =>
      (c.body as { message_reference?: { message_id?: string } } | null)?.message_reference?.message_id === messageId,
  );
  expect(replies).toEqual([]);
}

/** An in-scope question and its expected answer, taken from the knowledge base rather than hard-coded. */
function inScope(): { question: string; quotes: string[] } {
  for (const entry of kb.entries) {
    const question = entry.questions[1] ?? entry.questions[0] ?? '';
    const a = engine.ask(question);
    if (a.answered && a.route === 'entry' && a.citations.length)
      return { question, quotes: a.citations.map((c) => c.quote) };
  }
  throw new Error('no entry answers its own question');
}

describe('mentions and DMs', () => {
  it('answers a mention with block quotes, links to the quoted sentences and the disclaimer, pinging nobody', async () => {
    const { question, quotes } = inScope();
    const { message, reply, body: b } = await mention(question);
    expect(reply.path).toBe(`/channels/${String(message.channel_id)}/messages`);
    for (const q of quotes.slice(0, 2)) expect(b.content).toContain(`> “${q}”`);
    expect(b.content).toMatch(/\]\(<https:\/\/www\.alternative-health-concepts\.com\/[^>]*#:~:text=[^>]+>\)/);
    expect(b.content).toContain(DISCLAIMER);
    expect(b.content?.length).toBeLessThanOrEqual(2000);
    expectNoMassMentions(b);
    expect(b.allowed_mentions?.replied_user).toBe(false);
  });

  it('answers a DM without a mention', async () => {
    const { question, quotes } = inScope();
    const { reply, body: b } = await mention(question, { guildId: null });
    expect(h.fake.channel(reply.path.split('/')[2] ?? '')?.type).toBe(1);
    expect(b.content).toContain(quotes[0]);
    expectNoMassMentions(b);
  });

  it('ignores server messages that do not mention it, and bots and webhooks that do', async () => {
    const plain = h.fake.sendMessage({ content: 'what is selenium?', author: member() });
    const everyone = h.fake.sendMessage({
      content: '@everyone what is selenium?',
      author: member(),
      mentionEveryone: true,
    });
    const bot = h.fake.sendMessage({ content: 'what is selenium?', mentionsBot: true, bot: true, author: member() });
    const hook = h.fake.sendMessage({
      content: 'what is selenium?',
      mentionsBot: true,
      webhookId: '123456789012345678',
    });
    for (const m of [plain, everyone, bot, hook]) await expectIgnored(String(m.id));
  });

  it('refuses an off-topic question with "did you mean" buttons that answer when clicked', async () => {
    const { reply, body: b } = await mention('what is the weather in Paris tomorrow?');
    expect(b.content).toContain(REFUSAL_TEXT);
    // The suggestions; the answer's own 🗑️ Delete button sits on a row of its own.
    const buttons = buttonsOf(b).filter((x) => x.custom_id?.startsWith('sel:ask:'));
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.length).toBeLessThanOrEqual(3);
    const suggestion = buttons[0];
    const replyId = (reply.response as { id: string }).id;
    const clicked = await h.fake.clickButton({
      customId: suggestion?.custom_id ?? '',
      message: replyId,
      user: member(),
    });
    expect(clicked.type).toBe(4);
    const answer = body(clicked.data);
    const topic = engine.topics().find((t) => `sel:ask:${t.id}` === suggestion?.custom_id);
    expect(topic).toBeDefined();
    expect(answer.content).toContain(topic?.question.slice(0, 20));
    expect(answer.content).not.toContain(REFUSAL_TEXT);
    expectNoMassMentions(answer);
  });
});

describe('/ask', () => {
  it('replies publicly with the question echoed and the quotes', async () => {
    const { question, quotes } = inScope();
    const o = await h.fake.slash({ name: 'ask', options: { question }, user: member() });
    expect(o.type).toBe(4);
    const b = body(o.data);
    expect(isEphemeral(b)).toBe(false);
    expect(b.content).toContain(`**Question:** ${question.slice(0, 15)}`);
    expect(b.content).toContain(quotes[0]);
    expectNoMassMentions(b);
  });

  it('answers privately with `private`', async () => {
    const o = await h.fake.slash({
      name: 'ask',
      options: { question: inScope().question, private: true },
      user: member(),
    });
    expect(isEphemeral(body(o.data))).toBe(true);
  });

  it('mentions the `user` the answer is for, and only that user may be pinged', async () => {
    const target = member();
    const o = await h.fake.slash({
      name: 'ask',
      options: { question: inScope().question, user: target },
      user: member(),
    });
    const b = body(o.data);
    expect(b.content).toContain(`<@${target.id}>`);
    expectNoMassMentions(b, [target.id]);
  });

  it('autocompletes known questions, forgiving typos, within 25 choices of 100 characters', async () => {
    const empty = await h.fake.autocomplete({ name: 'ask', focused: 'question', options: { question: '' } });
    const typo = await h.fake.autocomplete({ name: 'ask', focused: 'question', options: { question: 'imune sistem' } });
    for (const o of [empty, typo]) {
      expect(o.type).toBe(8);
      const choices = (o.data?.choices ?? []) as { name: string; value: string }[];
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
    }
    const typoChoices = (typo.data?.choices ?? []) as { value: string }[];
    expect(typoChoices.some((c) => /immun/i.test(c.value))).toBe(true);
  });
});

describe('/food', () => {
  const brazil = () => {
    const food = kb.foods.find((f) => /brazil/i.test(f.name));
    if (!food) throw new Error('no Brazil nuts in foods.json');
    return food;
  };

  it('autocompletes foods with a typo, and the picked value answers per serving, %DV and upper limit', async () => {
    const ac = await h.fake.autocomplete({ name: 'food', focused: 'food', options: { food: 'brazl nut' } });
    const choices = (ac.data?.choices ?? []) as { name: string; value: string }[];
    const pick = choices.find((c) => /brazil/i.test(c.name));
    expect(pick).toBeDefined();
    // Raw options: a JS 2 would be sent as an integer option, but Discord sends a number (type 10).
    const options = [
      { name: 'food', type: 3, value: pick?.value ?? '' },
      { name: 'servings', type: 10, value: 2 },
    ];
    const o = await h.fake.slash({ name: 'food', options, user: member() });
    const b = body(o.data);
    const food = brazil();
    // The embed carries the engine's own food answer, the one chat and `selene food` give.
    const answer = engine.foodAnswer(pick?.value ?? '', { servings: 2 });
    const [amount = '', total = '', comparison = ''] = answer.text.split('\n');
    const embed = b.embeds?.[0];
    expect(embed?.title).toBe(food.name);
    expect(embed?.description).toContain(`${food.mcg} mcg of selenium per ${food.serving}`);
    expect(amount).toContain('% of the Daily Value');
    expect(embed?.description).toContain(amount.slice(amount.indexOf('mcg of selenium')));
    expect(total).toMatch(/^2 servings: /);
    expect(embed?.description).toContain(total);
    expect(comparison).toContain('adult upper limit');
    expect(embed?.description).toContain(comparison);
    // Two servings of Brazil nuts are above the upper limit: the safety line shows, with its source.
    expect(answer.safety).toContain('above the adult upper limit');
    const fields = embed?.fields ?? [];
    expect(fields.find((f) => /upper limit/i.test(f.name))?.value).toContain(answer.safety ?? '');
    expect(fields.find((f) => f.name === 'Source')?.value).toMatch(/^\[.+\]\(<https:\/\/ods\.od\.nih\.gov/);
    expectNoMassMentions(b);
  });

  it('says when a food is not in the table, with the closest suggestions when there are any', async () => {
    const query = 'kryptonite stew';
    const o = await h.fake.slash({ name: 'food', options: { food: query }, user: member() });
    const b = body(o.data);
    expect(b.content).toContain('is not in my food table');
    for (const s of engine.food(query).suggestions.slice(0, 5)) expect(b.content).toContain(s);
  });

  it('offers the richest foods in autocomplete and lists them', async () => {
    const ac = await h.fake.autocomplete({ name: 'food', focused: 'food', options: { food: '' } });
    const hoisted = ((ac.data?.choices ?? []) as { name: string; value: string }[])[0];
    expect(hoisted?.value).toBe('top:');
    const typed = await h.fake.autocomplete({ name: 'food', focused: 'food', options: { food: 'top fish' } });
    const top = ((typed.data?.choices ?? []) as { value: string }[])[0];
    expect(top?.value).toBe('top:fish');
    const o = await h.fake.slash({ name: 'food', options: { food: top?.value ?? '' }, user: member() });
    const b = body(o.data);
    const expected = engine.topFoods({ category: 'fish', limit: 10 });
    expect(expected.length).toBeGreaterThan(1);
    for (const f of expected) expect(b.content).toContain(f.name ?? '');
    expectNoMassMentions(b);
  });

  it('compares two foods', async () => {
    const o = await h.fake.slash({ name: 'food', options: { food: 'tuna', compare: 'eggs' }, user: member() });
    const b = body(o.data);
    expect(b.content).toContain(engine.compareFoods('tuna', 'eggs').text.split('\n')[0]);
  });
});

describe('/article, /topics, /help', () => {
  it('shares the article as an embed with related reading', async () => {
    const o = await h.fake.slash({ name: 'article', user: member() });
    const embed = body(o.data).embeds?.[0];
    expect(embed?.title).toBe(kb.article.title);
    expect(embed?.url).toBe(kb.article.url);
    const related = embed?.fields?.find((f) => f.name === 'Related reading');
    for (const r of kb.related) expect(related?.value).toContain(r.title.slice(0, 30));
  });

  it('autocompletes sections and links to the chosen one', async () => {
    const section = kb.article.resolvedSections.find((s) => s.heading) ?? kb.article.resolvedSections[0];
    const typed = section?.title.slice(0, 6) ?? '';
    const ac = await h.fake.autocomplete({ name: 'article', focused: 'section', options: { section: typed } });
    const choice = ((ac.data?.choices ?? []) as { value: string }[]).find((c) => c.value === section?.id);
    expect(choice).toBeDefined();
    const o = await h.fake.slash({ name: 'article', options: { section: choice?.value ?? '' }, user: member() });
    const embed = body(o.data).embeds?.[0];
    expect(embed?.url).toBe(section?.url);
    expect(embed?.description).toContain(section?.summary.slice(0, 30));
  });

  it('pages through topics with buttons', async () => {
    const topics = engine.topics();
    const o = await h.fake.slash({ name: 'topics', user: member() });
    const first = body(o.data);
    expect(first.embeds?.[0]?.description).toContain(topics[0]?.title);
    const [prev, next] = buttonsOf(first);
    expect(prev?.disabled).toBe(true);
    expect(next?.disabled).toBe(topics.length <= 8);
    const clicked = await h.fake.clickButton({
      customId: next?.custom_id ?? '',
      message: replyMessageId(h.fake, o.interaction.id),
      user: member(),
    });
    expect(clicked.type).toBe(7);
    const second = body(clicked.data);
    expect(second.embeds?.[0]?.description).toContain(topics[8]?.title);
    expect(buttonsOf(second)[0]?.disabled).toBe(false);
  });

  it('explains itself with /help, privately', async () => {
    const o = await h.fake.slash({ name: 'help', user: member() });
    const b = body(o.data);
    expect(isEphemeral(b)).toBe(true);
    expect(b.embeds?.[0]?.description).toContain('/ask');
  });
});

describe('context menu and long answers', () => {
  it('"Ask Selene" answers the selected message', async () => {
    const { question, quotes } = inScope();
    const target = h.fake.sendMessage({ content: question, author: member() });
    const o = await h.fake.messageCommand({ name: 'Ask Selene', target: String(target.id), user: member() });
    const b = body(o.data);
    expect(b.content).toContain(quotes[0]);
    expectNoMassMentions(b);
  });

  it('"Ask Selene" on a message without text says so privately', async () => {
    const target = h.fake.sendMessage({ content: '', author: member(), embeds: [{ title: 'just an image' }] });
    const o = await h.fake.messageCommand({ name: 'Ask Selene', target: String(target.id), user: member() });
    expect(isEphemeral(body(o.data))).toBe(true);
    expect(body(o.data).content).toMatch(/no text/);
  });

  it('trims a long answer with a "More" button that shows the rest', async () => {
    const topic = engine.topics().find((t) => t.id === LONG_ENTRY);
    expect(topic).toBeDefined();
    const o = await h.fake.slash({ name: 'ask', options: { question: topic?.question ?? '' }, user: member() });
    const first = body(o.data);
    expect(first.content?.length).toBeLessThanOrEqual(2000);
    const more = buttonsOf(first).find((b) => b.custom_id?.startsWith('sel:more:'));
    expect(more).toBeDefined();
    const clicked = await h.fake.clickButton({
      customId: more?.custom_id ?? '',
      message: replyMessageId(h.fake, o.interaction.id),
      user: member(),
    });
    const second = body(clicked.data);
    expect(second.content?.length).toBeLessThanOrEqual(2000);
    const shown = `${first.content}\n${second.content}`;
    // Every page but the last is full; what it shows is the start of the padded answer, in order.
    for (const q of kb.entries.flatMap((e) => e.quotes).slice(0, 3)) expect(shown).toContain(q.text.slice(0, 60));
  });
});

describe('safety and bad input', () => {
  it('hints when the mention has no question', async () => {
    const { body: b } = await mention('');
    expect(b.content).toContain('/help');
    expectNoMassMentions(b);
  });

  it.each([
    ['6,000 characters', 'selenium immune '.repeat(375)],
    ['control, RTL and zero-width characters', '\u202Ewhat\u200B is sele\u0007nium\u2066?\uFEFF'],
    ['emoji only', '🧪🥜🔥🦠'],
    ['markdown and code blocks', '```js\nalert(1)\n``` **what** is _selenium_? [x](https://evil.example)'],
    ['mass and role mentions', '@everyone @here <@&123456789012345678> what is selenium?'],
  ])('answers %s within limits and pings nobody', async (_name, content) => {
    const { body: b } = await mention(content);
    expect(b.content?.length).toBeGreaterThan(0);
    expect(b.content?.length).toBeLessThanOrEqual(2000);
    expectNoMassMentions(b);
    const o = await h.fake.slash({ name: 'ask', options: { question: content.slice(0, 500) }, user: member() });
    const echoed = body(o.data);
    expectNoMassMentions(echoed);
    expect(echoed.content?.length).toBeLessThanOrEqual(2000);
    expect(echoed.content).not.toMatch(/@everyone|@here|<@&\d+>|```|\u202E|\u200B|\uFEFF/);
  });

  it('refuses emoji-only questions honestly', async () => {
    const { body: b } = await mention('🧪🥜🔥🦠');
    expect(b.content).toContain(REFUSAL_TEXT);
  });

  it('says "unknown command" for a command it does not have', async () => {
    const o = await h.fake.slash({ name: 'teleport', user: member() });
    const b = body(o.data);
    expect(isEphemeral(b)).toBe(true);
    expect(b.content).toMatch(/unknown command/i);
  });

  it('answers stale and foreign buttons without state in memory', async () => {
    const topic = engine.topics().find((t) => engine.ask(t.question).matchId === t.id);
    // A button from a message this process never sent (as after a restart).
    const stale = await h.fake.clickButton({ customId: `sel:ask:${topic?.id}`, user: member() });
    expect(stale.type).toBe(4);
    expect(body(stale.data).content).toContain(topic?.question.slice(0, 20));
    const foreign = await h.fake.clickButton({ customId: 'legacy-button:42', user: member() });
    expect(isEphemeral(body(foreign.data))).toBe(true);
    expect(body(foreign.data).content).toMatch(/no longer works/);
    const page = await h.fake.clickButton({ customId: 'sel:topics:999:n', user: member() });
    expect(page.type).toBe(7);
  });

  it('tells a member on cooldown: once for mentions, privately for every command', async () => {
    const who = member();
    const question = inScope().question;
    await h.fake.slash({ name: 'ask', options: { question }, user: who });
    const { body: notice } = await mention(question, { author: who });
    expect(notice.content).toMatch(/ask again in \d+ s/);
    expectNoMassMentions(notice);
    const third = h.fake.sendMessage({ content: question, author: who, mentionsBot: true });
    await expectIgnored(String(third.id));
    const again = await h.fake.slash({ name: 'ask', options: { question }, user: who });
    expect(isEphemeral(body(again.data))).toBe(true);
    expect(body(again.data).content).toMatch(/ask again in \d+ s/);
  });

  it('answers "something went wrong" when a handler fails, and keeps answering', async () => {
    const { body: b } = await mention(CRASH);
    expect(b.content).toMatch(/something went wrong/i);
    expectNoMassMentions(b);
    const o = await h.fake.slash({ name: 'ask', options: { question: CRASH }, user: member() });
    expect(isEphemeral(body(o.data))).toBe(true);
    expect(body(o.data).content).toMatch(/something went wrong/i);
    const failure = h.logs.lines.find(
      (l) => l.msg === 'interaction handler failed' && (l.err as { message?: string }).message === 'injected failure',
    );
    expect(failure).toMatchObject({ level: 50, command: 'ask', guild: h.fake.guilds[0]?.id, shard: 0 });
    const { body: after } = await mention(inScope().question);
    expect(after.content).toContain(DISCLAIMER);
  });
});
