import { statedAge } from './ages.js';
import { followUpCues, neutral } from './follow-up-cues.js';
import type { Evidence } from './follow-up-evidence.js';
import { CARE_WORDS } from './follow-up-guards.js';
import type { Neighbourhood } from './follow-up-neighbours.js';
import { BACK_REFERENCES, DEMONSTRATIVES } from './vocabulary.js';

// Follow-ups that name a word or two and still lean on the conversation for their subject. Read alone they
// name neither selenium nor anything only the article speaks of, so the single-message stage refuses them as
// general health questions ("what did the studies show", "even for older people?"); after an answer, the
// conversation's subject stands in for the missing one. Two shapes, each resolved its own way (follow-up.ts):
// - findings: the studies, the researchers or what "they" found, and nothing else named: the evidence behind
//   the last answer (follow-up-evidence.ts);
// - a group: "even for older people?", "and in people with a weak immune system?": the last topic narrowed to
//   those people, the group's known words choosing a neighbour when one fits them better.
// A message with a subject of its own ("and zinc?", "what causes a cold", "for dogs?") is neither.

/** Nouns of research and its results: "what did the studies show", "what do researchers say". */
export const FINDING_NOUNS: ReadonlySet<string> = new Set(
  `research researcher researchers study studies scientist scientists trial trials experiment experiments finding
findings result results data evidence`.split(/\s+/),
);

/** Verbs of what research found: with "they" ("what did they find"), a question about findings. */
export const FINDING_VERBS: ReadonlySet<string> = new Set(
  'find found discover discovered show showed shown prove proved reveal revealed conclude concluded'.split(' '),
);

/** Words that name a group of people: the head of "for older people", "in pregnant women", "for athletes". */
export const GROUP_WORDS: ReadonlySet<string> = new Set(
  `people person persons someone somebody anyone anybody folks those adult adults kid kids child children teen teens
teenager teenagers elderly senior seniors baby babies infant infants toddler toddlers woman women man men mother
mothers patient patients athlete athletes vegan vegans vegetarian vegetarians smoker smokers`.split(/\s+/),
);

/** Words a narrowing may open with before its preposition ("and even for", "what about in", "how about for"). */
const OPENERS = new Set('and but so even also or plus ok okay then what how about just especially'.split(' '));
/** Prepositions that narrow the last claim to a group ("for kids", "in older people", "among smokers"). */
const NARROWING = new Set(['for', 'in', 'with', 'among']);
/** Words that start a question of its own after a group ("for kids, is it safe"); "who" and "with" do not. */
const OWN_QUESTION_WORDS = new Set('what how why when where is are does do can could should would will did'.split(' '));
/** A group is named within this many words after its preposition ("for very old frail people"). */
const GROUP_REACH = 4;
/** Longer than this, a message says too much to be only a narrowing or a question about findings. */
const MAX_LEANING_WORDS = 10;

export type Leaning =
  /** "what did the studies show", "what did they find": the evidence behind the last answer. */
  | { kind: 'findings' }
  /** "even for older people?": the last topic for that group; `rest`: the words after its head. */
  | { kind: 'group'; rest: readonly string[] };

/**
 * How a message (normalised words) leans on the conversation, or null when it does not in these ways.
 * Reads words only: whether what remains names anything off-topic is the caller's to check.
 */
export function leaning(words: readonly string[]): Leaning | null {
  if (!words.length || words.length > MAX_LEANING_WORDS) return null;
  if (asksFindings(words)) return { kind: 'findings' };
  return narrowsToGroup(words);
}

/**
 * Nothing but words of asking and of research ("what do the researchers say", "any studies on that?"), with a
 * research noun, or a finding verb with "they" ("what did they find").
 */
