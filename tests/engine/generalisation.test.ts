import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.js';
import { analyse, compileLexicon, expandShorthand, STOPWORDS } from '../../src/engine/normalise.js';
import type { Engine } from '../../src/engine/types.js';
import { createTypoCorrector } from '../../src/engine/typos.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// Behaviour that must hold for phrasings nobody curated: chatty wrapping, chat shorthand, short typos,
// amounts of other substances, and topics that answer themselves.

let kb: KnowledgeBase;
let engine: Engine;

beforeAll(() => {
  kb = loadProjectKnowledge();
  engine = createEngine(kb);
});

describe('chatty questions', () => {
  it.each([
    ['what are selenoproteins', 'Good morning, quick question from a long-time lurker: what are selenoproteins?'],
    [
      'does selenium help the immune system',
      "Hello! I've been reading a lot lately and I was just wondering, honestly, does selenium actually help the immune system or is that a myth?",
    ],
    [
      'does selenium reduce inflammation',
      'hi all, curious about something I saw on youtube. does selenium reduce inflammation?',
    ],
  ])('answers a wrapped question like its plain form ("%s")', (plain, chatty) => {
    const expected = engine.ask(plain);
    expect(expected.answered).toBe(true);
    const a = engine.ask(chatty);
    expect(a.answered).toBe(true);
    expect(a.matchId).toBe(expected.matchId);
  });

  it('does not answer a message of greetings and filler alone', () => {
    for (const q of ['good morning everyone', 'hey, quick question', 'thx, appreciate it'])
      expect(engine.ask(q).answered).toBe(false);
  });

  it('does not let a sentence that names nothing pick the topic', () => {
    const a = engine.ask('not getting enough selenium. does it matter?');
    expect(a.matchId).toBe(engine.ask('not getting enough selenium').matchId);
  });
});

describe('chat shorthand', () => {
  it('expands common shorthand and leaves other words alone', () => {
    expect(['wat', 'wtf', 'r', 'u', 'ur', 'abt', 'y', 'bc'].map(expandShorthand)).toEqual([
      'what',
      'what',
      'are',
      'you',
      'your',
      'about',
      'why',
      'because',
    ]);
    expect(expandShorthand('selenium')).toBe('selenium');
  });

  it('expands to stopwords, so shorthand scaffolding weighs nothing', () => {
    for (const short of ['wat', 'r', 'u', 'ur', 'abt', 'pls', 'thx', 'y', 'bc'])
      expect(STOPWORDS.has(expandShorthand(short))).toBe(true);
  });

  it('answers shorthand questions like their spelt-out forms', () => {
    expect(engine.ask('wat r selenoprotiens').matchId).toBe(engine.ask('what are selenoproteins').matchId);
    expect(engine.ask('y do we need selenium').matchId).toBe(engine.ask('why do we need selenium').matchId);
    expect(engine.ask('cn selenium help w/ covd').matchId).toBe(engine.ask('can selenium help with covid').matchId);
  });
});

describe('four-letter typos', () => {
  const corrector = createTypoCorrector(['covid', 'virus', 'risk', 'data', 'immune'], {
    domain: ['covid', 'virus', 'risk', 'data'],
  });

  it('repairs a missing letter or a swap into a domain word', () => {
    expect(corrector.correct('covd')).toBe('covid');
    expect(corrector.correct('vius')).toBe('virus');
    expect(corrector.correct('rsik')).toBe('risk');
  });

  it('does not turn one real word into another by substitution', () => {
    expect(corrector.correct('rise')).toBe('rise');
    expect(corrector.correct('date')).toBe('date');
    // Different first letter: not a typo of "covid".
    expect(corrector.correct('ovid')).toBe('ovid');
  });

  it('gives the same repairs with a tiny cache as with none evicted', () => {
    const small = createTypoCorrector(['selenium', 'covid', 'inflammation'], { domain: ['covid'], cacheSize: 1 });
    for (let pass = 0; pass < 3; pass++) {
      expect(small.correct('selenum')).toBe('selenium');
      expect(small.correct('covd')).toBe('covid');
      expect(small.correct('inflamation')).toBe('inflammation');
    }
  });
});

