import { beforeAll, describe, expect, it } from 'vitest';
import {
  aboutSomethingElse,
  asksWhatArticleSays,
  bareTopic,
  demonstrativeSubject,
  namingSelenium,
  withoutFrame,
  withoutLeadIn,
  withoutSummaryRequest,
} from '../../src/engine/frame.js';
import { createEngine, figures } from '../../src/engine/index.js';
import { analyse, compileLexicon, normaliseText } from '../../src/engine/normalise.js';
import type { Engine } from '../../src/engine/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// How a question is framed (pointing at the article, following up on the last answer, calling selenium
// "this mineral") should not change which topic it asks about; short general-health questions still
// are general health questions.

let engine: Engine;

beforeAll(() => {
  engine = createEngine(loadProjectKnowledge());
});

const wordsOf = (text: string) => normaliseText(text).split(' ');

describe('article-referring framing', () => {
  it.each([
    ['according to this article what do selenoproteins do', 'what do selenoproteins do'],
    ['how many times does the article mention influenza', 'influenza'],
    ['does the article say selenium helps the thyroid', 'selenium helps the thyroid'],
    ['in the article, what is said about ros', 'what is said about ros'],
    ['which section talks about milk', 'milk'],
    ['what does it say about immune cell proliferation', 'what about immune cell proliferation'],
    ['does it mention any product names', 'any product names'],
    ['it says something about health at the very start', 'it says something about health'],
    ['what about viruses near the end of the article', 'what about viruses'],
    ['in the intro, what is selenium', 'what is selenium'],
    // Where something is written is the article; "written" alone ("when was it written") is not framing.
    ['is it written in this article that selenium is an antioxidant', 'that selenium is an antioxidant'],
    ['zinc, in the article is written something?', 'zinc something'],
    ['was it stated in the text that milk has selenium', 'that milk has selenium'],
  ])('"%s" leaves "%s"', (question, rest) => {
    expect(withoutFrame(wordsOf(question))?.join(' ')).toBe(wordsOf(rest).join(' '));
  });

  it('reads "it" that says or mentions something as the article, and no other "it"', () => {
    expect(asksWhatArticleSays(wordsOf('what does it say about white blood cells'))).toBe(true);
    expect(asksWhatArticleSays(wordsOf('does it mention pathogens at all'))).toBe(true);
    expect(asksWhatArticleSays(wordsOf('does it help with colds'))).toBe(false);
    expect(asksWhatArticleSays(wordsOf('what does the doctor say about it'))).toBe(false);
  });

  it('reads a part of it, or "this" standing alone, as the article', () => {
    expect(asksWhatArticleSays(wordsOf('ok and the virus membrane part, explain again'))).toBe(true);
    expect(asksWhatArticleSays(wordsOf('can u pull up the part about viral infections'))).toBe(true);
    expect(asksWhatArticleSays(wordsOf('is there science behind any of this or nah'))).toBe(true);
    expect(asksWhatArticleSays(wordsOf("where's this from"))).toBe(true);
    expect(asksWhatArticleSays(wordsOf('is this a cold or the flu'))).toBe(false);
    expect(asksWhatArticleSays(wordsOf('which part of the body makes white blood cells'))).toBe(false);
  });

  it('still refuses general health questions that point at the article only by "this"', () => {
    expect(engine.ask('is this a cold or the flu').answered).toBe(false);
    expect(engine.ask('how do I get rid of this headache').answered).toBe(false);
  });

  it('answers "what does it say about X" for a topic of the article, and still refuses one it lacks', () => {
    expect(engine.ask('what does it say about immune cell proliferation').matchId).toBe('immune-cell-development');
    expect(engine.ask('what does it say about knee pain').answered).toBe(false);
  });

  it('answers a question that says where in the article it read something from its own words', () => {
    const answer = engine.ask('which parts of health does selenium affect? something at the very start of the article');
    expect(answer.answered).toBe(true);
    expect(answer.matchId).toBe('what-is-selenium');
    // "Start" is where, not "initiate" (an immune response): the whole question is about health.
    expect(engine.ask('does selenium help start an immune response').answered).toBe(true);
  });

  it('leaves questions without framing alone', () => {
    expect(withoutFrame(wordsOf('does selenium help the immune system'))).toBeNull();
    // "the article" as a subject that does something else is not framing.
    expect(withoutFrame(wordsOf('is the article biased'))).toBeNull();
    expect(withoutFrame(wordsOf('when was it written'))).toBeNull();
  });

  it.each([
    ['according to the article, what do selenoproteins do', 'what do selenoproteins do'],
    ['how many times does the article mention influenza', 'influenza'],
    ['what does the article say about reactive oxygen species', 'reactive oxygen species'],
  ])('"%s" answers as "%s" does', (framed, plain) => {
    const a = engine.ask(framed);
    const b = engine.ask(plain);
    expect(b.answered).toBe(true);
    expect(a.answered).toBe(true);
    expect(a.matchId).toBe(b.matchId);
    expect(a.confidence).toBeGreaterThanOrEqual(b.confidence - 0.1);
  });

  it('still counts a question that is only framing as about the article', () => {
    expect(engine.ask('what is this article about').matchId).toBe('article-overview');
  });
});

