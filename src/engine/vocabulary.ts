// Every word list and shared limit the engine's stages use, in one place, so a tuning change is made
// once and every stage sees it. Lists a curator should own (synonyms, out-of-scope topics, anchors,
// everyday paraphrases) live in knowledge/lexicon.json instead; these are the grammar of a question.
// (src/engine/foods keeps its own food-name vocabulary: it is a separate index with its own limits.)

/** Members paste whole messages; nothing past this point changes which entry answers. */
export const MAX_QUERY_CHARS = 500;

/** "Did you mean" buttons on a refusal, and related topics on an answer (Discord shows one row). */
export const MAX_SUGGESTIONS = 3;

/** Foods listed when a question asks for the richest sources without naming one. */
export const TOP_FOODS_IN_ANSWER = 5;

/** Lookup words longer than this are a sentence, not a food name. */
export const MAX_FOOD_WORDS = 3;

/** Words that bring the upper limit into an answer (matched after synonyms, so "pills" and "dosage" count). */
export const SAFETY_TRIGGERS = 'supplement intake upper limit rda take brazil nut mcg much toxic selenosis';

/**
 * Words that ask whether an amount of a food is safe: only then (or when the amount nears the limit) does a
 * food answer carry the upper-limit warning; "how much is in an egg" does not need it under a 15 mcg egg.
 */
export const FOOD_SAFETY_TRIGGERS =
  'safe safely unsafe toxic toxicity selenosis overdose overdosing dangerous danger harmful poisoning upper limit max maximum supplement daily everyday';

/** Words of an amount or limit question that do not say what it is an amount of. */
export const LIMIT_WORDS = `upper limit intake rda dose amount much many number quantity per day daily week weekly need needed
safe safely healthy okay fine recommended recommend adult adults grown ups women men kids children typical normal average
maximum minimum min least consume consuming take taking`;

/** Sentence ends (kept by the split, so a question mark can be seen): punctuation before a space or the end. */
export const SENTENCE_END = /([.!?:;]+(?=\s|$)|\n+)/;
/** Only this much of a message is split into sentences (the normaliser caps the rest anyway). */
export const MAX_SENTENCE_SCAN = 2000;
/** First words that make a sentence a question even without a question mark. */
export const QUESTION_OPENERS: ReadonlySet<string> = new Set(
  'what whats how why when where which who does do is are can could should would will did has have any'.split(' '),
);

/**
 * A statement that asks all the same ("I want to know what the article claims about covid", "I was
 * wondering whether ...", "tell me what it says"), matched on normalised words anywhere in a sentence.
 */
export const INDIRECT_QUESTION =
  /(?:^| )(?:(?:want|wanna|need|like|love|trying|try) to (?:know|understand|find out|learn)|(?:wondering|curious|unsure|not sure) (?:what|how|why|if|whether|about|which|when)|(?:tell|show|explain to) me|(?:can|could|would) (?:you|u) (?:please )?(?:explain|tell|show)(?: (?:me|us))?)(?= |$)/;

/**
 * Words of a sentence that tells the member's own story ("I have arthritis", "my dad got covid") or sets a
 * remark aside ("also unrelated but ..."): what such a sentence names is context, not what is asked.
 */
export const STORY_WORDS = `i im ive id ill me my mine myself we our us unrelated offtopic btw sidenote`;

/**
 * Advice asked for another person ("should she take it", "can my dad have selenium", "is it safe for him")
 * or about someone's treatment ("during treatment", "with her meds"); not the member's own "should I take",
 * which after "I work out a lot" asks an amount the article's facts give. After a story of that person's condition
 * or treatment the article does not cover ("my mum is on chemo"), the question asks about that very thing:
 * medical advice the article cannot give, so the story is not set aside. Matched on normalised words.
 */
