import { z } from 'zod';

// The zod schemas are the single source of truth for every knowledge file: the loader parses with
// them, `kb check` reports their errors with paths, and the editor JSON Schemas are generated from them.

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits and single dashes');
const text = z.string().trim().min(1, 'must not be empty');
const url = z.url({ protocol: /^https?$/ });

/** A section of the article, located by verbatim text at its start and end (whitespace-normalised). */
export const sectionSchema = z.object({
  id,
  title: text.describe('How the section is named to members (its heading where the article has one).'),
  heading: text.optional().describe('The heading exactly as in the article, when the section has one.'),
  start: text.describe('Verbatim text the section begins with.'),
  end: text.describe('Verbatim text the section ends with.'),
  summary: text.max(300).describe('One or two sentences for embeds; written by curators, not a quote.'),
});

export const articleSchema = z.object({
  $schema: z.string().optional(),
  id,
  title: text,
  publisher: text,
  url,
  textFile: text.describe('The article text, relative to knowledge/.'),
  sections: z.array(sectionSchema).min(1),
});

/** A non-article source (fact sheet, trial, review) that data and evidence notes cite. */
export const referenceSchema = z.object({
  id,
  title: text,
  publisher: text,
  url: url.optional(),
  year: z.number().int().min(1900).max(2100).optional(),
});

export const referencesSchema = z.object({
  $schema: z.string().optional(),
  references: z.array(referenceSchema).min(1),
});

export const quoteSchema = z.object({
  section: id.describe('Id of the article section the quote is in.'),
  text: text.describe('Verbatim text of the article (whitespace may differ).'),
});

/** Extra context where the article is weak or promotional; never mixed with article quotes. */
export const evidenceNoteSchema = z.object({
  text: text.max(400),
  sourceId: id.describe('Id of a reference in references.json.'),
});

/**
 * A plain-words definition of a term the article uses without explaining ("selenoproteins", "ROS"),
 * written by curators, not quoted, with its own source; never mixed with the article's quotes.
 */
export const glossaryNoteSchema = z.object({
  term: text.max(60).describe('The term as the article writes it.'),
  text: text.max(300).describe('One or two plain sentences, in our own words.'),
  sourceId: id.describe('Id of a reference in references.json that says this.'),
});

export const entrySchema = z.object({
  id,
  title: text.max(80),
  questions: z.array(text).min(3, 'needs at least 3 phrasings of the question'),
  keywords: z.array(text).default([]),
  quotes: z.array(quoteSchema).min(1, 'needs at least one quote'),
  evidence: z.array(evidenceNoteSchema).default([]),
  glossary: z.array(glossaryNoteSchema).optional().describe('Terms of the quotes explained in plain words.'),
  /** Set where intake, supplements or rich foods come up, so answers surface the upper limit. */
  safety: z.boolean().default(false),
  related: z.array(id).default([]).describe('Ids of other entries to suggest next.'),
});

export const entriesSchema = z.object({
  $schema: z.string().optional(),
  entries: z.array(entrySchema).min(1),
});

export const foodSchema = z.object({
  id,
  name: text.describe('As in the source table.'),
  serving: text,
  mcg: z.number().min(0).max(5000),
  aliases: z.array(text).default([]),
  sourceId: id,
});

export const foodsSchema = z.object({
  $schema: z.string().optional(),
  foods: z.array(foodSchema).min(1),
});

const intakeRow = z.object({ group: text, mcg: z.number().positive() });

export const factsSchema = z.object({
  $schema: z.string().optional(),
  dailyValue: z.object({ mcg: z.number().positive(), sourceId: id, since: text }),
  previousDailyValue: z.object({ mcg: z.number().positive(), sourceId: id, note: text }),
  rda: z.object({ rows: z.array(intakeRow).min(1), adultMcg: z.number().positive(), sourceId: id }),
  upperLimit: z.object({ rows: z.array(intakeRow).min(1), adultMcg: z.number().positive(), sourceId: id }),
  plantSoilNote: z.object({ text, sourceId: id }),
  toxicity: z.object({ text, sourceId: id }),
});

