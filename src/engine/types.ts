// The engine's public contract. The CLI prints these objects as JSON (`selene ask --json`,
// `selene food --json`) and the Discord adapter renders them, so changes here are breaking changes.

export type CitationKind = 'quote' | 'data';

export interface Citation {
  /** 'quote': verbatim text of the article. 'data': a figure from a reference table (foods, intake values). */
  kind: CitationKind;
  quote: string;
  /** Section title for article quotes; the table or fact-sheet name for data. */
  section: string;
  sourceId: string;
  /** Deep link; for article quotes it carries a `#:~:text=` fragment that jumps to the quoted sentence. */
  url: string | null;
}

/** Context from other research, shown after the article's quotes as "What other research says". */
export interface EvidenceCitation {
  text: string;
  sourceId: string;
  sourceTitle: string;
  url: string | null;
}

/** A term of the quotes shown, defined in plain words with its own source: shown after the article's quotes. */
export interface GlossaryCitation {
  /** The term as the article writes it ("ROS (reactive oxygen species)"). */
  term: string;
  /** One or two plain sentences, written by curators (never the article's words). */
  definition: string;
  sourceId: string;
  sourceTitle: string;
  url: string | null;
}

export interface Suggestion {
  /** Entry id, related-link id or food id: what a "did you mean" button asks next. */
  id: string;
  title: string;
  /** A question that, when asked, answers this suggestion. */
  question: string;
}

/** 'smalltalk': a greeting, thanks or a question about Selene, answered with what Selene does (never a claim). */
export type Route = 'entry' | 'food' | 'related' | 'smalltalk' | 'none';

export interface Answer {
  answered: boolean;
  /** 0..1, calibrated so that `answered` is `confidence >= threshold`. */
  confidence: number;
  /** Plain text (no Discord markdown), attributing claims to the article. */
  text: string;
  citations: Citation[];
  suggestions: Suggestion[];
  disclaimer: string;
  /** Which part of the knowledge base answered; 'none' when refused. */
  route: Route;
  /** The entry, food or related-link id that answered, or null. */
  matchId: string | null;
  /** The upper-intake-limit line, present where intake, supplements or rich foods come up. */
  safety: string | null;
  evidence: EvidenceCitation[];
  /**
   * Plain definitions of terms that the answer's article quotes use (entry answers; absent or empty
   * otherwise), shown after the quotes and apart from them.
   */
  glossary?: GlossaryCitation[];
  /**
   * When the message named no subject of its own and was answered from the conversation's earlier turn:
   * the id (entry, related link or food) that turn was about. Null when the message stood on its own.
   */
  followUpOf: string | null;
  /**
   * Present only when one message asked several questions (at most 3): each answered under its own heading
   * with its own quotes. The top-level fields then describe the whole reply (text of all parts, every
   * citation), so a reader that ignores `parts` still shows a complete answer.
   */
  parts?: AnswerPart[];
  /** A food answer's pieces, so a renderer lays them out without reading the text back. Food answers only. */
  food?: FoodAnswerParts;
}

/** What a food answer's text is made of, in order; the text joins them for readers of plain text. */
export interface FoodAnswerParts {
  name: string;
  serving: string;
  /** Per serving (and for the servings asked) with % Daily Value, then the RDA and upper-limit comparison. */
  amounts: string[];
  /** Further facts about the row: per 100 g, the plant-soil note. */
  notes: string[];
  /** The article's sentences naming the food (each is also a quote citation), with its older-Daily-Value note. */
  mentions: { quote: string; note: string | null }[];
  /** The table the figures come from, named once. */
  source: { label: string; url: string | null };
}

/** One question of a message that asked several: its own heading and answer (never with parts of its own). */
export interface AnswerPart extends Omit<Answer, 'parts'> {
  /** A short heading for the part: the topic's title, or the food's name. */
  heading: string;
  /** The part of the message this answers, as the member typed it. */
  asked: string;
}

/**
 * One exchange of a conversation, as much as the engine needs to understand the next message. Adapters
 * keep the last few (see `nextContext` in follow-up.ts) and pass them back with the next message.
 */
export interface Turn {
  /** The message as the member wrote it (cut short: a follow-up only needs what names its topic). */
  question: string;
  /** The message that named what this turn was about: the question itself, or the one it followed up. */
  topic: string;
  answered: boolean;
  route: Route;
  matchId: string | null;
  /** Ids of the foods the answer was about. */
  foods: string[];
}

/** The last few turns of one conversation, oldest first. */
export type ConversationContext = readonly Turn[];

export interface FoodResult {
  found: boolean;
  /** Display name of the food, or null when not found. */
  name: string | null;
  serving: string | null;
  mcg: number | null;
  /** Per serving, against the FDA Daily Value of 55 mcg; computed, never stored. */
  percentDailyValue: number | null;
  source: { id: string; title: string; url: string | null } | null;
  /** Closest foods by name when not found (or alternatives when found). */
  suggestions: string[];
  /** Extra fields beyond the CLI contract. */
  id: string | null;
  table: 'ods' | 'usda' | null;
  /** Only for USDA rows. */
  per100g: number | null;
  notes: string[];
}

export interface AutocompleteChoice {
  name: string;
  value: string;
}

export interface FoodComparison {
  a: FoodResult;
  b: FoodResult;
  /** How many times more selenium a has than b per serving, when both are found and b > 0. */
  ratio: number | null;
  text: string;
}

export interface Topic {
  id: string;
  title: string;
  /** A question that answers this topic when asked. */
  question: string;
  kind: 'entry' | 'related';
}

/**
 * What every adapter (CLI, Discord) calls. Built once per knowledge base (indexes are made at load),
 * pure after that: no I/O, no clocks, no shared mutable state, so shards and reloads are safe.
 */
export interface Engine {
  /**
   * `context`: the conversation so far. A message that names no subject of its own ("why?", "and for
   * kids?", "source?") is answered about the last turn's topic and says so in `followUpOf`.
   */
  ask(question: string, context?: ConversationContext): Answer;
  /** `servings` multiplies the per-serving amount (default 1). */
  food(query: string, options?: { servings?: number }): FoodResult;
  /**
   * The same food as a whole answer, exactly as a chat question about it gets (per serving and servings,
   * % Daily Value, RDA and upper limit, the safety line, sources); a refusal with suggestions when unknown.
   */
  foodAnswer(query: string, options?: { servings?: number }): Answer;
  /** Richest foods, optionally within a category word such as "fish", "nuts", "cereal". */
  topFoods(options?: { category?: string; limit?: number }): FoodResult[];
  compareFoods(a: string, b: string): FoodComparison;
  autocompleteQuestions(partial: string): AutocompleteChoice[];
  autocompleteFoods(partial: string): AutocompleteChoice[];
  autocompleteSections(partial: string): AutocompleteChoice[];
  topics(): Topic[];
}
