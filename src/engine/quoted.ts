import { normaliseText } from './normalise.js';
import { MAX_SENTENCE_SCAN } from './vocabulary.js';

// A member quoting the article ("what does 'abolish the infectivity' mean?") names the passage exactly:
// the quoted words decide the topic, and the question is about the article, not general health.

/** Text between quotation marks: straight or curly, single or double (an apostrophe inside a word is not one). */
const QUOTED = /(?:^|[\s(])["“'‘]([^"“”'‘’\n]{3,120})["”'’](?=$|[\s.,;:!?)])/g;
/** A quoted phrase shorter than this many words could be anything ("'good'"); longer ones are the article's. */
const MIN_QUOTED_WORDS = 2;

/** The phrases a message quotes that the article itself says, normalised (the article's text padded with spaces). */
export function quotedFromArticle(message: string, articleText: string): string[] {
  const found: string[] = [];
  for (const m of message.slice(0, MAX_SENTENCE_SCAN).matchAll(QUOTED)) {
    const phrase = normaliseText(m[1] ?? '');
    if (phrase.split(' ').length >= MIN_QUOTED_WORDS && articleText.includes(` ${phrase} `)) found.push(phrase);
  }
  return found;
}