export const PERSONAL_ADVICE = new RegExp(
  [
    '(?:should|can|could|may|must|shall) (?:she|he|they|my [a-z]+)(?: still| also| safely)? (?:take|taking|have|start|use|try|continue|keep|stop|add|get|be given|be on|be taking|go on)',
    '(?:should|can|could|may) (?:i|we|you) (?:give|giving) (?:her|him|them|my [a-z]+)',
    '(?:is it|would it be|will it be|is that|is selenium) (?:ok|okay|safe|fine|good|bad|dangerous|risky|allowed) for (?:her|him|them|my [a-z]+)',
    '(?:during|with|alongside|while on|on top of|besides|after) (?:the |her |his |their |my |your )?(?:treatment|treatments|therapy|therapies|meds|medication|medications|medicine|medicines|drugs)',
  ]
    .map((p) => `(?:^| )(?:${p})(?= |$)`)
    .join('|'),
);

/**
 * A person's condition told in a message ("my mum has lupus", "he was diagnosed with diabetes", "my son has
 * the flu"): with a dose asked for that person, advice for a condition, which the article never gives
 * (it gives no dose for any condition). Matched on normalised words.
 */
export const NAMES_CONDITION =
  /(?:^| )(?:she|he|they|(?:my|her|his|their) [a-z]+(?: [a-z]+)?) (?:has|had|have|got|gets|caught|is diagnosed with|was diagnosed with|has been diagnosed with|got diagnosed with|suffers from|is suffering from|is sick with|is ill with|is recovering from|lives with|is living with) (?:a |an |the |type \d |bad |severe |chronic |some )?(?!(?:question|questions|look|read|idea|time|job|point|feeling|theory|doubt|doubts|copy|link|chance)\b)[a-z]/;

/** Who a member asks for ("my son", "her grandad"): people, not a condition or medicine the article lacks. */
export const PEOPLE_WORDS = `son sons daughter daughters grandad granddad grandpa grandma gran granny nan nana grandson
granddaughter grandkid grandkids grandchild kid kids child children baby babies toddler wife husband partner spouse
boyfriend girlfriend mother father mum mom dad sister brother sibling aunt auntie uncle cousin niece nephew friend
neighbour neighbor colleague coworker boss patient patients client clients family relative relatives parent parents`;

/** Taking something together with one's own medicine ("with my levothyroxine", "alongside her meds"). */
export const WITH_OWN_MEDICINE =
  /(?:^| )(?:together with|along with|alongside|with|on top of|combined with|mixed with) (?:my|her|his|their) [a-z]+(?= |$)/;

/**
 * "Make X weak" says "weaken X": a causative verb written as "make" plus an adjective, common in non-native
 * and casual English ("how selenium make the virus weak", "does it make immune cells stronger"). The
 * adjective alone would read as the state it names ("weak immune system": the immunocompromised topic).
 * Adjective as typed (normalised) -> the verb it makes.
 */
export const CAUSATIVE_ADJECTIVES: Readonly<Record<string, string>> = {
  weak: 'weaken',
  weaker: 'weaken',
  strong: 'strengthen',
  stronger: 'strengthen',
  worse: 'worsen',
};

/** Words that make a question about selenium itself (rather than, say, how many eggs to eat). */
export const SELENIUM_WORDS = 'selenium se selen selenio mcg microgram micrograms ug µg μg';

/** Words that frame a food or quantity question without naming a topic. Matched on stems. */
export const FOOD_FRAME_WORDS = `selenium se how much many amount amounts content contain contains containing level levels quantity
value values source sources rich richer richest high higher highest good great best lot lots serving servings portion
portions cup cups ounce ounces oz gram grams g slice slices piece pieces have has had provide provides give gives get
getting eat eating eaten ate food foods mcg microgram micrograms ug µg μg mg percent dv daily value number typical
typically average is there any some per contain in of safe healthy each one two three four five half whole bowl bowls
glass glasses handful handfuls plate can tin spoon spoonful tablespoon teaspoon bar box bag pack packet bottle mug small
large medium big more extra enough`;

/** Measures and containers that can hide a food from the food index's own search ("a bowl of oatmeal"). */
export const CONTAINER_WORDS = `bowl bowls glass glasses handful handfuls plate plates cup cups slice slices piece pieces can tin
spoon spoonful tablespoon teaspoon bar box bag pack packet bottle mug serving servings portion portions ounce ounces oz`;

