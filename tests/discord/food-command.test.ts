import { describe, expect, it } from 'vitest';
import { topCategory } from '../../src/discord/commands/food.js';
import { renderFood, renderTopFoods } from '../../src/discord/render/index.js';
import { createEngine } from '../../src/engine/index.js';
import type { FoodResult } from '../../src/engine/types.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

describe('/food top view', () => {
  it.each([
    ['top:', ''],
    ['top:fish', 'fish'],
    ['top fish', 'fish'],
    ['Richest  nuts ', 'nuts'],
    ['top', ''],
  ])('reads %j as a top request for %j', (query, category) => {
    expect(topCategory(query)).toBe(category);
  });

  it.each(['tuna', 'brazil-nuts', 'topping, strawberry', 'usda-19137', 'stop'])('reads %j as a food', (query) => {
    expect(topCategory(query)).toBeNull();
  });

  const food = (name: string, mcg: number): FoodResult => ({
    found: true,
    name,
    serving: '3 ounces',
    mcg,
    percentDailyValue: null,
    source: { id: 'ods', title: 'NIH', url: null },
    suggestions: [],
    id: name,
    table: 'ods',
    per100g: null,
    notes: [],
  });
  const facts = { upperLimitMcg: 400 };

  it("numbers the foods with amount and the lookup's %DV, warns above the upper limit, cites once", () => {
    const p = renderTopFoods(
      [{ ...food('Brazil nuts', 544), percentDailyValue: 989 }, food('Tuna', 92)],
      'nuts',
      facts,
    );
    expect(p.content).toContain('**Richest nuts in selenium**');
    expect(p.content).toContain('1. Brazil nuts · 3 ounces: **544 mcg** (989% DV)');
    // No %DV is made up where the lookup gives none.
    expect(p.content).toContain('2. Tuna · 3 ounces: **92 mcg**\n');
    expect(p.content).toContain('⚠️');
    expect(p.content.split('Source:')).toHaveLength(2);
  });

  it('says when a category has no foods', () => {
    expect(renderTopFoods([], 'unobtainium', facts).content).toContain('I found no unobtainium');
  });
});

const loaded = loadKnowledge(new URL('../../knowledge', import.meta.url).pathname);
if (!loaded.ok) throw new Error('knowledge/ does not load');
const engine = createEngine(loaded.kb);

/** What the /food command does: look the food up, then ask the engine for its answer by the found id. */
function slashFood(query: string, servings = 1) {
  const result = engine.food(query);
  const answer = result.found && result.id ? engine.foodAnswer(result.id, { servings }) : null;
  const embed = renderFood(result, answer, { query }).embeds[0];
  if (!embed || !answer) throw new Error(`no embed for ${query}`);
  return { result, answer, embed };
}

/** Text as Discord shows it: markdown escapes undone. */
const read = (text: string): string => text.replace(/\\(.)/g, '$1');

/** Figures a member reads, link targets left out (their digits are not shown). */
const figures = (text: string): string[] => read(text.replace(/\(<[^>]*>\)/g, '')).match(/\d+(?:[.,]\d+)*/g) ?? [];

describe("/food renders the engine's food answer", () => {
  it.each([
    ['brazil nuts', 2],
    ['tuna', 1],
    ['salmon', 0.5],
    ['milk', 3],
  ])("%s × %d: every line and figure the embed shows is the engine's", (query, servings) => {
    const { result, answer, embed } = slashFood(query, servings);
    expect(embed.title).toBe(result.name);
    const shown = [embed.description ?? '', ...(embed.fields ?? []).map((f) => f.value)].join('\n');
    const said = [answer.text, answer.safety ?? '', ...answer.citations.flatMap((c) => [c.quote, c.section])].join(
      '\n',
    );
    const known = new Set(figures(said));
    for (const n of figures(shown)) expect(known, `${n} is not in the engine's answer`).toContain(n);
    // Each of the engine's remarks is there word for word; the first loses the name the title shows, and is capitalised.
    const [first = '', ...rest] = answer.text.split('\n').filter((l) => !l.startsWith('Source:') && !l.includes('"'));
    const description = read(embed.description ?? '');
    expect(description).toContain(first.slice(`${result.name}: `.length + 1));
    for (const line of rest) expect(description).toContain(line);
  });

  it('shows the safety line when the servings reach the upper limit, and not below it', () => {
    const heavy = slashFood('brazil nuts', 2);
    expect(heavy.answer.safety).not.toBeNull();
    const warning = heavy.embed.fields?.find((f) => /upper limit/i.test(f.name));
    expect(warning?.value).toContain(heavy.answer.safety);
    expect(warning?.value).toMatch(/\]\(<https?:\/\//);
    const light = slashFood('milk');
    expect(light.answer.safety).toBeNull();
    expect(light.embed.fields?.map((f) => f.name)).toEqual(['Source']);
  });

  it('links the source and labels the table the row comes from', () => {
    const ods = slashFood('tuna');
    expect(ods.embed.fields?.find((f) => f.name === 'Source')?.value).toContain(`(<${ods.result.source?.url}>)`);
    const usda = slashFood('salmon');
    expect(usda.result.table).toBe('usda');
    expect(usda.embed.author?.name).toMatch(/USDA/);
    expect(usda.embed.description).toMatch(/Per 100 g: [\d.]+ mcg/);
  });
});

describe('/food for a food the article itself gives a percentage for', () => {
  it("shows the article's sentence and that its 11% used the older 70 mcg Daily Value", () => {
    const milk = slashFood('milk').embed.description ?? '';
    expect(milk).toContain('> “A cup of milk provides approximately 8 mcg of selenium');
    expect(milk).toMatch(/older Daily Value of 70 mcg; against today's 55 mcg, 8 mcg is 15%/);
    // Foods the article does not mention carry no such note.
    expect(slashFood('tuna').embed.description).not.toContain('The article says');
  });
});
