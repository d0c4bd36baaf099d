import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_THRESHOLD, createEngine, DISCLAIMER, REFUSAL_TEXT } from '../../src/engine/index.js';
import { normaliseText } from '../../src/engine/normalise.js';
import type { Answer, Engine } from '../../src/engine/types.js';
import { textFragmentUrl } from '../../src/knowledge/text-fragment.js';
import { type KnowledgeBase, normaliseWhitespace } from '../../src/knowledge/types.js';
import { answerSchema, loadProjectKnowledge } from './answer-schema.js';

let kb: KnowledgeBase;
let engine: Engine;

beforeAll(() => {
  kb = loadProjectKnowledge();
  engine = createEngine(kb);
});

/** The entry whose questions or keywords mention a word: found from the data, not hard-coded ids. */
const entryAbout = (word: string) =>
  kb.entries.filter((e) => [...e.questions, ...e.keywords, e.title].some((t) => normaliseText(t).includes(word)));

const foodNamed = (alias: string) => {
  const food = kb.foods.find((f) => f.aliases.includes(alias) || f.name.toLowerCase() === alias);
  if (!food) throw new Error(`no curated food called ${alias}`);
  return food;
};

const allText = (a: Answer) => [a.text, ...a.citations.map((c) => c.quote)].join('\n');

describe('router', () => {
  it.each([
    ['how much selenium is in tuna?', 'tuna'],
    ['selenium in milk', 'milk'],
    ['does an egg have selenium', 'egg'],
    ['brazil nuts', 'brazil nut'],
    ['how much selenium is in a bowl of oatmeal', 'oatmeal'],
  ])('answers "%s" from the food table', (question, alias) => {
    const answer = engine.ask(question);
    const food = foodNamed(alias);
    expect(answer.route).toBe('food');
    expect(answer.answered).toBe(true);
    expect(answer.matchId).toBe(food.id);
    expect(answer.text).toContain(`${food.mcg} mcg`);
  });

  it('answers an amount question for every alias of every curated food from that food', () => {
    for (const food of kb.foods)
      for (const alias of food.aliases) {
        const a = engine.ask(`how much selenium is in ${alias}?`);
        expect({ alias, route: a.route, id: a.matchId }).toEqual({ alias, route: 'food', id: food.id });
      }
  });

  it('counts servings a food question names, and only real servings', () => {
    const egg = foodNamed('egg');
    const milk = foodNamed('milk');
    expect(engine.ask('how much selenium in 3 eggs').text).toContain(`${3 * egg.mcg} mcg`);
    expect(engine.ask('selenium in 2 cups of milk').text).toContain(`${2 * milk.mcg} mcg`);
    const tuna = foodNamed('tuna');
    // "3 ounces" is the table's own serving, not three servings.
    expect(engine.ask('how much selenium in 3 ounces of tuna').text).not.toContain(`${3 * tuna.mcg} mcg`);
  });

  it('does not take a question that merely names a food for a food question', () => {
    for (const q of [
      'how long should I boil an egg',
      'how many eggs can I eat per day',
      'is selenium a strong antioxidant?',
      'is selenium good for your skin',
      'can you take too much selenium',
    ]) {
      expect(engine.ask(q).route).not.toBe('food');
    }
  });

  it('sends questions about the related topics to the related link', () => {
    const vitaminC = kb.related.find((l) => l.keywords.some((k) => k.toLowerCase() === 'vitamin c'));
    const mental = kb.related.find((l) => l.keywords.some((k) => k.toLowerCase() === 'mental health'));
    const a = engine.ask('is there an article about vitamin C and immunity?');
    expect(a.route).toBe('related');
    expect(a.matchId).toBe(vitaminC?.id);
    expect(a.text).toContain(vitaminC?.title);
    const b = engine.ask('can a weak immune system affect my mental health?');
    expect(b.route).toBe('related');
    expect(b.matchId).toBe(mental?.id);
  });

  it('answers topic questions from an entry', () => {
    const a = engine.ask('does selenium help with the flu');
    expect(a.route).toBe('entry');
    expect(entryAbout('flu').map((e) => e.id)).toContain(a.matchId);
  });

  it('refuses with "none" when nothing matches', () => {
    const a = engine.ask('what is the weather in paris today');
    expect(a.route).toBe('none');
    expect(a.matchId).toBeNull();
  });
});

