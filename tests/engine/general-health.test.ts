import { beforeAll, describe, expect, it } from 'vitest';
import {
  asksWhatArticleSays,
  pointedSupplement,
  pronounSubject,
  withoutArticleAdvice,
} from '../../src/engine/frame.js';
import { createEngine } from '../../src/engine/index.js';
import { analyse, compileLexicon, mentionsAnchor, normaliseText, stem, words } from '../../src/engine/normalise.js';
import type { Engine } from '../../src/engine/types.js';
import { createTypoCorrector } from '../../src/engine/typos.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// General health questions whose every word the article uses ("how can I tell if my immune system is
// weak") are not questions about the article: without selenium or one of the lexicon's anchors they are
// refused. Chat filler, missing synonyms and real words taken for typos no longer sink clear questions.

let kb: KnowledgeBase;
let engine: Engine;

beforeAll(() => {
  kb = loadProjectKnowledge();
  engine = createEngine(kb);
});

const stems = (text: string) => words(normaliseText(text)).map(stem);

describe('anchors', () => {
  const lexicon = compileLexicon({
    synonyms: [['microorganism', 'germ', 'germs']],
    outOfScope: [],
    anchors: ['selenoprotein', 'oxidative stress', 'microorganism'],
  });

  it('finds an anchor in any inflection, and a phrase only whole', () => {
    expect(mentionsAnchor(stems('what do selenoproteins do'), lexicon)).toBe(true);
    expect(mentionsAnchor(stems('what is oxidative stress'), lexicon)).toBe(true);
    expect(mentionsAnchor(stems('does stress make you sick'), lexicon)).toBe(false);
  });

  it('matches the words as typed, not their synonyms', () => {
    expect(mentionsAnchor(stems('how do microorganisms get in'), lexicon)).toBe(true);
    expect(mentionsAnchor(stems('how do germs get in'), lexicon)).toBe(false);
  });

  it('is empty for a lexicon without anchors', () => {
    const none = compileLexicon({ synonyms: [], outOfScope: [] });
    expect(mentionsAnchor(stems('what do selenoproteins do'), none)).toBe(false);
  });
});

describe('general health questions that name neither selenium nor the article', () => {
  it.each([
    'how can I tell if my immune system is weak',
    'what should I do to get over a cold faster',
    'which foods calm inflammation',
    'how do I make my immune system stronger',
    'is the flu worse than a cold',
  ])('refuses "%s"', (q) => {
    expect(engine.ask(q).answered).toBe(false);
  });

  it.each([
    'can selenium make my immune system stronger',
    'does selenium calm inflammation',
    'what is oxidative stress',
    'what do selenoproteins do',
    'what is this article about',
    'is there anything to read on vitamin c and immunity',
  ])('still answers "%s"', (q) => {
    expect(engine.ask(q).answered).toBe(true);
  });

  it.each([
    // "it" doing something is the article's subject, in a chat about one article.
    ['does it help against the flu', 'influenza'],
    ['can it fight off infections', null],
    // A bare topic asks what the article says about it.
    ['flu?', 'influenza'],
  ])('reads "%s" as about selenium', (q, entry) => {
    const answer = engine.ask(q);
    expect(answer.answered).toBe(true);
    if (entry) expect(answer.matchId).toBe(entry);
  });

  it.each(['is it a cold or the flu', 'treat a cold'])(
    'still refuses "%s" ("it" does nothing there; a short request for advice is still one)',
    (q) => {
      expect(engine.ask(q).answered).toBe(false);
    },
  );

  it('tells a pronoun subject from a pronoun that only stands there', () => {
    expect(pronounSubject(words('does it help with colds'))).toBe(true);
    expect(pronounSubject(words('can it prevent infections'))).toBe(true);
    expect(pronounSubject(words('should people with hiv take it'))).toBe(true);
    expect(pronounSubject(words('is it a cold'))).toBe(false);
    expect(pronounSubject(words('how do i know it is the flu'))).toBe(false);
  });

  it('reads "it" as the subject after a hedge, and as the object of an amount', () => {
    expect(pronounSubject(words('how is it supposed to stop a virus'))).toBe(true);
    expect(pronounSubject(words('does it really help'))).toBe(true);
    expect(pronounSubject(words('can it make me recover faster'))).toBe(true);
    expect(pronounSubject(words('how do i get enough of it'))).toBe(true);
    expect(pronounSubject(words('does it make sense to rest'))).toBe(false);
    expect(pronounSubject(words('is it really a cold'))).toBe(false);
    expect(pronounSubject(words('get rid of it fast'))).toBe(false);
  });

  it('reads "the pills" and "in there" as pointing at the article and its supplement', () => {
    expect(pointedSupplement(words('are the pills worth it'))).toBe(true);
    expect(pointedSupplement(words('do pills help immunity'))).toBe(false);
    expect(asksWhatArticleSays(words('anything about covid in there'))).toBe(true);
    expect(asksWhatArticleSays(words('is there any clinical research mentioned'))).toBe(true);
    expect(asksWhatArticleSays(words('is there a cure for the flu'))).toBe(false);
    expect(asksWhatArticleSays(words('what is the product they mention'))).toBe(true);
    expect(asksWhatArticleSays(words('is there research behind these claims'))).toBe(true);
    expect(asksWhatArticleSays(words('what does preventive mean here'))).toBe(true);
    expect(asksWhatArticleSays(words('what do they do for a cold'))).toBe(false);
  });

  it.each([
    ['anything about covid in there?', 'covid-19'],
    ['how is it supposed to stop a virus from getting into cells', 'virus-entry'],
    ['how do i make sure im getting enough of it', 'getting-enough-selenium'],
    ['are the pills actually worth it for immunity', null],
  ])('answers "%s" about the article\'s subject', (q, entry) => {
    const answer = engine.ask(q);
    expect(answer.answered).toBe(true);
    if (entry) expect(answer.matchId).toBe(entry);
  });

  it.each(['how do i get rid of a cold fast', 'does it make sense to rest with the flu', 'do pills help with colds'])(
    'still refuses the general question "%s"',
    (q) => {
      expect(engine.ask(q).answered).toBe(false);
    },
  );

  it('leaves what the article is asked to advise out of the off-topic check, not what Selene is asked', () => {
    expect(withoutArticleAdvice(words('does it recommend any brand'))).toEqual(['any', 'brand']);
    expect(withoutArticleAdvice(words('can you recommend any brand'))).toEqual(words('can you recommend any brand'));
    expect(engine.ask('does the article recommend any brands').answered).toBe(true);
    expect(engine.ask('can you recommend any brands of selenium').answered).toBe(false);
    expect(engine.ask('does the article recommend zinc').answered).toBe(false);
  });

  it('reads "according to this" as the article', () => {
    expect(engine.ask('selenium for covid, does it work according to this?').matchId).toBe('covid-19');
  });

  it('takes its anchors from the lexicon', () => {
    const q = 'what do selenoproteins do';
    const anchors = (kb.lexicon.anchors ?? []).filter((a) => !a.startsWith('seleno'));
    const without = createEngine({ ...kb, lexicon: { ...kb.lexicon, anchors } });
    expect(without.ask(q).answered).toBe(false);
  });
});