/** Words that ask for an amount: with them, a food named by its table entry alone still means the food. */
export const QUANTITY_WORDS = `much amount amounts content contain contains containing mcg microgram micrograms ug µg μg
serving servings portion percent dv quantity`;

/**
 * Words that make an amount question about what a food holds ("how much is in", "does it contain"),
 * unlike "how much water should I drink", which asks how much of the food itself to have.
 */
export const CONTENT_WORDS = 'in contain contains containing content contents have has provide provides give gives got';

/** Words that ask for a list of foods rather than one food. */
export const FOOD_LIST_WORDS = 'food foods eat eating source sources rich richest diet';

/** A list question ranks or picks ("which foods", "best sources"); "can I get selenium from food" does not. */
export const LIST_CUES = 'which what rich richest best most top high highest higher good great list sources';

/** Most questions one reply answers; further questions in the same message are left for a next message. */
export const MAX_PARTS = 3;

/** Only this much of a message is read for questions (the normaliser caps what is scored anyway). */
export const MAX_SEGMENT_SCAN = 2000;

/**
 * Openers that join a further question to the one before it in one sentence ("..., and how much should I
 * get?", "... also is it safe"). Matched at the start of a clause, before a question opener.
 */
export const CLAUSE_JOINERS: ReadonlySet<string> = new Set('and also plus or but then so'.split(' '));

/** Greetings: with the words of `PLEASANTRY_GLUE`, a message of nothing else is small talk. */
export const GREETING_WORDS = `hi hii hiii hello helo hey heyy heyyy heya hiya yo sup wassup whatsup howdy greetings gm
morning evening afternoon hola bonjour ciao namaste`;

/** Thanks, praise and sign-offs: with the words of `PLEASANTRY_GLUE`, a message of nothing else is small talk. */
export const THANKS_WORDS = `thanks thank thankyou thanku thx thnx thnks ty tysm tyvm cheers appreciate appreciated
awesome perfect amazing helpful useful legend bot bye goodbye cya gn`;

/** Words that only join greetings and thanks ("thank you so much", "that was really helpful selene"). */
export const PLEASANTRY_GLUE = `good great nice cool you u ya so much very a lot that this it was is thats super really
ok okay kk got gotcha understood makes sense everyone everybody all guys folks there selene again day night see later
love and for the help`;

/**
 * Questions about Selene itself, on the whole normalised message (optionally after a greeting and the
 * bot's name). Anything more ("what can you do about colds") is a real question and is not small talk.
 */
export const ABOUT_BOT = new RegExp(
  [
    '(?:who|what) (?:are|r) (?:you|u|ya)',
    'what (?:can|do) (?:you|u) do',
    'what is this bot',
    'what (?:is|s) selene',
    'who is selene',
    'how do (?:you|u) work',
    'are (?:you|u) (?:a )?(?:bot|robot|ai|human|real|person|real person|chatgpt|gpt)',
    'is this (?:a )?(?:bot|ai)',
    'what do (?:you|u) know',
    '(?:good|bad|nice) bot',
    'help',
  ]
    .map((p) => `(?:${p})`)
    .join('|'),
);

/** Words that say a member takes a supplement of the amount they give ("I take 200 mcg", "a 100mcg pill"). */
export const SUPPLEMENT_CUES =
  'take takes taking took pill pills supplement supplements capsule capsules tablet tablets tab tabs cap caps softgel ' +
  'softgels gummy gummies multivitamin multi toma tomo';

/** Words that ask what a word means ("what does adaptive mean", "define thiol", "thiol meaning"). */
export const MEANING_WORDS = 'mean means meant meaning define defined definition definitions';

/** Words that ask whether a total is too much or enough ("is that too much", "am I over 400", "safe?"). */
export const DOSE_QUESTION_CUES =
  'much over under limit max maximum ok okay safe dangerous enough exceed exceeding above below toxic overdose ' +
  'fine alright harmful risky excessive';

/** Words that ask to compare two foods ("which has more", "tuna vs salmon"). */
export const COMPARE_CUES = 'vs versus compare compared comparison or more than which better';