describe('matcher', () => {
  it('routes most curated phrasings back to their own entry', () => {
    const phrasings = kb.entries.flatMap((e) => e.questions.map((q) => ({ q, id: e.id })));
    const own = phrasings.filter(({ q, id }) => engine.ask(q).matchId === id);
    // Phrasings overlap between neighbouring entries ("selenium deficiency"), so not all of them can win.
    expect(own.length / phrasings.length).toBeGreaterThan(0.85);
  });

  it.each([
    ['what does selenium do to reactive oxygen species', 'reactive oxygen species'],
    ['what is disulfide isomerase', 'disulfide isomerase'],
    ['can selenium prevent cancer', 'cancer'],
    ['how does selenium affect calcium flux', 'calcium flux'],
    ['should immunocompromised people take selenium supplements?', 'immunocompromised'],
  ])('answers "%s" with an entry whose quotes say "%s"', (question, phrase) => {
    const a = engine.ask(question);
    expect(a.answered).toBe(true);
    expect(allText(a).toLowerCase()).toContain(phrase);
  });

  it('tolerates typos, case and punctuation', () => {
    const clean = engine.ask('selenium immune system');
    for (const q of ['selenum imune sistem', 'SELENIUM IMMUNE SYSTEM!!!', 'selenium, immune-system?']) {
      const a = engine.ask(q);
      expect(a.answered).toBe(true);
      expect(a.matchId).toBe(clean.matchId);
    }
    expect(engine.ask('does selenium help inflamation').matchId).toBe(
      engine.ask('does selenium help inflammation').matchId,
    );
  });

  it('treats synonyms alike', () => {
    expect(engine.ask('selenium and coronavirus').matchId).toBe(engine.ask('selenium and covid-19').matchId);
    expect(engine.ask('does selenium help with influenza').matchId).toBe(
      engine.ask('does selenium help with the flu').matchId,
    );
  });
});

