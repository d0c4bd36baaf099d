// The knowledge base as the rest of Selene sees it, and the shape of its errors: types and small pure helpers
// only, so the engine, the bot and kb check can name them without importing the file reader (load.ts).
import type {
  ArticleMeta,
  Entry,
  Facts,
  Food,
  FoodName,
  Lexicon,
  Reference,
  RelatedLink,
  Section,
  UsdaFoodRow,
} from './schema.js';

export interface KnowledgeError {
  file: string;
  /** JSON path inside the file, `$` for the whole file. */
  path: string;
  reason: string;
}

export interface ResolvedSection extends Section {
  /** The section's text, whitespace-normalised. */
  text: string;
  /** Link that jumps to the section in the published article. */
  url: string;
}

export interface KnowledgeBase {
  article: ArticleMeta & { text: string; resolvedSections: ResolvedSection[] };
  references: Reference[];
  entries: Entry[];
  foods: Food[];
  usda: { sourceId: string; foods: UsdaFoodRow[] };
  /** Common names for USDA rows ("hot dog" -> "Frankfurter, ..."); empty without knowledge/food-names.json. */
  foodNames: FoodName[];
  facts: Facts;
  related: RelatedLink[];
  lexicon: Lexicon;
}

/** Collapses every run of white space, so quotes match across line breaks and double spaces. */
export const normaliseWhitespace = (s: string): string => s.replace(/\s+/g, ' ').trim();

export const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), '$');

export const formatKnowledgeError = (e: KnowledgeError): string => `${e.file} ${e.path}: ${e.reason}`;

/** Thrown where a caller cannot go on without a knowledge base (bot start-up, CLI answers). */
export class KnowledgeLoadError extends Error {
  constructor(readonly errors: KnowledgeError[]) {
    super(`knowledge base is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'})`);
    this.name = 'KnowledgeLoadError';
  }
}
