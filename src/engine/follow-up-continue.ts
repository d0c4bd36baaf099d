// A bare continuation ("and?", "go on", "keep going", "more pls", "next"): the member has read the last
// answer and wants what comes after it. Every quote of a topic is already in its answer, so what comes
// next is the nearest related topic the conversation has not had (follow-up.ts resolves it).

/** Words a bare continuation is made of; "tell me more" asks for more of the same answer, not the next. */
const CONTINUATION_WORDS = new Set('and more go on keep going continue next then'.split(' '));
/** Words that may stand beside them without asking anything else. */
const POLITE_WORDS = new Set('please pls plz so ok okay um uh hmm'.split(' '));

/** Whether a message (its words as typed, lower case) is nothing but a continuation. */
export function continues(typed: readonly string[]): boolean {
  const asked = typed.filter((w) => !POLITE_WORDS.has(w));
  if (!asked.length || !asked.every((w) => CONTINUATION_WORDS.has(w))) return false;
  // "go" or "keep" alone asks nothing ("ok go"); "on" or "then" alone neither.
  return (
    asked.some((w) => w === 'and' || w === 'more' || w === 'continue' || w === 'next') ||
    asked.join(' ').match(/\b(go on|keep going)\b/) !== null
  );
}
