import { ASCII } from '../normalise.js';

// Text helpers for food names. Queries and table names go through the same functions, so a rough
// singular rule is enough: "peaches" and "peach" both become "peach", whatever English says.

const MAX_QUERY_CHARS = 200;

/** Lowercase, accents off, possessive 's off, anything but letters, digits and % becomes a space. */
export function normaliseFoodText(s: string): string {
  const raw = s.slice(0, MAX_QUERY_CHARS * 5);
  // Plain ASCII has no compatibility forms or accents for NFKD to take apart: skipped, as it changes nothing.
  let text = (ASCII.test(raw) ? raw : raw.normalize('NFKD').replace(/\p{M}+/gu, '')).toLowerCase();
  // Most names and questions have no apostrophe: those two passes only where they can change something.
  if (text.includes("'") || text.includes('’')) text = text.replace(/['’]s\b/g, '').replace(/['’]/g, '');
  return text.replace(/[^a-z0-9%]+/g, ' ').trim();
}

export function singular(word: string): string {
  // Every rule below is for a word ending in "s"; most words do not.
  if (word.length <= 3 || !word.endsWith('s')) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:oes|ches|shes|xes|sses|zes)$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word)) return word;
  return word.slice(0, -1);
}

/** Normalised, singular tokens; "1%" and numbers kept since they tell table rows apart. */
export function foodTokens(s: string): string[] {
  const norm = normaliseFoodText(s);
  return norm ? norm.split(' ').map(singular) : [];
}

/** The canonical key of a name: its singular tokens in order. */
export const foodKey = (s: string): string => foodTokens(s).join(' ');

/** Word order ignored, so "raw carrots" finds "Carrots, raw". */
export const foodBagKey = (s: string): string => [...foodTokens(s)].sort().join(' ');

/**
 * Words that frame a food question rather than name a food ("how much selenium is in ...").
 * findInText requires every other word of the question to belong to the food it returns from
 * the large USDA table, which keeps "apple laptop" from becoming apples.
 */
export const QUESTION_WORDS = new Set(
  (
    'a an the of in on at to for from with by per and or is are was be been do doe does did has have had ' +
    'contain contains containing content amount amounts level levels quantity value values much many how what which ' +
    'there any some lot lots enough good great best rich richest high higher highest low lower source sources ' +
    'selenium se mcg microgram micrograms ug mg gram grams g food foods eat eating eaten ate get getting give gives ' +
    'provide provides i me my we you your it this that these those can could should would will tell know about ' +
    'please hi hey hello selene serving servings portion portions one two three cup cups ounce ounces oz slice ' +
    'slices piece pieces daily dv percent nutrition nutrient nutrients info information compare than vs versus ' +
    'if whether so just also really very much more most less least number typical typically average ' +
    'check find look up into s handful glass bowl plate spoon spoonful tablespoon teaspoon tbsp tsp mug pint ' +
    'scoop dozen bit bag packet pack jar bottle too wat wut wot abt bout pls plz u ur r'
  )
    .split(' ')
    .map(singular),
);

/**
 * Words that say a question is about selenium amounts. Plain drinks ("how much water should I drink")
 * are taken for a food only next to one of these: the question is otherwise about the drink itself.
 */
export const SELENIUM_WORDS = new Set(
  'selenium se mcg microgram micrograms ug selenite selenate selenomethionine'.split(' ').map(singular),
);

/**
 * Nutrients and supplement words: questions name them next to foods ("how much caffeine is too much",
 * "protein in eggs"), but on their own they are not a food, however many table rows mention them.
 */
export const NUTRIENT_WORDS = new Set(
  (
    'caffeine alcohol ethanol sugar sugars protein proteins fat fats calorie calories kcal kilojoule carb carbs ' +
    'carbohydrate carbohydrates fiber fibre cholesterol sodium salt potassium calcium magnesium iron zinc copper ' +
    'iodine manganese chromium molybdenum phosphorus fluoride selenite selenate selenomethionine vitamin vitamins ' +
    'mineral minerals folate folic niacin riboflavin thiamin thiamine biotin choline omega antioxidant ' +
    'antioxidants nutrient supplement supplements pill pills tablet tablets capsule capsules multivitamin ' +
    'multivitamins dose dosage'
  )
    .split(' ')
    .map(singular),
);

