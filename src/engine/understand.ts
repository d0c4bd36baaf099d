import type { EngineContext } from './context.js';
import {
  demonstrativeSubject,
  namingSelenium,
  withoutFrame,
  withoutProvenance,
  withoutSummaryRequest,
} from './frame.js';
import { type Analysed, analyse, type Normalise, normaliseText, toTerms, withoutLinks, words } from './normalise.js';
import { quotedFromArticle } from './quoted.js';
import { isPleasantry, type Segment, segments } from './segment.js';
import {
  CAUSATIVE_ADJECTIVES,
  HEDGE_WORDS,
  INDIRECT_QUESTION,
  INTAKE_WORDS,
  MAX_SENTENCE_SCAN,
  PERSONAL_ADVICE,
  QUESTION_OPENERS,
  SENTENCE_END,
  STORY_WORDS,
} from './vocabulary.js';

// Understanding a message before anything is matched: which words say what is asked, and which only
// frame it (the article, amounts the member states, chatty sentences around the question).

/** A number on its own, as the analyser leaves it ("1000", "2.5"). */
const NUMBER = /^\d+(?:\.\d+)?$/;

const opensQuestion = (text: string, normalise: Normalise): boolean =>
  QUESTION_OPENERS.has(words(normalise(text))[0] ?? '');
/**
 * "Should she take selenium during treatment?": advice for a person, or about someone's treatment. It asks
 * about the story told before it (whose condition or treatment), so that story stays part of the question.
 */
const asksPersonalAdvice = (text: string, normalise: Normalise): boolean => PERSONAL_ADVICE.test(normalise(text));
/** Every indirect-question frame of a text (INDIRECT_QUESTION), to take them out. */
const INDIRECT_QUESTIONS = new RegExp(INDIRECT_QUESTION.source, 'g');
/** A sentence that asks without a question word or mark ("I want to know what it claims about covid"). */
const asksIndirectly = (text: string, normalise: Normalise): boolean => INDIRECT_QUESTION.test(normalise(text));

/**
 * The parts of a chatty message that ask its question: in a message of several sentences, each one that
 * asks something ("Good morning, long time lurker here. What are selenoproteins?"), and in any sentence,
 * the clause that opens with a question word ("I read it twice and I'm confused, what role does ...").
 */
export function askingParts(question: string, normalise: Normalise = normaliseText): string[] {
  const parts = question.slice(0, MAX_SENTENCE_SCAN).split(SENTENCE_END);
  const found: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const sentence = parts[i] as string;
    if (
      parts.length > 2 &&
      (parts[i + 1]?.includes('?') || opensQuestion(sentence, normalise) || asksIndirectly(sentence, normalise))
    )
      found.push(sentence);
    const clauses = sentence.split(',');
    const from = clauses.findIndex((c, k) => k > 0 && opensQuestion(c, normalise));
    if (from > 0) found.push(clauses.slice(from).join(','));
  }
  return found;
}

/** A member dropping a subject at the start of a sentence: "ok forget milk.", "never mind the flu,". */
const DROPPING = String.raw`(?<=(?:^|[,;:.!?\n]\s*)(?:(?:ok|okay|k|so|alright|anyway)[,. ]+)?)(?:forget(?: about)?|never ?mind(?: about)?|nvm|enough about)`;

/** Where a named exclusion ends: punctuation, or a word that turns back to the question ("but", "just"). */
const EXCLUSION_END = String.raw`(?=\s*(?:[,.;:!?()\n]|\b(?:but|just|only|and|so|though)\b|$))`;
/**
 * What a member says they are not asking about: "not gonna ask about zinc", "(not the biopro thing, just
 * selenium)". Only these explicit forms: a bare "not" ("does it not help", "not enough selenium") is part
 * of the question.
 */