export const relatedLinkSchema = z.object({
  id,
  title: text,
  url: url.optional(),
  publisher: text,
  questions: z.array(text).min(3, 'needs at least 3 phrasings of the question'),
  keywords: z.array(text).default([]),
});

export const relatedSchema = z.object({
  $schema: z.string().optional(),
  links: z.array(relatedLinkSchema),
});

/** Words the matcher treats as one meaning, and topics it must refuse rather than answer nearby. */
export const lexiconSchema = z.object({
  $schema: z.string().optional(),
  synonyms: z.array(z.array(text).min(2)).describe('Each group: the first term is canonical.'),
  outOfScope: z.array(text).describe('Terms that mark a question as about something the article does not cover.'),
  anchors: z
    .array(text)
    .optional()
    .describe(
      'Words and phrases only this article speaks of (its own concepts, and the article itself). A question naming none of them, nor selenium, is general health advice the article does not give.',
    ),
  realWords: z
    .array(text)
    .optional()
    .describe(
      'Real English words one edit away from the vocabulary ("optional" near "optimal", "backing" near "lacking"): typo repair leaves them as typed.',
    ),
});

/**
 * USDA SR26 foods, derived from the public-domain table by scripts/build-usda-foods.ts.
 * Rows are tuples to keep the file small: [ndb number, description, mcg per 100 g, serving grams, serving label].
 * Foods without a measured selenium value are left out, never stored as 0.
 */
export const usdaFoodRowSchema = z.tuple([
  z.string().regex(/^\d{5}$/, 'must be a 5-digit NDB number'),
  text,
  z.number().min(0).max(10000),
  z.number().positive().nullable(),
  text.nullable(),
]);

export const usdaFoodsSchema = z.object({
  $schema: z.string().optional(),
  sourceId: id,
  foods: z.array(usdaFoodRowSchema),
});

/**
 * Common names the USDA table words differently ("hot dog" is "Frankfurter, ...", "venison" is
 * "Game meat, deer, ..."). Each `usda` item is the start of USDA descriptions, compared word by word
 * (case and punctuation ignored), best first; a full description pins one row.
 */
export const foodNameSchema = z.object({
  name: text.describe('What members say, e.g. "hot dog".'),
  aliases: z.array(text).default([]).describe('Other spellings of the same name, e.g. "hotdog".'),
  usda: z
    .array(text)
    .min(1)
    .describe('USDA SR26 description prefixes, best first, e.g. "Frankfurter, meat" or "Game meat, deer".'),
});

export const foodNamesSchema = z.object({
  $schema: z.string().optional(),
  names: z.array(foodNameSchema),
});

export type Section = z.infer<typeof sectionSchema>;
export type ArticleMeta = z.infer<typeof articleSchema>;
export type Reference = z.infer<typeof referenceSchema>;
export type Quote = z.infer<typeof quoteSchema>;
export type EvidenceNote = z.infer<typeof evidenceNoteSchema>;
export type GlossaryNote = z.infer<typeof glossaryNoteSchema>;
export type Entry = z.infer<typeof entrySchema>;
export type Food = z.infer<typeof foodSchema>;
export type Facts = z.infer<typeof factsSchema>;
export type RelatedLink = z.infer<typeof relatedLinkSchema>;
export type Lexicon = z.infer<typeof lexiconSchema>;
export type UsdaFoodRow = z.infer<typeof usdaFoodRowSchema>;
export type FoodName = z.infer<typeof foodNameSchema>;

/** Every knowledge file, by its name in knowledge/, with the schema that validates it. */
export const knowledgeFiles = {
  'article.json': articleSchema,
  'references.json': referencesSchema,
  'entries.json': entriesSchema,
  'foods.json': foodsSchema,
  'facts.json': factsSchema,
  'related.json': relatedSchema,
  'lexicon.json': lexiconSchema,
  'usda-foods.json': usdaFoodsSchema,
  'food-names.json': foodNamesSchema,
} as const;

export type KnowledgeFileName = keyof typeof knowledgeFiles;