describe('follow-ups', () => {
  it('strips lead-ins, however many, but never the whole message', () => {
    expect(withoutLeadIn(wordsOf('and what about chronic inflammation'))).toEqual(['chronic', 'inflammation']);
    expect(withoutLeadIn(wordsOf('how about the flu'))).toEqual(['the', 'flu']);
    expect(withoutLeadIn(wordsOf('also'))).toEqual(['also']);
    expect(withoutLeadIn(wordsOf('why does it work'))).toEqual(['why', 'does', 'it', 'work']);
  });

  it.each([
    ['what about chronic inflammation', 'chronic-inflammation'],
    ['and how about influenza?', 'influenza'],
  ])('answers "%s" as a bare topic', (q, id) => {
    const a = engine.ask(q);
    expect(a.answered).toBe(true);
    expect(a.matchId).toBe(id);
  });

  it('reads "this mineral" and its kin as naming selenium', () => {
    expect(demonstrativeSubject(wordsOf('does this mineral help immunity'))).toBe(true);
    expect(demonstrativeSubject(wordsOf('is that stuff safe'))).toBe(true);
    expect(demonstrativeSubject(wordsOf('which mineral helps immunity'))).toBe(false);
    expect(namingSelenium(wordsOf('does this nutrient fight viruses'))).toEqual([
      'does',
      'this',
      'selenium',
      'fight',
      'viruses',
    ]);
    const a = engine.ask('can this supplement protect me from covid');
    expect(a.answered).toBe(true);
    expect(a.matchId).toBe('covid-19');
  });

  it('reads "%" as "percent", so the article figures meet their spelt-out forms', () => {
    expect(normaliseText('11% of your needs')).toBe('11 percent of your needs');
    expect(figures('A cup gives 8 mcg, or 11% of needs; 2 cups.')).toEqual(['8 mcg', '11 %']);
    const a = engine.ask('what is the 11 percent about');
    expect(a.answered).toBe(true);
    expect(a.matchId).toBe('milk-selenium');
  });
});

describe('short general-health questions', () => {
  it('exempts bare topics but not whole questions or requests for advice', () => {
    expect(bareTopic(wordsOf('flu?'))).toBe(true);
    expect(bareTopic(wordsOf('immune system'))).toBe(true);
    expect(bareTopic(wordsOf('what about covid'))).toBe(true);
    expect(bareTopic(wordsOf('what is immunity'))).toBe(false);
    expect(bareTopic(wordsOf('what causes colds'))).toBe(false);
    expect(bareTopic(wordsOf('fever symptoms'))).toBe(false);
    expect(bareTopic(wordsOf('signs of infection'))).toBe(false);
  });

  it.each([
    'what is an infection',
    'what causes colds',
    'signs of infection',
    'why do infections happen',
    'flu symptoms',
  ])('refuses "%s"', (q) => {
    expect(engine.ask(q).answered).toBe(false);
  });

  it.each(['flu?', 'immune system', 'what about covid', 'is it safe', 'signs of a deficiency'])(
    'still answers "%s"',
    (q) => {
      expect(engine.ask(q).answered).toBe(true);
    },
  );
});

describe('real words that stem like topic words', () => {
  it('does not read "definitely" as "definition"', () => {
    const lexicon = compileLexicon({ synonyms: [], outOfScope: [] });
    expect(analyse('do supplements definitely work', lexicon).terms).not.toContain(
      analyse('definition', lexicon).terms[0],
    );
    expect(engine.ask('do selenium supplements definitely work').matchId).not.toBe('what-is-selenium');
  });
});

describe('glass', () => {
  it('keeps selenium glass out of the milk answer, and milk in a glass in the food table', () => {
    expect(engine.ask('what is selenium glass used for').answered).toBe(false);
    expect(engine.ask('tell me about glassmaking with selenium').answered).toBe(false);
    expect(engine.ask('how much selenium is in a glass of milk').route).toBe('food');
    expect(engine.ask('a glass of milk').route).toBe('food');
  });
});

describe('joined-up food names in chat', () => {
  it('answers a food written as one word from the food table, as the lookup does', () => {
    const a = engine.ask('how much selenium does sweetcorn have');
    expect(a.route).toBe('food');
    expect(a.matchId).toBe(engine.food('sweet corn').id);
  });
});

describe("the article's evidence", () => {
  it.each(['which sources does the article rely on', 'what are the references of the article'])(
    'answers "%s" from the evidence entry, not the milk one',
    (q) => {
      const a = engine.ask(q);
      expect(a.answered).toBe(true);
      expect(a.matchId).toBe('article-evidence');
    },
  );
});