const EXCLUSIONS = new RegExp(
  [
    // "not asking about zinc"; at a sentence's start, "(ok) forget milk", "never mind the flu", "enough about covid".
    String.raw`(?:\bnot (?:gonna |going to |trying to )?(?:ask(?:ing)?|talk(?:ing)?|interested|worried) (?:about|in)|${DROPPING}) (?<named>[^,.;:!?()\n]{1,40}?)${EXCLUSION_END}`,
    String.raw`(?<=(?:^|[(,;:.!?\u2014-])\s*)not (?:the|that|this|those|these|any) [^,.;:!?()\n]{1,30}? (?:thing|stuff|one|ones|part)s?\b`,
  ].join('|'),
  'gi',
);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A tag that only asks for agreement ("it's in the article, right?"): the question mark stays, the word goes.
 * After "is that", "it's", "sounds" the word is what is asked ("is that ok?", "200 mcg, that's fine ok?" keeps it).
 */
const TAG_QUESTION =
  /(?<!\b(?:is|it|its|it's|that|thats|that's|this|be|are|am|was|sound|sounds|seem|seems|look|looks|feel|feels))[\s,]+(?:right|correct|yeah|yes|no|ok|okay|innit|eh)\s*(?=\?)/gi;

/**
 * The message without what it says it is not asking about, so neither its scoring nor its scope sees it:
 * "my coworker swears by selenium and zinc. not gonna ask about zinc but ..." loses both mentions of zinc.
 * Only mentions before the exclusion go with it: one after it ("... but how much zinc") is asked. A tag
 * asking for agreement ("..., right?") goes too.
 */
export function withoutExclusions(asked: string): string {
  // A link is no part of the question (and its dots would split sentences).
  const message = withoutLinks(asked);
  const raw = message.slice(0, MAX_SENTENCE_SCAN);
  const head = raw.replace(TAG_QUESTION, '');
  const named: { name: string; at: number }[] = [];
  let text = head.replace(EXCLUSIONS, (match: string, ...args: unknown[]) => {
    const groups = args.at(-1) as { named?: string } | undefined;
    const at = args.at(-3) as number;
    if (groups?.named?.trim()) named.push({ name: groups.named.trim(), at });
    return ' '.repeat(match.length);
  });
  for (const { name, at } of named) {
    const mention = new RegExp(String.raw`\b${escapeRegExp(name)}\b`, 'gi');
    text = text.slice(0, at).replace(mention, (m) => ' '.repeat(m.length)) + text.slice(at);
  }
  if (text === raw) return message;
  return text.replace(/ {2,}/g, ' ') + message.slice(MAX_SENTENCE_SCAN);
}

/** A hedge word as typed: "actually", "really", "kinda" (HEDGE_WORDS). */
const HEDGES = new RegExp(String.raw`\b(?:${HEDGE_WORDS.trim().split(/\s+/).join('|')})\b`, 'gi');

/**
 * The message without its hedge words. They already weigh nothing, but they also sit inside the phrases
 * that frame a question or name a topic: "does it actually say" is "does it say", "what does the article
 * tell people to actually do" asks for its advice ("tell people to do").
 */
export const withoutHedges = (message: string): string => message.replace(HEDGES, ' ');

