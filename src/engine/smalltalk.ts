import type { KnowledgeBase } from '../knowledge/types.js';
import { DISCLAIMER } from './answer.js';
import { type Normalise, normaliseText, words } from './normalise.js';
import { type Pleasantry, pleasantry } from './segment.js';
import type { Answer, Suggestion } from './types.js';
import { ABOUT_BOT, MAX_SEGMENT_SCAN } from './vocabulary.js';

// Small talk: greetings, thanks and questions about Selene get a short friendly reply that says what it
// does and offers topics. Only a message made of nothing else counts, so a real question, spam or an
// instruction to the bot ("ignore your rules") never lands here: it goes through the matcher and scope.

export type SmallTalk = Pleasantry | 'about';

/** Messages longer than this are never small talk. */
const MAX_SMALL_TALK_WORDS = 12;

const ABOUT_ONLY = new RegExp(`^(?:selene )?(?:${ABOUT_BOT.source})(?: selene)?$`);

/** Greeting, thanks or a question about Selene, when that is all the message is; null otherwise. */
export function detectSmallTalk(message: string, normalise: Normalise = normaliseText): SmallTalk | null {
  const ws = words(normalise(message.slice(0, MAX_SEGMENT_SCAN)));
  if (!ws.length || ws.length > MAX_SMALL_TALK_WORDS) return null;
  const kind = pleasantry(ws);
  if (kind) return kind;
  // "hi selene, what can you do?" and "what are you? thanks": pleasantries around a question about Selene.
  let from = 0;
  while (from < ws.length && pleasantry([ws[from] as string])) from++;
  // Trailing pleasantries come off one at a time ("are you a bot" ends in one, "bot", that belongs to it).
  for (let to = ws.length; to > from; to--) {
    if (ABOUT_ONLY.test(ws.slice(from, to).join(' '))) return 'about';
    if (!pleasantry([ws[to - 1] as string])) break;
  }
  return null;
}

/** The reply: a short friendly line, what Selene does (the article by name), and topics to try. */
export function smallTalkAnswer(kind: SmallTalk, kb: KnowledgeBase, suggestions: Suggestion[]): Answer {
  const what = `I answer questions about the article “${kb.article.title}” (${kb.article.publisher}) with quotes from it, and I can look up how much selenium is in a food.`;
  const opener =
    kind === 'thanks'
      ? 'Glad I could help!'
      : kind === 'about'
        ? "I'm Selene, a bot (not a person, not a doctor)."
        : "Hi! I'm Selene.";
  return {
    answered: false,
    confidence: 0,
    text: `${opener} ${what} Ask me anything the article covers, or try one of these.`,
    citations: [],
    suggestions,
    disclaimer: DISCLAIMER,
    route: 'smalltalk',
    matchId: null,
    safety: null,
    evidence: [],
    followUpOf: null,
  };
}