describe('clipped words', () => {
  it('completes a clipped word to the one concept it begins', () => {
    const corrector = createTypoCorrector(['antioxidant', 'antioxidants', 'antibody', 'bacteria', 'bacterial'], {
      family: (w) => (w.startsWith('bacteri') ? 'bacteria' : w.replace(/s$/, '')),
    });
    expect(corrector.correct('antiox')).toBe('antioxidant');
    expect(corrector.correct('bacter')).toBe('bacteria');
  });

  it('leaves a clip that begins several concepts alone', () => {
    const corrector = createTypoCorrector(['immunology', 'immunosuppressed']);
    expect(corrector.correct('immuno')).toBe('immuno');
  });

  it('answers clipped questions like their full forms', () => {
    expect(engine.ask('is selenium an antiox').matchId).toBe(engine.ask('is selenium an antioxidant').matchId);
  });
});

describe('lay paraphrases reach their topic', () => {
  const lexicon = () => compileLexicon(kb.lexicon);
  it('maps lay wording of deficiency onto the deficiency term', () => {
    const deficiency = analyse('selenium deficiency', lexicon()).terms;
    for (const q of ['my selenium is low', 'I am lacking selenium', 'not getting enough selenium', 'short on selenium'])
      expect(analyse(q, lexicon()).terms).toEqual(expect.arrayContaining(deficiency));
  });

  it('answers lay deficiency questions from the entry the plain question reaches', () => {
    const plain = engine.ask('selenium deficiency');
    expect(plain.answered).toBe(true);
    for (const q of ['my selenium levels are low', 'what if I am lacking selenium', 'I am deficient in selenium']) {
      const a = engine.ask(q);
      expect(a.answered).toBe(true);
      expect(a.citations.map((c) => c.quote).join(' ')).toMatch(/deficiency|low level/i);
    }
  });
});

describe('amounts of other substances', () => {
  it.each([
    'how much caffeine is too much',
    'how much sugar is too much',
    'whats the max amount of coffee per day',
    'how much water should I drink a day',
  ])('refuses "%s"', (q) => {
    expect(engine.ask(q).answered).toBe(false);
  });

  it('still answers the same shapes about selenium, or with no substance named', () => {
    for (const q of [
      'how much selenium is too much',
      'what is the max amount of selenium per day',
      'how much is too much',
    ])
      expect(engine.ask(q).answered).toBe(true);
  });
});

describe('ranking', () => {
  it('prefers a topic entry to the promotional product entry unless the product is asked about', () => {
    const product = kb.entries.find((e) => e.keywords.some((k) => k.toLowerCase() === 'product'));
    expect(product).toBeDefined();
    for (const q of ['should I take selenium supplements for covid?', 'do selenium supplements help immunity'])
      expect(engine.ask(q).matchId).not.toBe(product?.id);
    expect(engine.ask('what is biopro-plus').matchId).toBe(product?.id);
  });
});

describe('topics', () => {
  it('answers every topic with that topic when its question is asked (what "did you mean" buttons do)', () => {
    for (const topic of engine.topics()) {
      const a = engine.ask(topic.question);
      expect({ id: topic.id, match: a.matchId }).toEqual({ id: topic.id, match: topic.id });
    }
  });

  it('gives suggestions whose questions lead to them', () => {
    const a = engine.ask('tell me about selenium and germs and milk and the flu and my cat');
    for (const s of a.suggestions) expect(engine.ask(s.question).matchId).toBe(s.id);
  });
});

describe('safety line', () => {
  it('reads without nested brackets', () => {
    const safety = engine.ask('should I take selenium supplements?').safety ?? '';
    expect(safety).toContain(String(kb.facts.upperLimit.adultMcg));
    let depth = 0;
    let deepest = 0;
    for (const ch of safety) {
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      deepest = Math.max(deepest, depth);
    }
    expect(deepest).toBeLessThanOrEqual(1);
    expect(depth).toBe(0);
  });
});