/** A word with a letter outside ASCII as typed ("Entzündung"), then a gloss in brackets: "(inflammation)". */
const GLOSSED = /[\p{L}\p{M}]*[^\p{ASCII}\s()][\p{L}\p{M}]*\s*\(([a-z][a-z ,'-]{1,60})\)/giu;

/**
 * The message with a word of the member's own language replaced by the English gloss they give it:
 * "is Selen good against Entzündung (inflammation)?" asks about inflammation, and the German word, unknown
 * to the knowledge base, would otherwise weigh like its rarest topic word.
 */
export const withoutGlossed = (message: string): string => message.replace(GLOSSED, ' $1 ');

/** "make(s) the virus weak": the verb, up to three words of its object, then one of CAUSATIVE_ADJECTIVES. */
const CAUSATIVE = new RegExp(
  String.raw`\b(?:make|makes|making|made)((?: (?!(?:and|or|but|if|when|because|so)\b)[\p{L}'-]+){1,3}) (${Object.keys(
    CAUSATIVE_ADJECTIVES,
  ).join('|')})\b`,
  'giu',
);

/**
 * The message with "make X weak" written as "weaken X" (CAUSATIVE_ADJECTIVES): the verb the member means,
 * as the knowledge base's own phrasings write it, and no longer the state "weak" names.
 */
export const withCausativeVerbs = (message: string): string =>
  message.replace(CAUSATIVE, (_m, object: string, adjective: string) => {
    const verb = CAUSATIVE_ADJECTIVES[adjective.toLowerCase()] ?? adjective;
    return `${verb}${object}`;
  });

/** A term of letters outside the Latin script (after accents are stripped): Cyrillic, Greek, Hangul, kana. */
const FOREIGN_SCRIPT = /[^\p{ASCII}]/u;

/**
 * The question without terms in another script ("привет", "ありがとう", "감사합니다"): the knowledge base is
 * English, so they are the member's greetings and thanks around the question, never its topic. A message with
 * nothing else keeps them (and is refused as it would be).
 */
function inLatinScript(q: Analysed): Analysed {
  const terms = q.terms.filter((t) => !FOREIGN_SCRIPT.test(t));
  return terms.length === q.terms.length || !terms.length ? q : { ...q, terms };
}

export interface Understander {
  /** The message analysed, with article framing and stated amounts left out of its terms. */
  analyseQuestion(message: string, normalise?: Normalise): Analysed;
  /**
   * Whether a text names a topic of its own: a word that is neither topic-neutral, nor the article, nor
   * selenium. "Is that in this article?", "does it say how?" name none: they point back at the message.
   */
  namesTopic(text: string, normalise?: Normalise): boolean;
  /**
   * Whether a question only points back at what the message said before it ("is that in the article?",
   * "does it say how?", "for kids?"): no topic of its own, and a pronoun or nothing named at all. "What is
   * selenium" does not. `analysed`: the text's analysis when the caller has it, so it is not analysed twice.
   */
  pointsBack(text: string, analysed?: Analysed, normalise?: Normalise): boolean;
}

/** Words that point back at what was said before. */
const BACK_POINTERS = new Set('it its that this these those they them'.split(' '));

/** At most this many words, a sentence before the first question is a label ("Mod check:", "quick q:"). */
const MAX_LABEL_WORDS = 3;

/** Words by which a question points back at a story told before it ("could that be why", "help me"). */
const STORY_POINTERS = new Set('me my mine myself that this these those them they'.split(' '));

/** What a member calls the article or its subject: no topic of their own. */
const SUBJECT_WORDS = 'selenium article page post text piece blog';

export function createUnderstander(ctx: EngineContext): Understander {
  const { lexicon, stemOf, correct, index, router, limitTerms } = ctx;

  /**
   * The question with its article-referring framing ("according to the article", "how many times does the
   * article mention") dropped from the terms, when anything is left to rank on ("what does the article
   * say" is nothing but its frame, and stays as it is).
   * Only the terms change: the words still name the article, so it still counts as an anchor.
   */
  function focusOnTopic(q: Analysed): Analysed {
    const named = demonstrativeSubject(q.words) ? namingSelenium(q.words) : null;
    const rest = withoutSummary(withoutFrame(named ?? q.words), named ?? q.words);
    const terms = rest ? toTerms(rest, rest.map(stemOf), lexicon) : [];
    if (terms.length) return { ...q, terms };
    return named ? { ...q, terms: toTerms(named, named.map(stemOf), lexicon) } : q;
  }

  /**
   * The words (`framed`: without their article framing, null when they had none) without a request for a
   * summary, when they name a topic besides it: "summarize what it says about covid" asks about covid in
   * short, not for the article's overview. "Summarize the article" names nothing else and keeps it.
   */
  function withoutSummary(framed: string[] | null, all: readonly string[]): string[] | null {
    const summed = withoutSummaryRequest(framed ?? all);
    if (!summed) return framed;
    // A topic's word ("covid", "inflammation"), not any word left ("the gist of the whole article").
    const own = toTerms(summed, summed.map(stemOf), lexicon).filter(
      (t) => index.topicTerms.has(t) && !index.lightTerms.has(t) && !subjectTerms.has(t),
    );
    return own.length ? summed : framed;
  }

  /**
   * The question without numbers the knowledge base never uses: "can I take 1000 mcg", "how many cups
   * for 100%" state an amount, not a topic, and as unknown words they would weigh like the rarest topic
   * word. Numbers the article quotes ("8 mcg", "11%") are indexed and stay. What is left must still say
   * whose amount it is (selenium, or a topic): "how much is 2+2" would otherwise read "how much".
   */
  function withoutAmounts(q: Analysed): Analysed {
    const terms = q.terms.filter((t) => !NUMBER.test(t) || index.idf.has(t));
    if (terms.length === q.terms.length) return q;
    const named = router.mentionsSelenium(q.words) || terms.some((t) => !limitTerms.has(t) && !index.lightTerms.has(t));
    return named ? { ...q, terms } : q;
  }

  const subjectTerms = new Set(analyse(SUBJECT_WORDS, lexicon).terms);
  const intakeTerms = new Set(analyse(INTAKE_WORDS, lexicon).terms);

  /** The terms of a text without its article framing, and whether each names something. */
  function topicTerms(
    text: string,
    normalise: Normalise,
    ws = analyse(text, lexicon, correct, stemOf, normalise).words,
  ): { own: string[]; subject: boolean } {
    const rest = withoutFrame(ws) ?? ws;
    // "How much should I take" names the intake topic, although "much" and "take" are topic-neutral words.
    const terms = toTerms(rest, rest.map(stemOf), lexicon).filter(
      (t) => !index.lightTerms.has(t) || intakeTerms.has(t),
    );
    return { own: terms.filter((t) => !subjectTerms.has(t)), subject: terms.some((t) => subjectTerms.has(t)) };
  }

  const namesTopic = (text: string, normalise: Normalise = normaliseText): boolean =>
    topicTerms(text, normalise).own.length > 0;

  /**
   * "Is that in the article?", "does it say how?", "for kids?": a question that names no topic and either
   * points back or names nothing at all (not even selenium, as "what is selenium" does).
   */
  function pointsBack(text: string, analysed?: Analysed, normalise: Normalise = normaliseText): boolean {
    const { own, subject } = topicTerms(text, normalise, analysed?.words);
    if (own.length) return false;
    return !subject || words(normalise(text)).some((w) => BACK_POINTERS.has(w));
  }

  const storyWords = new Set(words(STORY_WORDS));
  const namesSubject = (ws: readonly string[]): boolean =>
    router.mentionsSelenium(ws) || ws.some((w) => subjectTerms.has(stemOf(w)));

  /**
   * The sentences of a message that tell the member's story: those in the first person ("my mother is ill
   * all the time"), and, since a story goes on until the question, every sentence told between its first
   * one and the first question ("Doctor gives antibiotics, ok."). Never a question (`asking`).
   */
  function storySentences(segs: readonly Segment[], asking: readonly Segment[]): Set<Segment> {
    const first = asking[0] ? segs.indexOf(asking[0]) : segs.length;
    const opened = segs.findIndex((s) => s.words.some((w) => storyWords.has(w)));
    return new Set(
      segs.filter(
        (s, i) =>
          !asking.includes(s) && (s.words.some((w) => storyWords.has(w)) || (opened >= 0 && opened < i && i < first)),
      ),
    );
  }

  /** A text's words without the phrases the article does not cover ("knee arthritis" -> "knee"). */
  function withoutUncovered(text: string): { rest: string[]; found: boolean } {
    const r = analyse(text, lexicon, correct, stemOf);
    const phrases = router.outOfScope(r.original, r.words);
    if (!phrases.length) return { rest: r.original, found: false };
    const drop = new Set<number>();
    for (const ws of [r.original, r.words]) {
      const stems = ws.map(stemOf);
      for (const phrase of phrases) {
        const want = phrase.split(' ');
        for (let i = 0; i < stems.length; i++)
          if (want.every((w, k) => stems[i + k] === w)) for (let k = 0; k < want.length; k++) drop.add(i + k);
      }
    }
    return { rest: r.original.filter((_, i) => !drop.has(i)), found: true };
  }

  /**
   * The message without what its story names that the article does not cover, when the question itself
   * names none of it and the message is about selenium or the article: "my sister has arthritis and her joints
   * flare up a lot. is selenium supposed to calm inflammation like that?" asks about inflammation; the
   * arthritis is the member's story. Only a story
   * about the member ("I have", "my dad") or a remark set aside ("also unrelated but ..."): "selenium vs
   * playwright for scraping, which is faster" is no story, and a question that names the uncovered thing
   * ("can selenium treat cancer? my uncle has it") is still refused.
   */
  function withoutStoryAsides(message: string, segs: readonly Segment[], normalise: Normalise): string {
    const asking = segs.filter((s) => s.asks && !isPleasantry(s.words));
    if (!asking.length || asking.length === segs.length) return message;
    if (asking.some((s) => asksPersonalAdvice(s.text, normalise))) return message;
    // Most messages name nothing uncovered: one cheap look at the words as typed (no typo repair) first.
    const typed = words(normalise(message));
    if (!router.outOfScope(typed, typed).length) return message;
    if (!namesSubject(analyse(message, lexicon, correct, stemOf, normalise).words)) return message;
    if (asking.some((s) => withoutUncovered(s.text).found)) return message;
    // A label before the first question ("Mod check:", "zinc thread q:") is set aside like a story; one
    // that names selenium ("selenium and asthma, should I take it?") is the question's subject.
    const first = segs.indexOf(asking[0] as Segment);
    const label = (s: Segment, i: number): boolean =>
      i < first && s.words.length <= MAX_LABEL_WORDS && !router.mentionsSelenium(s.words);
    const story = storySentences(segs, asking);
    const told = segs.map((s, i) =>
      asking.includes(s) || !(story.has(s) || label(s, i)) ? null : withoutUncovered(s.text),
    );
    if (!told.some((t) => t?.found)) return message;
    // The sentence keeps its end mark, so the question after it is still a sentence of its own.
    const endMark = (text: string): string => /[.!?;:]+$/.exec(text.trimEnd())?.[0] ?? '';
    return segs
      .map((s, i) => (told[i]?.found ? `${told[i]?.rest.join(' ') ?? ''}${endMark(s.text)}` : s.text))
      .join(' ');
  }

  /**
   * The message without the story it tells, when its questions ask about selenium (or the article) and a
   * topic of their own without pointing back at the story: "my dad got covid, then pneumonia, and my aunt
   * sends him every supplement. what does this article claim selenium does against infections?" asks about
   * infections; covid is the story's. A question that points back ("could that be why", "would it help
   * me") or leaves its subject to the story ("my sister has low selenium, is it dangerous?") keeps it.
   */
  function withoutStory(message: string, segs: readonly Segment[], normalise: Normalise): string {
    const asking = segs.filter((s) => s.asks && !isPleasantry(s.words));
    if (!asking.length || asking.length === segs.length) return message;
    const told = storySentences(segs, asking);
    if (!told.size) return message;
    const ownQuestion = (text: string): boolean => {
      if (asksPersonalAdvice(text, normalise)) return false;
      const ws = analyse(text, lexicon, correct, stemOf, normalise).words;
      // "Can you tell me ...", "explain to me ...": the member asking, not pointing back at their story.
      const asked = (withoutFrame(ws) ?? ws).join(' ').replace(INDIRECT_QUESTIONS, ' ');
      return namesSubject(ws) && namesTopic(text, normalise) && !words(asked).some((w) => STORY_POINTERS.has(w));
    };
    if (!asking.every((s) => ownQuestion(s.text))) return message;
    return segs
      .filter((s) => !told.has(s))
      .map((s) => s.text)
      .join(' ');
  }

  return {
    namesTopic,
    pointsBack,
    analyseQuestion: (message, normalise = normaliseText) => {
      // One split into sentences serves both story checks unless the first one changed the message.
      const hedged = withCausativeVerbs(withoutProvenance(withoutHedges(message)));
      const segs = segments(hedged, normalise);
      const storyless = withoutStory(hedged, segs, normalise);
      const asked = withoutStoryAsides(
        storyless,
        storyless === hedged ? segs : segments(storyless, normalise),
        normalise,
      );
      const q = inLatinScript(
        withoutAmounts(focusOnTopic(analyse(withoutGlossed(asked), lexicon, correct, stemOf, normalise))),
      );
      const quoted = quotedFromArticle(message, ctx.articleText);
      return quoted.length ? { ...q, quoted } : q;
    },
  };
}
