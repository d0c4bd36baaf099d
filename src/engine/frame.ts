// Words that point at the article rather than at a topic: "according to this article", "does the article
// mention", "how many times". In a chat about one article every question is about the article, so such
// framing says nothing about which part of it is asked; left in, its rare words ("according") weigh as
// much as the topic and sink an otherwise clear question.

/** What the article is called in a question. */
const DOCUMENT = '(?:article|page|post|text|piece|blog|author|writer)';
/** What the article does with a topic. */
const REPORTING =
  '(?:say|says|said|saying|mention|mentions|mentioned|claim|claims|claimed|state|states|stated|suggest|suggests|suggested|talk about|talks about|discuss|discusses|cover|covers|report|reports|note|notes|write|writes|wrote|tell us|tells us|think|thinks|argue|argues|explain|explains|cite|cites|cited|reference|references|referenced|bring up|brings up|brought up|touch on|touches on|go into|goes into|rely on|relies on|lean on|leans on|draw on|draws on)';
const DETERMINER = '(?:the|this|that|your|ur)';

/** Framing phrases, matched on whole normalised words. */
const FRAME = new RegExp(
  [
    `according to (?:${DETERMINER} )?${DOCUMENT}s?`,
    `(?:in|from|within|by) ${DETERMINER} ${DOCUMENT}`,
    `(?:(?:does|do|did) )?${DETERMINER} ${DOCUMENT} ${REPORTING}`,
    `(?:which|what) (?:section|part|paragraph)s? (?:of ${DETERMINER} ${DOCUMENT} )?${REPORTING}`,
    'how many times',
    'how often does',
  ]
    .map((p) => `(?:^| )(?:${p})(?= |$)`)
    .join('|'),
  'g',
);

/**
 * The words of a question with its article-referring framing removed ("how many times does the article
 * mention covid" -> "covid"), or null when it has none. The caller decides whether what is left still
 * asks something: "what does the article say" is nothing but its frame.
 */
export function withoutFrame(words: readonly string[]): string[] | null {
  const text = words.join(' ');
  const stripped = text.replace(FRAME, ' ');
  if (stripped === text) return null;
  return stripped.split(' ').filter((w) => w.length > 0);
}
