import { describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../../src/discord/custom-ids.js';
import { LIMITS } from '../../../src/discord/limits.js';
import {
  cleanText,
  echo,
  formatNumber,
  type ReplyPayload,
  renderAnswer,
  renderFood,
  renderTopics,
  splitAnswerText,
} from '../../../src/discord/render/index.js';
import { foodText } from '../../../src/engine/foods/describe.js';
import type { Answer, Citation, FoodAnswerParts, FoodResult, Topic } from '../../../src/engine/types.js';
import { answerFixture } from '../../fixtures/answer.js';

const URL = 'https://example.org/a#:~:text=Selenium%20is';

const quote = (text: string, section = 'Nutritional antioxidant'): Citation => ({
  kind: 'quote',
  quote: text,
  section,
  sourceId: 'article',
  url: URL,
});

const answer = (over: Partial<Answer> = {}): Answer =>
  answerFixture({
    citations: [quote('Selenium is a powerful nutritional antioxidant.')],
    disclaimer: 'engine disclaimer',
    ...over,
  });

const buttons = (p: ReplyPayload) => p.components.flatMap((r) => r.components);

describe('renderAnswer', () => {
  it('quotes as block quotes with a masked link to the quoted sentence and the disclaimer', () => {
    const p = renderAnswer(answer());
    expect(p.content).toContain('The article says selenium supports the immune system.');
    expect(p.content).toContain('> “Selenium is a powerful nutritional antioxidant.”');
    expect(p.content).toContain(`> — [Nutritional antioxidant](<${URL}>)`);
    expect(p.content).toContain('-# engine disclaimer');
    expect(p.allowed_mentions).toEqual({ parse: [], users: [], replied_user: false });
  });

  it('encodes parentheses in link targets so a link cannot end early', () => {
    const p = renderAnswer(answer({ citations: [{ ...quote('Q.'), url: 'https://e.x/a#:~:text=cells (T and B)' }] }));
    expect(p.content).toContain('(<https://e.x/a#:~:text=cells%20%28T%20and%20B%29>)');
  });

  it('shows the safety line and evidence notes apart from the quotes', () => {
    const p = renderAnswer(
      answer({
        safety: 'The adult upper limit is 400 mcg a day.',
        evidence: [
          { text: 'The SELECT trial found no benefit.', sourceId: 'select', sourceTitle: 'SELECT', url: null },
        ],
      }),
    );
    expect(p.content).toContain('⚠️ The adult upper limit is 400 mcg a day.');
    expect(p.content).not.toContain('SELECT');
    expect(p.embeds).toHaveLength(1);
    expect(p.embeds[0]?.title).toBe('What other research says');
    expect(p.embeds[0]?.description).toContain('• The SELECT trial found no benefit. — SELECT');
  });

  it('keeps research notes on the first page of a long answer, not behind "More"', () => {
    const long = Array.from({ length: 6 }, (_, i) => quote(`Sentence ${i} ${'word '.repeat(60)}.`));
    const evidence = [{ text: 'A review found no benefit.', sourceId: 'r', sourceTitle: 'Review', url: null }];
    const first = renderAnswer(answer({ citations: long, evidence }));
    expect(first.content).toContain('part 1 of');
    expect(first.embeds[0]?.description).toContain('A review found no benefit.');
    expect(renderAnswer(answer({ citations: long, evidence }), { page: 1 }).embeds).toEqual([]);
  });

  it('offers at most three distinct "did you mean" buttons whose ids name the suggestion', () => {
    const suggestions = ['a', 'b', 'b', 'c', 'd'].map((id) => ({
      id,
      title: `Topic ${id} ${'x'.repeat(100)}`,
      question: `q ${id}`,
    }));
    const p = renderAnswer(
      answer({ answered: false, citations: [], matchId: null, route: 'none', text: "I don't know that.", suggestions }),
    );
    const b = buttons(p);
    expect(b).toHaveLength(3);
    expect(b.map((x) => decodeCustomId(x.custom_id))).toEqual([
      { kind: 'ask', id: 'a' },
      { kind: 'ask', id: 'b' },
      { kind: 'ask', id: 'c' },
    ]);
    for (const x of b) expect(x.label?.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    expect(p.content).toContain('Did you mean');
  });

  it('lets only the target user be pinged', () => {
    const p = renderAnswer(answer(), { forUserId: '123456789012345678' });
    expect(p.content).toContain('<@123456789012345678>');
    expect(p.allowed_mentions).toEqual({ parse: [], users: ['123456789012345678'], replied_user: false });
  });

  it('echoes the question escaped, without live mass mentions', () => {
    const p = renderAnswer(answer(), {
      question: '**bold** @everyone @here <@&42> <@!7> `code` [click](https://evil.example)',
    });
    expect(p.content).not.toMatch(/@everyone|@here|<@&42>|<@!7>|(?<!\\)\[click\]\(/);
    expect(p.content).toContain('\\[click](https://evil.example)');
    expect(p.content).toContain('\\*\\*bold\\*\\*');
    expect(p.content).toContain('\\`code\\`');
  });

  it('splits a long answer into pages under 2,000 characters reached with a More button', () => {
    const citations = Array.from({ length: 30 }, (_, i) => quote(`Quote number ${i}. ${'words '.repeat(25)}`));
    const long = answer({ citations, suggestions: [{ id: 'other', title: 'Other', question: 'q' }] });
    const seen: string[] = [];
    let page = 0;
    for (;;) {
      const p = renderAnswer(long, { page });
      expect(p.content.length).toBeLessThanOrEqual(LIMITS.content);
      expect(p.content).toContain('engine disclaimer');
      seen.push(p.content);
      const more = buttons(p)
        .map((b) => decodeCustomId(b.custom_id))
        .find((a) => a?.kind === 'more');
      if (page === 0) expect(buttons(p).some((b) => decodeCustomId(b.custom_id)?.kind === 'ask')).toBe(true);
      if (!more) break;
      expect(more).toEqual({ kind: 'more', id: 'antioxidant', page: page + 1 });
      page += 1;
    }
    expect(page).toBeGreaterThan(0);
    const all = seen.join('\n');
    for (let i = 0; i < 30; i++) expect(all).toContain(`Quote number ${i}.`);
  });

  it('cuts a long answer without an id to one page and no More button', () => {
    const p = renderAnswer(answer({ matchId: null, text: 'x '.repeat(3000) }));
    expect(p.content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(p.components).toEqual([]);
  });
});

describe('splitAnswerText', () => {
  it('takes the inline quotes out of the text so each is shown once, as a block quote', () => {
    const a = answer({
      text: 'The article says: “First quote.” It also says: “Second quote.” Note: older Daily Value.',
      citations: [quote('First quote.'), quote('Second quote.'), quote('Third, not inline.')],
    });
    expect(splitAnswerText(a)).toEqual({ lead: 'The article says:', after: 'Note: older Daily Value.' });
    const content = renderAnswer(a).content;
    for (const q of ['First quote.', 'Second quote.', 'Third, not inline.']) {
      expect(content.split(q)).toHaveLength(2);
      expect(content).toContain(`> “${q}”`);
    }
    expect(content.indexOf('Note: older Daily Value.')).toBeGreaterThan(content.indexOf('Third, not inline.'));
  });

  it('puts article quotes right after "The article says:" and table data after the remarks', () => {
    const data: Citation = {
      kind: 'data',
      quote: 'Milk, 1 cup: 8 mcg',
      section: 'NIH table',
      sourceId: 'ods',
      url: null,
    };
    const a = answer({
      text: 'Milk: 8 mcg per cup. The article says: "A cup of milk gives 8 mcg." That used the older Daily Value.',
      citations: [data, quote('A cup of milk gives 8 mcg.')],
    });
    const content = renderAnswer(a).content;
    const order = [
      'The article says:',
      '> “A cup of milk gives 8 mcg.”',
      'That used the older Daily Value.',
      '> Milk, 1 cup: 8 mcg',
    ].map((t) => content.indexOf(t));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it('keeps text that quotes nothing (food answers) as it is', () => {
    const a = answer({
      text: 'Tuna: 92 mcg per 3 ounces.',
      citations: [{ ...quote('x'), kind: 'data', quote: 'Tuna: 92 mcg' }],
    });
    expect(splitAnswerText(a)).toEqual({ lead: 'Tuna: 92 mcg per 3 ounces.', after: '' });
  });
});

describe('echo and cleanText', () => {
  it('removes bidi overrides, zero-width characters and controls', () => {
    expect(cleanText('a\u202Eb\u200Bc\u0007d\u2066e\uFEFF')).toBe('abc d' + 'e');
  });

  it('keeps emoji and caps the length', () => {
    expect(echo('🧪🥜')).toBe('🧪🥜');
    expect(echo('x'.repeat(500)).length).toBeLessThanOrEqual(200);
  });
});

const food = (over: Partial<FoodResult> = {}): FoodResult => ({
  found: true,
  name: 'Brazil nuts',
  serving: '1 ounce (6-8 nuts)',
  mcg: 544,
  percentDailyValue: 989,
  source: { id: 'ods', title: 'NIH ODS', url: 'https://ods.od.nih.gov/' },
  suggestions: [],
  id: 'brazil-nuts',
  table: 'ods',
  per100g: null,
  notes: [],
  ...over,
});

// Shaped like engine.foodAnswer (tests/discord/food-command.test.ts renders the real one); the figures are
// deliberately not those of `food()`, so a renderer that computed its own would show different numbers.
const UL_DATA: Citation = {
  kind: 'data',
  quote: 'Adult upper limit: 400 mcg/day',
  section: 'DRI chapter',
  sourceId: 'iom',
  url: 'https://doi.org/x',
};
const BRAZIL: FoodAnswerParts = {
  name: 'Brazil nuts',
  serving: '1 ounce (6-8 nuts)',
  amounts: [
    'Brazil nuts: about 70 mcg of selenium per 1 ounce (6-8 nuts), 127% of the Daily Value (55 mcg).',
    '2 servings: about 140 mcg, 255% of the Daily Value.',
    'That is about 2.5 times the adult RDA of 55 mcg a day; the adult upper limit is 400 mcg a day (35% of it).',
  ],
  notes: [],
  mentions: [],
  source: { label: 'NIH, Fact sheet', url: 'https://ods.od.nih.gov/' },
};
const foodAnswer = (over: Partial<Answer> = {}, parts: Partial<FoodAnswerParts> = {}): Answer =>
  answer({
    text: foodText({ ...BRAZIL, ...parts }),
    citations: [
      {
        kind: 'data',
        quote: 'Brazil nuts: 70 mcg',
        section: 'Fact sheet',
        sourceId: 'ods',
        url: 'https://ods.od.nih.gov/',
      },
    ],
    route: 'food',
    matchId: 'brazil-nuts',
    food: { ...BRAZIL, ...parts },
    ...over,
  });
const embedOf = (p: ReplyPayload) => {
  const e = p.embeds[0];
  if (!e) throw new Error('no embed');
  return e;
};
const field = (p: ReplyPayload, name: RegExp) => embedOf(p).fields?.find((f) => name.test(f.name));

describe('renderFood', () => {
  it("titles the embed with the food and shows the engine's lines, the amounts first and bold", () => {
    const p = renderFood(food(), foodAnswer(), { query: 'brazil' });
    const e = embedOf(p);
    expect(p.content).toBe('');
    expect(e.title).toBe('Brazil nuts');
    expect(e.author?.name).toMatch(/ODS/);
    expect(e.description?.split('\n')).toEqual([
      '**About 70 mcg of selenium per 1 ounce (6-8 nuts), 127% of the Daily Value (55 mcg).**',
      '**2 servings: about 140 mcg, 255% of the Daily Value.**',
      'That is about 2.5 times the adult RDA of 55 mcg a day; the adult upper limit is 400 mcg a day (35% of it).',
    ]);
    expect(field(p, /Source/)?.value).toBe('[NIH, Fact sheet](<https://ods.od.nih.gov/>)');
    expect(e.footer?.text).toBe('engine disclaimer');
    expect(p.allowed_mentions.parse).toEqual([]);
  });

  it('in chat, names the source once, as a link after the figures, not again as a quoted table row', () => {
    const c = renderAnswer(foodAnswer()).content;
    expect(c.split('Source:')).toHaveLength(2);
    expect(c).toContain('-# Source: [NIH, Fact sheet](<https://ods.od.nih.gov/>)');
    expect(c).not.toContain('Brazil nuts: 70 mcg');
    expect(c.indexOf('**Brazil nuts: about 70 mcg')).toBeLessThan(c.indexOf('Source:'));
    const safety = 'Over the limit.';
    const warned = renderAnswer(foodAnswer({ safety, citations: [...foodAnswer().citations, UL_DATA] })).content;
    expect(warned.split(safety)).toHaveLength(2);
    expect(warned.indexOf(safety)).toBeLessThan(warned.indexOf('Source:'));
    expect(warned).toContain('· [DRI chapter](<https://doi.org/x>)');
  });

  it("shows none of the lookup's own figures: the numbers are the engine's text only", () => {
    const e = embedOf(renderFood(food(), foodAnswer(), { query: 'brazil' }));
    const shown = JSON.stringify(e);
    for (const figure of ['544', '989', '1,088', '1088']) expect(shown).not.toContain(figure);
    expect(e.description?.split('\n')[1]).toBe('**2 servings: about 140 mcg, 255% of the Daily Value.**');
  });

  it('puts the safety line in its own field with the upper-limit citation as a link, and colours the embed', () => {
    const safety = '1088 mcg is above the adult upper limit of 400 mcg of selenium a day.';
    const withSafety = renderFood(food(), foodAnswer({ safety, citations: [...foodAnswer().citations, UL_DATA] }), {
      query: 'brazil',
    });
    const plain = renderFood(food(), foodAnswer(), { query: 'brazil' });
    expect(field(withSafety, /Upper limit/)?.value).toBe(`${safety}\n— [DRI chapter](<https://doi.org/x>)`);
    expect(field(withSafety, /Source/)?.value).not.toContain('doi.org');
    expect(field(plain, /Upper limit/)).toBeUndefined();
    expect(embedOf(withSafety).color).not.toBe(embedOf(plain).color);
  });

  it("shows the article's sentence as a linked block quote, keeping the remark after it", () => {
    const sentence = 'A cup of milk provides approximately 8 mcg of selenium.';
    const a = foodAnswer(
      { citations: [...foodAnswer().citations, quote(sentence, 'Image caption')] },
      {
        name: 'Milk',
        amounts: ['Milk: about 8 mcg of selenium per 1 cup.'],
        mentions: [{ quote: sentence, note: 'That is an older Daily Value.' }],
      },
    );
    const d = embedOf(renderFood(food({ name: 'Milk' }), a, { query: 'milk' })).description ?? '';
    expect(d).toContain(
      `The article says:\n> “${sentence}”\n> — [Image caption](<${URL}>)\n\nThat is an older Daily Value.`,
    );
    expect(d).not.toContain(`"${sentence}"`);
  });

  it("escapes markdown in the engine's text and labels USDA rows", () => {
    const a = foodAnswer(
      {},
      { name: 'Salmon', amounts: ['Salmon: about 31 mcg per 3 oz.'], notes: ['Per 100 g: 36.5 mcg *raw*.'] },
    );
    const e = embedOf(renderFood(food({ name: 'Salmon', table: 'usda' }), a, { query: 'salmon' }));
    expect(e.description).toContain('Per 100 g: 36.5 mcg \\*raw\\*.');
    expect(e.author?.name).toMatch(/USDA/);
  });

  it('answers an unknown food with the closest suggestions, echoing the query safely', () => {
    const p = renderFood(food({ found: false, name: null, mcg: null, suggestions: ['Tuna', 'Turkey'] }), null, {
      query: '@everyone **kryptonite**',
    });
    expect(p.embeds).toEqual([]);
    expect(p.content).toContain('is not in my food table');
    expect(p.content).toContain('Tuna, Turkey');
    expect(p.content).not.toContain('@everyone');
  });
});

describe('renderTopics', () => {
  const topics: Topic[] = Array.from({ length: 20 }, (_, i) => ({
    id: `t-${i}`,
    title: `Topic ${i}`,
    question: `question ${i}?`,
    kind: 'entry',
  }));

  it('pages with prev/next buttons disabled at the edges and distinct ids', () => {
    const first = buttons(renderTopics(topics, 0));
    expect(first.map((b) => b.disabled)).toEqual([true, false]);
    expect(new Set(first.map((b) => b.custom_id)).size).toBe(2);
    expect(decodeCustomId(first[1]?.custom_id ?? '')).toEqual({ kind: 'topics', page: 1, dir: 'n' });
    const last = renderTopics(topics, 99);
    expect(last.embeds[0]?.footer?.text).toContain('Page 3 of 3');
    expect(buttons(last).map((b) => b.disabled)).toEqual([false, true]);
  });

  it('lists every topic across the pages', () => {
    const text = [0, 1, 2].map((p) => renderTopics(topics, p).embeds[0]?.description).join('\n');
    for (const t of topics) expect(text).toContain(t.title);
  });
});

describe('formatNumber', () => {
  it('formats like en-US with at most the given decimals, without Intl', () => {
    const intl1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
    const intl0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    for (const n of [
      0, 0.04, 0.05, 0.25, 1, 9.95, 55, 68.4, 544, 999.96, 1088, 1234.56, 1_000_000, 12_345_678.9, -3.2,
    ]) {
      expect(formatNumber(n, 1), String(n)).toBe(intl1.format(n));
      expect(formatNumber(n, 0), String(n)).toBe(intl0.format(n));
    }
  });
});
