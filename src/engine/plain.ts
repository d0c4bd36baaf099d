import type { Answer } from './types.js';
import { PLAIN_REQUEST } from './vocabulary.js';

// Plain-language requests: "ELI5", "in normal words", "keep it short". The article's words cannot be
// rewritten (every claim is a verbatim quote), so the short form is the one quote that answers best.

/** The message without its plain-language request, and whether it had one. */
export function plainRequest(message: string): { rest: string; plain: boolean } {
  const rest = message.replace(PLAIN_REQUEST, ' ');
  return rest === message ? { rest: message, plain: false } : { rest: rest.replace(/\s+/g, ' ').trim(), plain: true };
}

/** The short form of an entry answer: its first quote alone; other answers are already short. */
export function shortForm(answer: Answer): Answer {
  const first = answer.citations.find((c) => c.kind === 'quote');
  if (!answer.answered || answer.route !== 'entry' || answer.parts || !first) return answer;
  return {
    ...answer,
    text: `In short, the article says: “${first.quote}”`,
    citations: [first],
    evidence: [],
  };
}