/** "c", "d", "b12", "k2": vitamin letters, never a food. */
const VITAMIN_LETTER = /^[a-z]\d{0,2}$/;

/**
 * Animals people keep: "is selenium good for dogs", "my horse", "cat food". Never a food alone; a
 * longer name that contains one ("hot dog", "horse meat", "goat cheese") still is.
 */
export const ANIMAL_WORDS = new Set(
  'dog dogs puppy puppies pup cat cats kitten kitty pet pets horse horses pony foal cattle livestock sheep goat parrot bird hamster'
    .split(' ')
    .map(singular),
);

/**
 * Cuts, forms and cooking words around a food name ("tuna steak", "canned salmon", "grilled chicken"):
 * they narrow the row but do not name a food, so a phrase may carry them without every one matching.
 * Not "whole" or "plain": "whole milk" and "plain yogurt" are foods of their own.
 */
export const MODIFIER_WORDS = new Set(
  (
    'steak steaks fillet fillets filet filets loin can canned tinned tin grilled raw cooked fresh frozen baked ' +
    'fried roasted roast boiled steamed smoked broiled poached sliced organic wild farmed homemade ' +
    'chopped diced stewed braised pan seared chop chops cutlet cutlets ' +
    // A plain variety's adjective ("Guavas, common, raw"): "how common is it" names no food.
    'common regular ordinary'
  )
    .split(' ')
    .map(singular),
);

/**
 * Words that stand next to a food without making a new one of it ("is salmon healthy", "tuna recipe",
 * "eggs for breakfast"), unlike most food words next to each other ("corn dog", "almond milk").
 */
export const CONTEXT_WORDS = new Set(
  (
    'healthy healthier healthiest unhealthy recipe recipes meal meals dish dishes breakfast lunch dinner supper ' +
    'snack snacks diet diets everyday nutrition nutritional benefit benefits'
  )
    .split(' ')
    .map(singular),
);

/**
 * Objects, materials, machines, furniture and clothes: "plastic bag", "apple laptop", "car tires". Some
 * sit in table descriptions ("Salt, table") or a typo away from a table word ("plastic": "classic"),
 * so they would become foods; they never name one on their own, and as a query's main noun they mean
 * the query is about something else. Words that also name foods ("chip", "ball", "ring") are not here.
 */
export const NON_FOOD_WORDS = new Set(
  (
    'plastic bag bags car cars truck bike bicycle tire tires tyre tyres engine phone phones smartphone ' +
    'laptop laptops computer computers keyboard charger cable battery batteries screen tv television ' +
    'table tables chair chairs desk sofa couch bed pillow blanket towel towels door window wall floor roof ' +
    'shoe shoes sock socks shirt shirts jacket hat dress pants jeans clothes paper cardboard metal steel ' +
    'aluminium wood shovel hammer tool tools toy toys pen pencil book books money coin watch ' +
    'clock jewelry soap shampoo lotion makeup paint dust dirt soil moon planet'
  )
    .split(' ')
    .map(singular),
);

/** The tokens that are not question framing. */
export const contentWords = (tokens: readonly string[]): string[] => tokens.filter((t) => !QUESTION_WORDS.has(t));

/** Whether a (singular) token can name a food on its own: not framing, a nutrient, a pet, an object or a letter. */
export const canNameFood = (token: string): boolean =>
  !QUESTION_WORDS.has(token) &&
  !NON_FOOD_WORDS.has(token) &&
  !NUTRIENT_WORDS.has(token) &&
  !ANIMAL_WORDS.has(token) &&
  !MODIFIER_WORDS.has(token) &&
  !VITAMIN_LETTER.test(token) &&
  !/^\d+%?$/.test(token);