describe('lexicon groups', () => {
  const lexicon = () => compileLexicon(kb.lexicon);
  const terms = (text: string) => analyse(text, lexicon()).terms;

  it('keeps poor immunity, chemo and autoimmunity apart from being immunocompromised', () => {
    const immunocompromised = terms('immunocompromised');
    for (const text of ['poor immunity', 'weak immunity', 'low immunity', 'chemo', 'hiv', 'autoimmune'])
      expect(terms(text)).not.toEqual(immunocompromised);
  });

  it.each([
    ['dampen inflammation', 'reduce inflammation'],
    ['what jobs does selenium do', 'what functions does selenium do'],
    ['when selenium levels drop', 'selenium deficiency'],
    ['take selenium together with zinc', 'take selenium in combination with zinc'],
    ['is selenium needed everywhere in the body', 'is selenium needed in all tissues'],
    ['can i get it from what i eat', 'can i get it from diet'],
  ])('reads "%s" as "%s"', (a, b) => {
    expect(terms(a)).toEqual(terms(b));
  });

  it('does not read the stopword "like" as its look-alike "likely" (a risk)', () => {
    expect(terms('symptoms like fever')).not.toContain(terms('likely')[0]);
    expect(terms('is it likely')).toEqual(terms('risk'));
  });

  it.each([
    ['infections that keep coming back', 'repeated infections'],
    ['is selenium a miracle cure', 'does selenium help'],
    ['yaar does selenium help inflammation genau', 'does selenium help inflammation'],
    ['what does it actually do in the body', 'what function does it have in the body'],
  ])('reads everyday "%s" as "%s"', (a, b) => {
    expect(terms(a).sort()).toEqual(terms(b).sort());
  });

  it('drops chat filler: "my mom says", "or nah"', () => {
    expect(terms('my mom says selenium boosts immunity or nah')).toEqual(terms('selenium boosts immunity'));
  });
});

describe('real words are not repaired into knowledge-base words', () => {
  it('keeps a word it is told to keep, and repairs it otherwise', () => {
    const vocabulary = ['optimal', 'lacking', 'selenium'];
    expect(createTypoCorrector(vocabulary).correct('optional')).toBe('optimal');
    expect(createTypoCorrector(vocabulary, { keep: ['optional'] }).correct('optional')).toBe('optional');
  });

  it('reads "optional" as asking whether selenium is essential, not about optimal amounts', () => {
    const answer = engine.ask('is selenium optional for the body');
    expect(answer.answered).toBe(true);
    // Either entry that says the body needs it answers; the amounts entry ("optimal") would not.
    expect(['what-is-selenium', 'why-we-need-selenium']).toContain(answer.matchId);
  });

  it('does not read research "backing" a claim as "lacking" selenium', () => {
    const answer = engine.ask('is there research backing selenium for immunity');
    expect(answer.answered).toBe(true);
    expect(answer.matchId).not.toMatch(/deficiency/);
  });

  it('lists single words as the normaliser writes them, so each can match a typed word', () => {
    for (const w of kb.lexicon.realWords ?? []) expect(words(normaliseText(w))).toEqual([w]);
  });
});

describe('who an amount is for', () => {
  it('a pregnant woman, a baby or an elderly person does not hide a selenium question', () => {
    for (const q of ['how much selenium should a pregnant woman get', 'is selenium safe during pregnancy']) {
      const answer = engine.ask(q);
      expect(answer.answered, q).toBe(true);
      expect(answer.safety, q).not.toBeNull();
    }
  });

  it('nor makes a general health question about them one the article answers', () => {
    for (const q of [
      'what should I eat during pregnancy',
      'is it safe to exercise while pregnant',
      'can babies get the flu',
      'best vitamins for elderly people',
    ])
      expect(engine.ask(q).answered, q).toBe(false);
  });
});
