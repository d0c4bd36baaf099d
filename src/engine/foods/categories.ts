import { foodTokens, singular } from './text.js';

// Categories for the "top foods" view. Two general signals, no per-food lists:
// - USDA SR food groups: the first two digits of most SR26 NDB numbers are the food group code
//   (15 = finfish and shellfish, 12 = nuts and seeds, ...). Later additions (23xxx, 42xxx, ...) do
//   not follow it reliably, so groups are only a hint next to:
// - keywords in the food's name (its first, naming part for USDA rows, or the curated name and aliases).
// A category word the table does not know falls back to a plain keyword filter on food names.

export interface Category {
  id: string;
  label: string;
  /** Words members use for the category; matched in singular form. */
  words: string[];
  /** SR26 food-group codes (first two NDB digits). */
  groups: string[];
  /** Name tokens that put a food in the category. */
  keywords: string[];
  /** Plant foods get the soil note. */
  plant: boolean;
}

export const CATEGORIES: readonly Category[] = [
  {
    id: 'fish',
    label: 'fish and seafood',
    words: ['fish', 'seafood', 'shellfish'],
    groups: ['15'],
    keywords: [
      'fish',
      'tuna',
      'halibut',
      'sardine',
      'shrimp',
      'prawn',
      'salmon',
      'cod',
      'oyster',
      'mollusk',
      'crustacean',
      'crab',
      'lobster',
      'clam',
      'mussel',
      'scallop',
      'anchovy',
      'mackerel',
      'herring',
      'trout',
    ],
    plant: false,
  },
  {
    id: 'nuts',
    label: 'nuts and seeds',
    words: ['nut', 'seed', 'nutsandseed'],
    groups: ['12'],
    keywords: ['nut', 'brazilnut', 'almond', 'cashew', 'seed', 'walnut', 'pecan', 'pistachio', 'hazelnut', 'macadamia'],
    plant: true,
  },
  {
    id: 'meat',
    label: 'meat and poultry',
    words: ['meat', 'poultry'],
    groups: ['05', '07', '10', '13', '17', '23'],
    keywords: [
      'beef',
      'pork',
      'ham',
      'lamb',
      'veal',
      'chicken',
      'turkey',
      'steak',
      'liver',
      'duck',
      'bacon',
      'sausage',
      'goose',
    ],
    plant: false,
  },
  {
    id: 'cereal',
    label: 'cereals, grains and bread',
    words: ['cereal', 'grain', 'bread', 'pasta', 'wholegrain'],
    groups: ['08', '20'],
    keywords: [
      'cereal',
      'oat',
      'oatmeal',
      'rice',
      'wheat',
      'bread',
      'macaroni',
      'pasta',
      'spaghetti',
      'barley',
      'noodle',
      'flour',
      'bran',
    ],
    plant: true,
  },
  {
    id: 'vegetables',
    label: 'vegetables',
    words: ['vegetable', 'veg', 'veggie', 'greens'],
    groups: ['11'],
    keywords: [
      'vegetable',
      'spinach',
      'corn',
      'potato',
      'carrot',
      'lettuce',
      'broccoli',
      'cabbage',
      'mushroom',
      'onion',
    ],
    plant: true,
  },
  {
    id: 'fruit',
    label: 'fruit',
    words: ['fruit'],
    groups: ['09'],
    keywords: ['fruit', 'banana', 'peach', 'apple', 'orange', 'berry', 'grape', 'pear'],
    plant: true,
  },
  {
    id: 'dairy',
    label: 'dairy and eggs',
    words: ['dairy', 'milk', 'cheese', 'egg', 'yogurt'],
    groups: ['01'],
    keywords: ['milk', 'cheese', 'yogurt', 'egg', 'butter', 'cream', 'whey'],
    plant: false,
  },
  {
    id: 'legumes',
    label: 'beans and legumes',
    words: ['legume', 'bean', 'pulse', 'lentil'],
    groups: ['16'],
    keywords: ['bean', 'lentil', 'pea', 'chickpea', 'soy', 'soybean', 'tofu', 'peanut'],
    plant: true,
  },
].map((c) => ({
  ...c,
  words: c.words.map(singular),
  keywords: c.keywords.map(singular),
}));

/** The category a member's word names, or null for a word the table does not define. */
export function findCategory(word: string): Category | null {
  const tokens = foodTokens(word);
  if (!tokens.length) return null;
  return CATEGORIES.find((c) => tokens.some((t) => c.id === t || c.words.includes(t))) ?? null;
}

/** Whether a food belongs to a category, from its name tokens and (for USDA rows) its NDB number. */
export function inCategory(category: Category, nameTokens: readonly string[], ndb: string | null): boolean {
  if (ndb && category.groups.includes(ndb.slice(0, 2))) return true;
  return nameTokens.some((t) => category.keywords.includes(t));
}

const PLANT_GROUPS = new Set(
  CATEGORIES.filter((c) => c.plant)
    .flatMap((c) => c.groups)
    .concat(['02']),
);

/** Plant foods: their selenium depends on the soil, which the answer says. */
export function isPlantFood(nameTokens: readonly string[], ndb: string | null): boolean {
  if (ndb) return PLANT_GROUPS.has(ndb.slice(0, 2));
  const animal = CATEGORIES.filter((c) => !c.plant);
  if (animal.some((c) => inCategory(c, nameTokens, null))) return false;
  return CATEGORIES.some((c) => c.plant && inCategory(c, nameTokens, null));
}
