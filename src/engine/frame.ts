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
/** Who a member asks the article to agree with, or says is right ("back him up", "is she right"). */
const CLAIMANT = '(?:him|her|them|me|us|that|this|it|he|she|they|i|we)';
/** How a member reports what someone else claims ("swears", "keeps saying", "is convinced"). */
const CLAIMING =
  '(?:says|said|swears|swore|insists|insisted|claims|claimed|reckons|reckoned|thinks|thought|believes|believed|keeps saying|kept saying|always says|is convinced|was convinced|told me|told us|tells me|tells us|is sure|keeps telling me)';

/** Framing phrases, matched on whole normalised words. */
const FRAME = new RegExp(
  [
    // "is it written in this article", "in the article is written": where it is written, not what. First,
    // so that "in the article" alone does not take the phrase and leave "written" to weigh as a topic.
    `(?:(?:is|was) (?:it |this |that )?)?(?:written|stated|printed) (?:in|within|by) ${DETERMINER} ${DOCUMENT}`,
    `(?:in|within) ${DETERMINER} ${DOCUMENT} (?:(?:it )?(?:is|was) )?(?:written|stated|printed)`,
    `(?:according to|as per) (?:${DETERMINER} )?${DOCUMENT}s?`,
    // "does it work according to this?": "this" alone is the article.
    'according to (?:this|that|it)(?= *$)',
    `(?:in|from|within|by) ${DETERMINER} ${DOCUMENT}`,
    `(?:(?:does|do|did) )?${DETERMINER} ${DOCUMENT} ${REPORTING}`,
    // "what does it say about X", "does it mention X": in a chat about one article, "it" (or "this", as
    // beside a pasted link) that says or mentions something is the article.
    `(?:does|do|did) (?:it|this) ${REPORTING}`,
    // "what does 'adaptive' mean in this context": the article's use of the word, not a topic "context".
    '(?:here )?in (?:this |that |the |its |their )?context',
    `(?:which|what) (?:section|part|paragraph)s? (?:of ${DETERMINER} ${DOCUMENT} )?${REPORTING}`,
    'how many times',
    // "it says something at the very start", "near the end of the post": where in the article, not what.
    `(?:at|near|towards?) (?:the )?(?:very )?(?:start|beginning|end|top|bottom)(?: of (?:${DETERMINER} )?${DOCUMENT})?`,
    `(?:in|from) (?:the|${DETERMINER}) (?:intro|introduction|opening|conclusion|first paragraph|last paragraph)(?: of (?:${DETERMINER} )?${DOCUMENT})?`,
    'how often does',
    // "per the article", "does the article agree", "does it back that up", "is she right": asking the
    // article to judge a claim says nothing about the claim's topic.
    `per ${DETERMINER} ${DOCUMENT}`,
    `(?:(?:does|do|did|would|will) )?(?:${DETERMINER} ${DOCUMENT}|it) (?:agree|agrees|disagree|disagrees|support|supports|confirm|confirms|back|backs)(?: (?:with )?${CLAIMANT})?(?: up)?`,
    `(?:back|backs|support|supports) ${CLAIMANT} up`,
    `any (?:support|backing|evidence) for (?:that|this|it)`,
    `(?:is|are|was|were) ${CLAIMANT} (?:just )?(?:right|wrong|correct|lucky|mistaken)`,
    `(?:or (?:is|are) ${CLAIMANT} )?(?:just )?(?:wrong|lucky|mistaken|making (?:it|that|this) up)(?= *$)`,
    '(?:true|right) or (?:not|false|wrong)',
    // "my gym buddy insists", "a guy at work keeps saying", "my nan reckons that": who made a claim is no
    // part of what it claims (the claim itself stays).
    `(?:my|a|an|his|her|our|their|some|this) (?:[a-z]+ ){1,3}?${CLAIMING}(?: that)?`,
  ]
    .map((p) => `(?:^| )(?:${p})(?= |$)`)
    .join('|'),
  'g',
);

/**
 * Where the member got a quote ("i pasted that from the article", "copied this straight out of the text"),
 * matched on the message as typed: it says the words are the article's, which a chat about one article
 * takes for granted, and its verbs ("pasted", "copied") would read as the subject of the question.
 */