/** Words that ask for a ranking of a category's foods ("top fish", "best vegan sources"), not one food's amount. */
export const RANKING_CUES = 'top best richest highest most list sources source rich high good great';

/**
 * Ranking cues that also just praise ("do brazil nuts taste good"): a category question with only these
 * must name selenium ("what nuts are good for selenium").
 */
export const WEAK_RANKING_CUES = 'good great';

/** Words that ask for plant foods only. */
export const PLANT_CUES = 'vegan vegans vegetarian vegetarians plant plants plantbased veggie';

/** Foods listed for a category or plant-based question. */
export const FOODS_IN_LIST = 5;

/** Words that ask for the reference amounts: an entry answer to them also states the RDA and upper limit. */
export const INTAKE_WORDS =
  'rda upper limit intake dose dosage maximum daily value recommended mcg much enough safe safely';

/**
 * Words that ask how much of something to have ("how much vitamin c should I take", "vitamin c dose"). A
 * related article is only linked by the article, so it never answers one; "how much does X affect Y" has none.
 */
export const DOSE_WORDS =
  'take taking took dose doses dosage dosing mg milligram milligrams mcg microgram micrograms gram grams iu rda intake overdose';

/**
 * "Is X mentioned?", "does it say anything about X", "where does it say X": what the member asks the
 * article to contain, matched on normalised words; the capture group is X.
 */
export const MENTION_QUESTIONS: readonly RegExp[] = [
  /(?:^| )(?:does|do|did) (?:the |this |that )?(?:article|it|text|page|post|author) (?:ever )?(?:mention|say anything about|say something about|say about|talk about|discuss|cover|bring up|touch on|name|list|say) (?:anything about |something about |anything on )?(.+)$/,
  /(?:^| )(?:is|are|was|were) (?:there )?(?:anything about )?(.+?) (?:mentioned|discussed|covered|talked about|named|brought up)(?: anywhere| at all| in (?:the |this )?(?:article|it|text))?$/,
  /(?:^| )where (?:does|do) (?:the |this )?(?:article|it|text) (?:say|mention|talk about) (?:that )?(.+)$/,
  /(?:^| )quote where (?:the |this )?(?:article|it) (?:says|mentions) (?:that )?(.+)$/,
  /^(?:which|what) (.+?) (?:does|do|did) (?:the |this )?(?:article|it|text|author) (?:name|mention|list|talk about|cover|bring up)$/,
];

/** Words that trail a mention question without naming what is asked ("anywhere", "at all", "pls"). */
export const MENTION_FILLER =
  'anywhere at all in the article it this text any anything specific specifically pls please lol ' +
  'often usually always really very much';

// Conversations (follow-up.ts): what a follow-up says without naming a subject of its own.

/** Turns of a conversation an adapter keeps and passes back with the next message. */
export const CONTEXT_TURNS = 3;

/** A turn keeps this much of its message: enough to name a topic, bounded whatever was pasted. */
export const MAX_TURN_CHARS = 300;

/**
 * Words of a follow-up that ask for more of the same answer rather than name a topic: why and how, its
 * source, more detail or plainer words, disbelief, and how good, bad or big "it" is. With stopwords,
 * topic-neutral words and amount words, a message made only of these ("why?", "source?", "in simple words
 * pls", "is that a lot?", "rly? says who", "como?") is about whatever the conversation was about.
 */
export const FOLLOW_UP_WORDS = `why how come como porque pourquoi warum wieso source sources cite cites citation citations
proof evidence reference references link links quote quotes where says say saying said who more elaborate expand
detail details explain explanation further continue else simple simpler simply plain plainer words word eli5 layman
laymans terms english shorter summary summarise summarize sum tldr tl dr sentence sentences brief briefly nutshell
really rly fr srsly seriously huh what wdym mean means meaning which ones one kind kinds example examples instance
concretely specifically exactly safe safely dangerous risky harmful harmless toxic strong stronger powerful effective
big huge lot lots important significant serious proven useful helpful beneficial promising worth worthwhile
necessary essential`;