describe('a claim someone made, put to the article', () => {
  // Who made the claim and the request to judge it name no topic; the claim itself stays.
  it.each([
    ['my gym buddy insists selenium stops colds, does the article back that up', 'selenium stops colds'],
    ['a guy at work keeps saying selenium fights viruses. true or not per the article', 'selenium fights viruses'],
    ['my nan reckons that selenium helps inflammation, is she right', 'selenium helps inflammation'],
    ['my teacher told us selenium is an antioxidant, does the article agree', 'selenium is an antioxidant'],
    ['my coworker says we dont need selenium, does it disagree', 'we dont need selenium'],
    ['my neighbour swears by selenium, does the article back him up or is he just lucky', 'by selenium'],
  ])('"%s" leaves "%s"', (question, rest) => {
    expect(withoutFrame(wordsOf(question))?.join(' ')).toBe(wordsOf(rest).join(' '));
  });

  it('keeps a sentence that only looks like a report ("my levels are low", "does selenium back up immunity")', () => {
    expect(withoutFrame(wordsOf('my levels are low is that bad'))).toBeNull();
    expect(withoutFrame(wordsOf('is the right amount 55 mcg'))).toBeNull();
  });

  it.each([
    ['my gym buddy insists selenium stops you catching colds, does the article back that up?', 'fewer-infections'],
    ['a guy at work keeps saying selenium fights viruses. true or not per the article?', 'virus-entry'],
    ['my sister is convinced selenium prevents the flu lol, any support for that in the article?', 'influenza'],
  ])('answers the claim: "%s"', (question, id) => {
    const answer = engine.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.matchId).toBe(id);
  });

  it.each([
    'my friend says cold showers boost your immune system, does the article agree?',
    'my mom swears garlic cures the flu, is she right?',
    'a guy at work keeps saying zinc stops colds. true or not per the article?',
    'my teacher said antibiotics kill viruses, is that true?',
  ])('still refuses a claim the article does not make: "%s"', (question) => {
    expect(engine.ask(question).answered).toBe(false);
  });
});

describe('a request for a summary', () => {
  it.each([
    ['summarize what it says about covid', 'what it says about covid'],
    ['tl;dr how does selenium calm inflammation', 'how does selenium calm inflammation'],
    ['give me the gist of the antioxidant bit', 'give me the of the antioxidant bit'],
    ['key points on selenoproteins in a nutshell', 'on selenoproteins'],
  ])('"%s" leaves "%s"', (question, rest) => {
    expect(withoutSummaryRequest(wordsOf(question))?.join(' ')).toBe(wordsOf(rest).join(' '));
  });

  it('leaves a message without one alone', () => {
    expect(withoutSummaryRequest(wordsOf('what does the summit of the article say'))).toBeNull();
  });

  it('answers about the topic it names, not with the article overview', () => {
    for (const [message, topic] of [
      ['summarize what the article says about covid', 'covid-19'],
      ['what does the post say about inflammation, sum it up for me', 'inflammation'],
    ] as const) {
      const answer = engine.ask(message);
      expect(answer.answered, message).toBe(true);
      expect(answer.matchId, message).toBe(topic);
    }
  });

  it('is the overview when it names nothing else', () => {
    for (const message of ['summarize the article', 'tl;dr of the article?', 'whats the gist'])
      expect(engine.ask(message).matchId, message).toBe('article-overview');
  });
});

describe('what the article is said to sell', () => {
  it('reads "is the article telling me to buy something" as a question about its product, not shopping', () => {
    const answer = engine.ask('is the article telling us to buy a particular product?');
    expect(answer.answered).toBe(true);
    expect(answer.citations.map((c) => c.quote).join(' ')).toContain('BioPro-Plus');
    expect(engine.ask('where can i buy selenium pills cheap').answered).toBe(false);
  });
});

describe('a message about something other than the article', () => {
  it.each([
    'is this youtube video sponsored',
    'who made that podcast',
    'is the new documentary any good',
    'what year is it',
    'whats the date today',
    'what time is it right now',
    'current year',
  ])('reads "%s" as about something else', (message) => {
    expect(aboutSomethingElse(wordsOf(message))).toBe(true);
  });

  it.each([
    'is it sponsored',
    'is this article sponsored',
    'which website is this article from',
    'what site is this from',
    'is the video in the article sponsored',
    'when was it written',
    'what year was the article published',
    'how many times a day should i take it',
    // Words that name a medium elsewhere but are the article's own talk here.
    'do the studies show it works',
    'does it shorten the course of an infection',
    'does it reach the blood stream',
    'what happens at the calcium channel',
  ])('reads "%s" as about the article', (message) => {
    expect(aboutSomethingElse(wordsOf(message))).toBe(false);
  });
});
