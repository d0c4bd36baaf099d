import { describe, expect, it } from 'vitest';
import {
  analyse,
  compileLexicon,
  findOutOfScope,
  MAX_QUERY_CHARS,
  normaliseText,
  stem,
  words,
} from '../../src/engine/normalise.js';
import { createTypoCorrector, editDistance } from '../../src/engine/typos.js';
import { loadProjectKnowledge } from './answer-schema.js';

const lexicon = compileLexicon({
  synonyms: [
    ['influenza', 'flu', 'the flu'],
    ['covid', 'covid 19', 'coronavirus', 'sars cov 2'],
    ['vitamin c', 'ascorbic acid'],
    ['deficiency', 'lack', 'not enough'],
    ['upper limit', 'too much'],
  ],
  outOfScope: ['zinc', 'vitamin d', 'webdriver'],
});

describe('normaliseText', () => {
  it('folds case, width and accents', () => {
    expect(normaliseText('SÉLÉNIUM')).toBe('selenium');
    expect(normaliseText('ｓｅｌｅｎｉｕｍ')).toBe('selenium');
    expect(normaliseText('Crème brûlée')).toBe('creme brulee');
  });

  it('removes zero-width and bidi marks inside words instead of splitting them', () => {
    expect(normaliseText('sele\u200bnium')).toBe('selenium');
    expect(normaliseText('\u202eselenium\u202c \u200fimmunity\u2066')).toBe('selenium immunity');
    expect(normaliseText('\ufeffselenium')).toBe('selenium');
  });

  it('turns control characters and punctuation into single spaces', () => {
    expect(normaliseText('selenium\u0000and\tthe\nflu?!')).toBe('selenium and the flu');
    expect(normaliseText('  what -- is ... selenium  ')).toBe('what is selenium');
  });

  it('splits digits from letters so covid19 and covid-19 meet', () => {
    expect(normaliseText('covid19')).toBe(normaliseText('COVID-19'));
    expect(normaliseText("don't")).toBe('dont');
  });

  it('caps the length on a word boundary', () => {
    const long = 'selenium '.repeat(2000);
    const out = normaliseText(long);
    expect(out.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(words(out).every((w) => w === 'selenium')).toBe(true);
  });

  it('returns an empty string for text without letters or digits', () => {
    expect(normaliseText('?!… 🙂 \u200b')).toBe('');
    expect(words('')).toEqual([]);
  });
});

describe('stem', () => {
  it('gives plural and inflected forms the same stem', () => {
    expect(stem('infections')).toBe(stem('infection'));
    expect(stem('infected')).toBe(stem('infection'));
    // Porter2 leaves "infectious" as "infecti": knowledge/lexicon.json's infection group joins those.
    expect(stem('boosting')).toBe(stem('boost'));
    expect(stem('regulation')).toBe(stem('regulates'));
    expect(stem('immunity')).toBe(stem('immune'));
    expect(stem('viruses')).toBe(stem('virus'));
    expect(stem('cells')).toBe(stem('cell'));
    expect(stem('antioxidants')).toBe(stem('antioxidant'));
    expect(stem('supplementation')).toBe(stem('supplements'));
  });

  it('with the project lexicon, gives every form of "infection" one term', () => {
    const project = compileLexicon(loadProjectKnowledge().lexicon);
    const term = (w: string) => analyse(w, project).terms;
    for (const w of ['infectious', 'infected', 'infections', 'infect']) expect(term(w)).toEqual(term('infection'));
  });

  it('leaves short words, words ending in -us/-ss and numbers alone', () => {
    expect(stem('flu')).toBe('flu');
    expect(stem('virus')).toBe('virus');
    expect(stem('stress')).toBe('stress');
    expect(stem('2018')).toBe('2018');
  });
});

describe('synonyms', () => {
  const terms = (s: string) => analyse(s, lexicon).terms;

  it('maps every term of a group to the same canonical tokens', () => {
    expect(terms('the flu')).toEqual(terms('influenza'));
    expect(terms('COVID-19')).toEqual(terms('coronavirus'));
    expect(terms('SARS-CoV-2')).toEqual(terms('covid'));
    expect(terms('ascorbic acid')).toEqual(terms('vitamin c'));
  });

  it('matches phrases that contain stopwords before dropping them', () => {
    expect(terms('not enough selenium')).toEqual(terms('selenium deficiency').reverse());
    expect(terms('too much selenium')).toContain(terms('upper limit')[0]);
  });

  it('drops stopwords and single letters but keeps content words in order', () => {
    expect(terms('what is the role of selenium in w/ immunity?')).toEqual(['role', 'selenium', stem('immunity')]);
  });

  it('ignores ids and pasted mentions but keeps years and small numbers', () => {
    expect(terms('<@123456789012345678> selenium')).toEqual(['selenium']);
    expect(terms('world cup 2018')).toContain('2018');
  });

  it('drops filler idioms and a closing "right", but keeps their words elsewhere', () => {
    expect(terms('can selenium stop the flu in the first place')).toEqual(terms('can selenium stop the flu'));
    expect(terms('does selenium help covid by any chance, if that makes sense')).toEqual(terms('selenium help covid'));
    expect(terms('the article says selenium helps the flu, right')).toEqual(
      terms('the article says selenium helps the flu'),
    );
    expect(terms('what is the first place selenium goes')).toContain('first');
    expect(terms('the right amount of selenium')).toContain('right');
  });

  it('finds out-of-scope phrases, including multi-word ones', () => {
    const oos = (s: string) => findOutOfScope(analyse(s, lexicon).stems, lexicon);
    expect(oos('does zinc help with colds')).toEqual(['zinc']);
    expect(oos('how much vitamin D should I take')).toEqual(['vitamin d']);
    expect(oos('vitamin c and immunity')).toEqual([]);
  });
});

describe('typo tolerance', () => {
  const corrector = createTypoCorrector(['selenium', 'system', 'inflammation', 'immune', 'antioxidant', 'could']);

  it('repairs misspelt words to known vocabulary', () => {
    expect(corrector.correct('selenum')).toBe('selenium');
    expect(corrector.correct('sistem')).toBe('system');
    expect(corrector.correct('inflamation')).toBe('inflammation');
    expect(corrector.correct('imune')).toBe('immune');
    expect(corrector.correct('antioxidnat')).toBe('antioxidant');
  });

  it('leaves short words, unrelated words and stopword look-alikes alone', () => {
    expect(corrector.correct('cold')).toBe('cold');
    expect(corrector.correct('laptop')).toBe('laptop');
    expect(corrector.correct('weather')).toBe('weather');
  });

  it('counts a transposition as one edit', () => {
    expect(editDistance('slelenium', 'selenium', 2)).toBe(1);
    expect(editDistance('abc', 'abc', 0)).toBe(0);
    expect(editDistance('abcdef', 'ghijkl', 2)).toBe(3);
  });
});