/**
 * Words a follow-up may carry that ask nothing by themselves: on their own ("ok", "great", "sure thing")
 * they acknowledge the last answer rather than ask about it.
 */
export const FOLLOW_UP_FILLER = `so then tho though anyway wait ok okay fine sure true truly good great bad cool nice go on
short shortly work works working happen`;

/**
 * Words that ask how much selenium to have ("how much should I take", "can I overdose on it"): the article's
 * intake topic answers them whatever came before, unless the last answer was a food ("how much per serving").
 */
export const INTAKE_QUESTION_WORDS = `much many amount amounts dose doses dosage intake rda limit limits per day daily mcg
micrograms take taking took overdose need needed`;

/** Words that ask whether something is safe: a follow-up with one gets the upper-limit line. */
export const SAFETY_QUESTION_WORDS = 'safe safely dangerous risky harmful harmless toxic toxicity overdose';

/** Words that address Selene herself ("how are you", "who are you"): small talk, never a follow-up. */
export const SELENE_WORDS: ReadonlySet<string> = new Set('you u ya yourself selene bot'.split(' '));

/**
 * Verbs that make a short message a question of its own ("what causes a cold", "what is a cold") rather
 * than a fragment added to the last one ("what infections?", "and the immune cells?").
 */
export const CLAUSE_WORDS: ReadonlySet<string> = new Set(
  'is are was were isnt arent does do did doesnt dont can could should would will has have cause causes causing treat cure get gets symptoms signs best'.split(
    ' ',
  ),
);

/** Pronouns that point back at the last answer ("is it promising", "what does it do in them"). */
export const BACK_REFERENCES: ReadonlySet<string> = new Set('it its them they'.split(' '));

/** Demonstratives that point back unless a noun follows ("is that safe", but "that article"). */
export const DEMONSTRATIVES: ReadonlySet<string> = new Set('that this these those'.split(' '));

/** Words that ask for an explanation: a follow-up with one wants the mechanism behind the last answer. */
export const EXPLANATION_WORDS: ReadonlySet<string> = new Set(
  'why how come como porque pourquoi warum wieso'.split(' '),
);

/** First words that add to the previous question ("like which ones", "for kids?", "or both?"). */
export const FOLLOW_UP_OPENERS: ReadonlySet<string> = new Set(
  'and also like or but plus for with so ok okay'.split(' '),
);

/** Words after "this" or "that" that make it name the article, not point back ("what is this article about"). */
export const DOCUMENT_WORDS: ReadonlySet<string> = new Set(
  'article page post text piece blog author writer site website'.split(' '),
);

/** Last words that add to the previous question ("chronic too?", "and for kids as well"). */
export const TRAILING_LEAD_INS: ReadonlySet<string> = new Set('too also then aswell well either'.split(' '));

/** A follow-up fragment ("spinach?", "and bacteria?", "what infections?") has at most this many words. */
export const FOLLOW_UP_FRAGMENT_WORDS = 4;

/** A message pointing back ("it", "that") that names more topic words than this asks its own question. */
export const MAX_REFINING_TERMS = 2;

// Chat filler, padding idioms and shorthand live in chat-words.ts; re-exported so every stage imports one place.
export { FILLER_PHRASES, FILLER_WORDS, HEDGE_WORDS, SHORTHAND } from './chat-words.js';

/**
 * Questions about the article's layout and length ("what are the section headings", "how long is it",
 * "what's in the first section"): words that ask about the structure, and the words such a question may
 * carry besides them. Anything else in the message names a topic, which the topics answer.
 */
export const STRUCTURE_WORDS =
  'section sections heading headings header headers subheading subheadings outline structure structured ' +
  'organised organized layout chapters toc contents table part parts paragraph paragraphs';
export const LENGTH_WORDS = 'long length brief words minutes minute deep dive deepdive';
/** Position words, numbered as a reader counts sections (1 the first; -1 the last). */
export const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  first: 1,
  '1st': 1,
  opening: 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
  last: -1,
  final: -1,
};
export const STRUCTURE_FILLER =
  'article text post page piece blog selenium pls please lol thing about overall whole many much time take takes read ' +
  'reading quick short';
