import { pointsBackAt } from './follow-up-cues.js';

// "What does it protect against" after "tell me about selenium": when the last question was about selenium
// and nothing else, "it" can only be selenium, so the follow-up is read with selenium in its place and
// answered as the question it stands for ("what does selenium protect against").

/** Pronouns that stand for one thing (selenium), as opposed to "them"/"they" (several). */
const SINGULAR = new Set(['it', 'its', 'this', 'that']);

/**
 * The message (normalised words) with each singular pronoun that points back replaced by `subject`, or
 * null when none does.
 */
export function withSubject(words: readonly string[], subject: string): string | null {
  let replaced = false;
  const out = words.map((w, i) => {
    if (!SINGULAR.has(w) || !pointsBackAt(words, i)) return w;
    replaced = true;
    return subject;
  });
  return replaced ? out.join(' ') : null;
}