const PROVENANCE =
  /\b(?:i |i've |ive |i have )?(?:just )?(?:copy[ -]?pasted|copy and pasted|copied|pasted|quoted|took|grabbed|lifted)(?: (?:this|that|it|these|those)(?: (?:bit|line|part|sentence|quote))?)?(?: (?:straight|right|directly))? (?:from|out of) (?:the|this|that|your|ur) (?:article|page|post|text|piece|blog)\b/gi;

/** The message without where its quote was copied from (PROVENANCE). */
export const withoutProvenance = (message: string): string => message.replace(PROVENANCE, ' ');

/**
 * Asking for a summary or the main points ("summarize pls", "tl;dr", "the gist", "key points"): the form
 * an answer should take, not what it is about, once the question names a topic of its own.
 */
const SUMMARY_REQUEST = new RegExp(
  [
    'summari[sz]e[sd]?',
    'summari[sz]ing',
    'summary',
    'summaries',
    'sum (?:it |this |that )?up',
    'summed up',
    'tl dr',
    'tldr',
    'overview',
    'gist',
    'recap',
    'in a nutshell',
    'in short',
    'in brief',
    '(?:the )?(?:main|key) (?:points?|takeaways?|ideas?)',
    'bullet points?',
    'bullets',
  ]
    .map((p) => `(?:^| )(?:${p})(?= |$)`)
    .join('|'),
  'g',
);

/**
 * The words without a request for a summary ("what does it say about inflammation, summarize pls" ->
 * "what does it say about inflammation pls"), or null when there is none.
 */
export function withoutSummaryRequest(words: readonly string[]): string[] | null {
  const text = words.join(' ');
  const stripped = text.replace(SUMMARY_REQUEST, ' ');
  if (stripped === text) return null;
  return stripped.split(' ').filter((w) => w.length > 0);
}

/** What the article is asked to advise ("does it recommend", "does the article suggest"): not asked of Selene. */
const ARTICLE_ADVICE = new RegExp(
  [
    `(?:(?:does|do|did) )?(?:it|${DETERMINER} ${DOCUMENT}|they) (?:recommend|recommends|advise|advises|suggest|suggests|push|pushes|promote|promotes)`,
    // "is the article saying i should buy a product", "does it want us to buy": what it sells, not shopping.
    `(?:it|${DETERMINER} ${DOCUMENT}|they) (?:is |are )?(?:saying|says|say|telling|tells|tell|want|wants|wanting)(?: (?:me|us|you|people|i|we))?(?: (?:should|to|must|gotta))? (?:buy|purchase|order)`,
  ]
    .map((p) => `(?:^| )(?:${p})(?= |$)`)
    .join('|'),
  'g',
);

/** The words without what the article is asked to advise, for the out-of-scope check ("recommend any"). */
export function withoutArticleAdvice(words: readonly string[]): string[] {
  const text = words.join(' ');
  const stripped = text.replace(ARTICLE_ADVICE, ' ');
  return stripped === text ? [...words] : stripped.split(' ').filter((w) => w.length > 0);
}

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

/**
 * Ways a message points at the article without naming it: "it" that says or mentions something ("what
 * does it say about X"); a part of it ("the virus membrane part", "the part about ..."); "this" standing
 * alone after a preposition ("any of this", "where's this from"), which in a chat about one article is it.
 */
const POINTS_AT_ARTICLE = new RegExp(
  [
    `(?:does|do|did) (?:it|this) ${REPORTING}`,
    '(?:the|that|this) (?:[a-z0-9]+ ){0,3}(?:part|section|paragraph|bit)',
    '(?:of|behind|about|on|in|from) (?:this|that)(?=$| (?:or|and|is|are|true|legit|real|from)(?: |$))',
    'this from',
    // "anything about covid in there?", "is there any research mentioned": the article is where it is.
    '(?:in|on) there(?=$| (?:or|and|too|at all|anywhere))',
    '(?:mentioned|covered|discussed|brought up|talked about)',
    '(?:anything|something) (?:about|on|regarding)',
    // "the product they mention", "research behind these claims", "what does X mean here".
    `(?:they|authors?) ${REPORTING}`,
    '(?:this|that|these|those|the|its|their) (?:claim|claims|statement|statements|argument|arguments)',
    '(?:mean|means|meant|say|says|said) here',
    '(?:mean|means|meant) (?:here )?in (?:this |that |the |its )?context',
  ]
    .map((p) => `(?:^| )(?:${p})(?= |$)`)
    .join('|'),
);

/** "What does it say about X", "the part about Y", "any science behind this": a question about the article. */
export const asksWhatArticleSays = (words: readonly string[]): boolean => POINTS_AT_ARTICLE.test(words.join(' '));

// How a question names its subject without the word "selenium": follow-up openers, bare topics, stand-ins
// ("this mineral") and "it". In a chat about one article these name the article's subject.

/** At most this many words, a message is a bare topic ("flu?", "immune system", "selenoproteins pls"). */
const FRAGMENT_WORDS = 3;
/**
 * Words that turn even a short question into a request for general advice ("treat a cold", "best diet",
 * "cancer symptoms", "what causes infections").
 */
const ADVICE_WORDS = new Set(
  'best treat cure how tips way ways should cause causes symptom symptoms sign signs'.split(' '),
);
/** Question words: after one, a short message is a whole question ("what is immunity"), not a bare topic. */
const WH_WORDS = new Set('what whats why how when where which who whos'.split(' '));
/** Follow-up openers that add nothing to the topic after them ("what about the flu", "and inflammation?"). */
const LEAD_INS = [['what', 'about'], ['how', 'about'], ['what', 'of'], ['and'], ['also'], ['ok'], ['okay'], ['so']];

/** The words after any follow-up openers: "and what about chronic inflammation" -> "chronic inflammation". */
export function withoutLeadIn(words: readonly string[]): string[] {
  let rest = [...words];
  for (let changed = true; changed; ) {
    changed = false;
    for (const lead of LEAD_INS)
      if (rest.length > lead.length && lead.every((w, i) => rest[i] === w)) {
        rest = rest.slice(lead.length);
        changed = true;
      }
  }
  return rest;
}

/**
 * "flu?", "immune system", "what about covid": a bare topic has no room for a request for general advice;
 * in a chat about one article it asks what the article says about that topic. A question word starting
 * it ("what is immunity", "what causes cancer") or an advice word ("cancer symptoms") makes it a question
 * about health in general instead.
 */
export function bareTopic(words: readonly string[]): boolean {
  const rest = withoutLeadIn(words);
  return rest.length <= FRAGMENT_WORDS && !WH_WORDS.has(rest[0] ?? '') && !rest.some((w) => ADVICE_WORDS.has(w));
}

/** What a chat about one supplement calls it without its name ("this mineral", "that stuff"). */
const STAND_INS = new Set(
  'supplement supplements mineral minerals nutrient nutrients stuff element micronutrient'.split(' '),
);

const standsIn = (words: readonly string[], i: number): boolean =>
  STAND_INS.has(words[i] ?? '') && (words[i - 1] === 'this' || words[i - 1] === 'that');

/** What a member calls the supplement the article is about: "are the pills worth it", "do these tablets work". */
const SUPPLEMENT_NOUNS = new Set('pill pills tablet tablets capsule capsules supplement supplements'.split(' '));
const POINTING = new Set('the this that these those'.split(' '));

/** "Are the pills worth it", "do these capsules work": a supplement pointed at is the article's. */
export function pointedSupplement(words: readonly string[]): boolean {
  return words.some((w, i) => SUPPLEMENT_NOUNS.has(w) && POINTING.has(words[i - 1] ?? ''));
}

/** "Does this mineral help immunity", "is this supplement safe": the article's subject, named by a stand-in. */
export function demonstrativeSubject(words: readonly string[]): boolean {
  return words.some((_, i) => standsIn(words, i));
}

/** The words with each stand-in for the article's subject ("this mineral") replaced by its name. */
export function namingSelenium(words: readonly string[]): string[] {
  return words.map((w, i) => (standsIn(words, i) ? 'selenium' : w));
}

/** Verbs a supplement "does": after "it" they make "it" the subject ("does it help", "can it prevent"). */
const SUBJECT_VERBS = new Set(
  'help helps work works protect protects boost boosts affect affects do does prevent prevents fight fights reduce reduces improve improves support supports strengthen strengthens interact interacts cure cures treat treats matter matters stop stops lower lowers raise raises cause causes'.split(
    ' ',
  ),
);

/** Verbs whose object, when it is "it", is the supplement ("should I take it", "do I need it"). */
const OBJECT_VERBS = new Set('take taking took use using try trying need supplement supplementing'.split(' '));

/** Amounts whose "of it" is the supplement ("enough of it", "how much of it"). */
const AMOUNT_WORDS = new Set('enough much more less amount dose lot'.split(' '));

/** Words between "it" and its verb that leave "it" the subject ("is it supposed to stop", "does it really help"). */
const VERB_LEAD_INS = new Set(
  'really actually also even still truly ever just supposed meant going gonna to somehow possibly'.split(' '),
);

/** Auxiliaries that make "it" the subject of a question ("can it make me", "will it stop"). */
const ASKING_AUXILIARIES = new Set('does do did can could will would might may should is'.split(' '));

/** "It" as the subject of a verb a supplement does, maybe after a hedge ("is it supposed to stop"). */
function itDoes(words: readonly string[], i: number): boolean {
  let k = i + 1;
  while (k < words.length && VERB_LEAD_INS.has(words[k] as string)) k++;
  const verb = words[k] ?? '';
  // "Is it good" does nothing; "is it supposed to stop" does, once past its hedge.
  if (words[i - 1] === 'is' && k === i + 1) return false;
  if (SUBJECT_VERBS.has(verb)) return true;
  // "Can it make me recover faster", but not "does it make sense".
  return (
    (verb === 'make' || verb === 'makes') && ASKING_AUXILIARIES.has(words[i - 1] ?? '') && words[k + 1] !== 'sense'
  );
}

/**
 * "it" doing what a supplement does ("does it help"), or taken as one ("should I take it"): in a chat about
 * one article, its subject is implied.
 */
export function pronounSubject(words: readonly string[]): boolean {
  return words.some(
    (w, i) =>
      w === 'it' &&
      (itDoes(words, i) ||
        OBJECT_VERBS.has(words[i - 1] ?? '') ||
        (words[i - 1] === 'of' && AMOUNT_WORDS.has(words[i - 2] ?? ''))),
  );
}

// What a message may be about instead of the article: another thing a member points at ("this youtube video",
// "that podcast"), or the date and time. "Is it sponsored" is the article; "is this video sponsored" is not.

/**
 * Media a member may point at that are not the article. Not "site": in this chat, that is where it is. Not
 * words that are also verbs or the article's own talk ("the studies show", "the course of an infection",
 * "the blood stream", "a calcium channel"): those would refuse questions about the article.
 */
const OTHER_MEDIA =
  'video|videos|vid|vids|youtube|youtuber|podcast|podcasts|episode|episodes|tiktok|tiktoks|reel|reels|livestream|book|books|ebook|movie|movies|film|films|documentary|documentaries|tv|webinar|newsletter|meme|memes|tweet|tweets';

/** "this youtube video", "that new podcast", "a book": a determiner, up to two words, then the medium. */
const POINTED_MEDIUM = new RegExp(
  `(?:^| )(?:this|that|the|these|those|your|ur|his|her|their|my|a|an) (?:[a-z0-9]+ ){0,2}?(?:${OTHER_MEDIA})(?= |$)`,
);
const NAMES_ARTICLE = new RegExp(`(?:^| )${DOCUMENT}s?(?= |$)`);

/** "What year is it", "what's the date today", "current time": the clock, which no article answers. */
const CLOCK = new RegExp(
  [
    '(?:what|which|whats) (?:year|time|day|date|month) (?:is it|is today)',
    '(?:what|whats|what is) (?:the )?(?:date|time|day|year|month) (?:is it )?(?:today|now|right now|rn)',
    '(?:today|todays) date',
    '(?:current|present) (?:year|date|time|month)',
  ]
    .map((p) => `(?:^| )(?:${p})(?= |$)`)
    .join('|'),
);

/**
 * Whether a message is about something other than the article: a medium it points at ("is this youtube
 * video sponsored") while never naming the article, or the date or time ("what year is it"). Every word
 * of such a message may be one the article's own topics use ("sponsored", "year"), and "this"/"it" would
 * otherwise stand for the article.
 */
export function aboutSomethingElse(words: readonly string[]): boolean {
  const text = words.join(' ');
  if (CLOCK.test(text)) return true;
  return POINTED_MEDIUM.test(text) && !NAMES_ARTICLE.test(text);
}