describe('refusal', () => {
  it.each([
    ['weather', 'what is the weather in paris today'],
    ['other nutrient', 'is magnesium good for sleep'],
    ['other nutrient', 'does zinc help with colds'],
    ['other nutrient', 'how much vitamin D should I take daily'],
    ['software', 'how do I install selenium webdriver for python'],
    ['software', 'selenium xpath locator not working'],
    ['shopping', 'what is the best gaming laptop'],
    ['pets', 'selenium dosage for dogs'],
    ['chemistry', 'what is the atomic number of selenium'],
    ['medication', 'how do antibiotics kill bacteria'],
    ['cooking', 'how long should I boil an egg'],
    ['gibberish', 'asdfghjkl'],
    ['empty', ''],
    ['punctuation only', '?!?! 🙂'],
  ])('refuses %s: "%s"', (_category, question) => {
    const a = engine.ask(question);
    expect(a.answered).toBe(false);
    expect(a.text).toContain(REFUSAL_TEXT);
    expect(a.citations).toEqual([]);
    expect(a.confidence).toBeLessThan(ANSWER_THRESHOLD);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('suggests close topics that answer when asked', () => {
    const a = engine.ask('selenium and the immune system of my cat in winter at the vet');
    for (const s of a.suggestions) expect(engine.ask(s.question).answered).toBe(true);
  });
});

describe('answer model', () => {
  const questions = [
    'what is selenium?',
    'should I take selenium supplements?',
    'how much selenium is in milk',
    'is there an article about vitamin C and immunity?',
    'does selenium prevent cancer',
    'tell me a joke',
  ];

  it('matches the Answer schema for every route', () => {
    for (const q of questions) expect(() => answerSchema.parse(engine.ask(q))).not.toThrow();
  });

  it('attributes answers to the article and always carries the disclaimer', () => {
    for (const q of questions) {
      const a = engine.ask(q);
      expect(a.disclaimer).toBe(DISCLAIMER);
      if (a.route === 'entry' || a.route === 'related')
        expect(a.text).toMatch(/^(The article|According to the article)/);
    }
  });

  it('quotes the article verbatim and deep-links each quote with a text fragment', () => {
    const articleText = normaliseWhitespace(kb.article.text);
    const quotes = kb.entries
      .flatMap((e) => e.questions.slice(0, 1))
      .flatMap((q) => engine.ask(q).citations.filter((c) => c.kind === 'quote'));
    expect(quotes.length).toBeGreaterThan(kb.entries.length / 2);
    for (const c of quotes) {
      expect(articleText).toContain(c.quote);
      expect(c.sourceId).toBe(kb.article.id);
      expect(c.url).toBe(textFragmentUrl(kb.article.url, c.quote));
      expect(c.url).toContain('#:~:text=');
      expect(kb.article.resolvedSections.map((s) => s.title)).toContain(c.section);
    }
  });

  it('adds the upper limit where supplements, doses or Brazil nuts come up, not elsewhere', () => {
    const ul = String(kb.facts.upperLimit.adultMcg);
    for (const q of ['should I take selenium supplements?', 'what dose of selenium is safe', 'brazil nuts']) {
      expect(engine.ask(q).safety).toContain(ul);
    }
    expect(engine.ask('what are selenoproteins').safety).toBeNull();
  });

  it('explains that the article figured the milk percentage on the older Daily Value', () => {
    const old = String(kb.facts.previousDailyValue.mcg);
    for (const q of ['how much selenium is in a cup of milk?', 'milk selenium 11% daily needs']) {
      expect(engine.ask(q).text).toContain(`${old} mcg`);
    }
  });

  it('carries evidence notes with their source, apart from the quotes', () => {
    const withEvidence = kb.entries.find((e) => e.evidence.length > 0);
    if (!withEvidence) return;
    const question = withEvidence.questions[0] as string;
    const a = engine.ask(question);
    if (a.matchId !== withEvidence.id) return;
    expect(a.evidence.length).toBe(withEvidence.evidence.length);
    for (const note of a.evidence) {
      expect(kb.references.map((r) => r.id)).toContain(note.sourceId);
      expect(a.citations.map((c) => c.quote)).not.toContain(note.text);
    }
  });

  it('is pure: the same question gives the same answer, and engines do not share state', () => {
    const other = createEngine(kb);
    for (const q of questions) {
      expect(engine.ask(q)).toEqual(engine.ask(q));
      expect(other.ask(q)).toEqual(engine.ask(q));
    }
  });
});

describe('autocomplete and topics', () => {
  it('pins a few questions when nothing is typed', () => {
    const choices = engine.autocompleteQuestions('');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('ranks known questions for a partial, typo-tolerant, within Discord limits', () => {
    const choices = engine.autocompleteQuestions('selenum infl');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]?.name.toLowerCase()).toMatch(/infl/);
    for (const c of [...choices, ...engine.autocompleteQuestions('a'.repeat(300))]) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('lists article sections and filters them by prefix', () => {
    expect(engine.autocompleteSections('').length).toBe(kb.article.resolvedSections.length);
    const prev = engine.autocompleteSections('prevent');
    expect(prev.map((c) => c.value)).toContain(kb.article.resolvedSections.find((s) => /prevent/i.test(s.title))?.id);
  });

  it('lists every entry and related link as a topic with a question that answers it', () => {
    const topics = engine.topics();
    expect(topics.length).toBe(kb.entries.length + kb.related.length);
    const answering = topics.filter((t) => engine.ask(t.question).answered);
    expect(answering.length).toBe(topics.length);
  });
});
