import type { MatchIndex } from './match-index.js';
import type { Answer } from './types.js';

// What the conversation may never do to a message: make it answered with something the message itself
// did not ask for. The follow-up stage adds a topic only to a message that names none; these say when a
// message names one after all, in ways its terms alone do not show.

/**
 * People and places one goes to for care ("can you recommend a doctor", "what about a dentist"). The matcher
 * reads "doctor" as a light word (it is part of many stories: "my doctor says..."), but a follow-up asking
 * about one of them asks about something the article never covers, not about the last answer.
 */
export const CARE_WORDS: ReadonlySet<string> = new Set(
  `doctor doctors dr doc gp physician physicians dentist dentists nurse nurses pharmacist pharmacists pharmacy
therapist therapists specialist specialists hospital hospitals clinic clinics naturopath nutritionist nutritionists
dietitian dietitians dietician endocrinologist immunologist oncologist cardiologist dermatologist psychiatrist
surgeon vet`.split(/\s+/),
);

/** Whether a follow-up's words (the question part, story set aside) ask about someone to see for care. */
export const asksForCare = (words: readonly string[]): boolean => words.some((w) => CARE_WORDS.has(w));

/**
 * A follow-up's answer the conversation may give: another article's link (route 'related') only when the
 * message alone was answered with that same link. A message with no subject of its own is about this
 * article ("what does it protect against" is about selenium, not the vitamin C article whose title says
 * "protect against"), and one whose own subject the article does not explain ("is anxiety safe" after an
 * answer) must not be carried to a link that shares a word with it.
 */
export const keepsToArticle = (answer: Answer, alone: Answer): boolean =>
  answer.route !== 'related' || (alone.answered && alone.matchId === answer.matchId);

/** Words after which an unknown word is an amount's verb or unit ("to hit", "per 100g"), not a subject. */
const AMOUNT_LINKS = new Set(['to', 'per']);

/**
 * Whether a follow-up of a food may be read as an amount of that food, given its own terms are all the
 * food frame's ("cups", "servings", "eat") or unknown: each word the knowledge base never uses must be the
 * amount's verb or unit ("how many cups to hit the daily amount", "what about per 100g"). Any other unknown
 * word is the message's own subject: "is lupus safe", "how much coffee should i take" after brazil nuts.
 */
export const amountOfFood = (words: readonly string[], unknown: (w: string) => boolean): boolean =>
  words.every((w, i) => !unknown(w) || /\d/.test(w) || AMOUNT_LINKS.has(words[i - 1] ?? ''));

/**
 * After a food, a follow-up naming something the knowledge base knows that is neither the food frame's nor
 * one of its topics ("is anxiety safe", "can i take it with depression": words of a related article's
 * title) names a subject of its own; read with the food it would be answered as the food's amount.
 */
export const namesOtherThanFood = (own: readonly string[], ofFood: (t: string) => boolean): boolean =>
  own.some((t) => !ofFood(t));

/**
 * The subjects only another article is about: terms of a related link's title and keywords that no entry
 * of this article uses ("depression", "anxiety", "mood"). A follow-up naming one is about that subject,
 * which this article does not cover: the conversation never carries it into scope ("is anxiety safe"
 * after an answer), only the link itself answers it, when the message alone is answered with it.
 */
export function otherArticleSubjects(index: MatchIndex): ReadonlySet<string> {
  const ours = new Set(index.docs.filter((d) => d.kind === 'entry').flatMap((d) => [...d.fields.keys()]));
  return new Set(
    index.docs.filter((d) => d.kind === 'related').flatMap((d) => [...d.keyTerms].filter((t) => !ours.has(t))),
  );
}
