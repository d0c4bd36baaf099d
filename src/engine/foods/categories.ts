import { foodTokens, singular } from './text.js';

// Categories for the "top foods" view. Two general signals, no per-food lists, in this order:
// - USDA SR food groups first: the first two digits of SR26 NDB numbers 01-25 are the food group code
//   (15 = finfish and shellfish, 12 = nuts and seeds, 02 = spices, ...). A row in a known group belongs
//   to the categories of that group only, whatever its name says: "Spices, mustard seed" is a spice,
//   not a nut or seed, however "seed" it is.
// - keywords in the food's name second: for rows whose number carries no group (later additions such
//   as 42xxx, 43xxx, 83xxx), for groups a category shares with others (bread in baked products, 18),
//   and for curated foods (the name and aliases).
// A category word the table does not know falls back to a plain keyword filter on food names.

export interface Category {
  id: string;
  label: string;
  /** Words members use for the category; matched in singular form. */
  words: string[];
  /** SR26 food-group codes (first two NDB digits) whose rows all belong. */
  groups: string[];
  /** Groups whose rows belong only when a keyword names them ("Bread, ..." among cakes and cookies). */
  keywordGroups?: string[];
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
    keywordGroups: ['18'],
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

/** SR26 NDB numbers starting with these digits carry their food group (01-25; 24 is unused). */
const GROUPED_NDB = /^(?:0[1-9]|1\d|2[0-35])/;

/** Whether a food belongs to a category, from its name tokens and (for USDA rows) its NDB number. */
export function inCategory(category: Category, nameTokens: readonly string[], ndb: string | null): boolean {
  const named = nameTokens.some((t) => category.keywords.includes(t));
  if (!ndb || !GROUPED_NDB.test(ndb)) return named;
  const group = ndb.slice(0, 2);
  if (category.groups.includes(group)) return true;
  return named && (category.keywordGroups ?? []).includes(group);
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