export function asksFindings(words: readonly string[]): boolean {
  if (!words.every((w) => FINDING_NOUNS.has(w) || FINDING_VERBS.has(w) || neutral(w))) return false;
  if (words.some((w) => FINDING_NOUNS.has(w))) return true;
  return words.some((w) => FINDING_VERBS.has(w)) && words.some((w) => BACK_REFERENCES.has(w) || DEMONSTRATIVES.has(w));
}

/**
 * "even for older people?", "and in people with a weak immune system?", "how about for athletes": openers,
 * a narrowing preposition, then a group of people within a few words. The group's head and what precedes it
 * are the group; the words after it ("with a weak immune system") are returned to be read.
 */
export function narrowsToGroup(words: readonly string[]): Leaning | null {
  let at = 0;
  while (at < words.length && OPENERS.has(words[at] as string)) at += 1;
  if (!NARROWING.has(words[at] ?? '')) return null;
  const head = words.slice(at + 1, at + 1 + GROUP_REACH).findIndex((w) => GROUP_WORDS.has(w));
  if (head < 0) return null;
  const rest = words.slice(at + 2 + head);
  // "in people with low selenium, what happens to immunity?": a question of its own after the group.
  return rest.some((w) => OWN_QUESTION_WORDS.has(w)) ? null : { kind: 'group', rest };
}

/** Who a hypothetical is about: the member, or anyone ("and if you don't get enough?", "what if my levels are low"). */
const PERSONAL = new Set('you u i im ive we someone somebody your ur my one'.split(' '));
/** Words a hypothetical may open with before its "if" ("and if", "what if", "but even if"). */
const IF_OPENERS = new Set('and but so even what then ok okay or also'.split(' '));

/**
 * "and if you don't get enough?", "what if my levels are low": a hypothetical about the member whose object
 * is left to the conversation (selenium, the one subject of a chat about this article).
 */
export function hypothetical(words: readonly string[]): boolean {
  if (words.length > MAX_LEANING_WORDS) return false;
  let at = 0;
  while (at < words.length && IF_OPENERS.has(words[at] as string)) at += 1;
  return words[at] === 'if' && PERSONAL.has(words[at + 1] ?? '');
}

export interface Leanings {
  /**
   * The topic a message (normalised words) leaning on the last answer `last` is about, or null when it
   * does not lean on it. `asked`: the last question's own terms, read only when needed.
   */
  choose(last: string, asked: () => readonly string[], words: readonly string[]): string | null;
}

/**
 * `termsOf`: a text's terms as the matcher reads it; `known`: the terms the knowledge base uses. Findings:
 * the evidence behind the last answer (follow-up-evidence.ts), else the last answer. A group: the neighbour
 * the group's own words fit far better ("for people with a weak immune system"), else the last topic.
 */
export function createLeaning(
  evidence: Evidence,
  neighbours: Neighbourhood,
  termsOf: (text: string) => string[],
  known: ReadonlyMap<string, unknown>,
): Leanings {
  return {
    choose(last, asked, words) {
      const lean = leaning(words);
      if (!lean) return null;
      if (lean.kind === 'findings') {
        // After a question of research alone ("does the article cite research"), what that research found.
        const terms = asked();
        const found = terms.length ? evidence.choose(last, neighbours.links(last), terms) : null;
        return found ?? (terms.length ? null : evidence.findings(last, neighbours.links(last))) ?? last;
      }
      // "for kids?", "and for teens? im 15": an amount for them, read with the last question (follow-up.ts).
      if (statedAge(words) !== null || (words.every(neutral) && followUpCues(words).amount)) return null;
      // "for people in hospital", "for patients at the clinic": where the group is cared for says who they
      // are, not a subject of its own (asked alone, "should I go to hospital" is refused: follow-up-guards.ts).
      const rest = termsOf(lean.rest.filter((w) => !CARE_WORDS.has(w)).join(' '));
      // "for people who drink coffee": what the group does or has is a subject the article never speaks of.
      if (rest.some((t) => !known.has(t))) return null;
      return neighbours.toward(last, rest) ?? last;
    },
  };
}
