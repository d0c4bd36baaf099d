import { COMMON_ENGLISH } from './common-english.js';
import { normaliseText } from './normalise.js';

// The short words a follow-up is made of, per language members write in: why, how, what, and, more, safe,
// source, kids, please, thanks... Never a topic word: the article's topics are matched in English (a topic
// word of another language is found by its spelling, see follow-up-languages.ts). A follow-up of these
// words reads as the English one they stand for ("chera?" as "why?", "và trẻ em?" as "and kids?").
// To add a language, add its row; every reader derives its own lists from here.

/** What a short word asks, as the English word(s) it is read as. '' for words that say nothing here. */
export type Meaning =
  | 'why'
  | 'how'
  | 'what'
  | 'and'
  | 'more'
  | 'safe'
  | 'dangerous'
  | 'proven'
  | 'really'
  | 'simple'
  | 'words'
  | 'summary'
  | 'source'
  | 'how much'
  | 'kids'
  | 'example'
  | 'work'
  | 'explain'
  | 'in'
  /** Please, thanks, ok, yes, particles of politeness or emphasis ("po", "krub", "abeg", "kheili khob"). */
  | 'filler'
  /** Articles and prepositions: they name nothing, so a fragment of them plus a topic is a switch. */
  | 'grammar';

/**
 * Per language, its words for each meaning, separated by spaces, as typed (accents are dropped when read);
 * several words meant together are joined by "_" ("por_que", "tai_sao", "kwa_nini").
 */
export const LANGUAGE_WORDS: Readonly<Record<string, Partial<Record<Meaning, string>>>> = {
  spanish: {
    why: 'porque porqué pq por_que',
    how: 'como cómo',
    what: 'qué',
    and: 'y',
    more: 'más mas',
    safe: 'seguro segura',
    dangerous: 'peligroso peligrosa',
    proven: 'probado comprobado',
    really: 'verdad',
    simple: 'sencillo simples',
    words: 'palabras',
    summary: 'resumen',
    source: 'fuente',
    'how much': 'cuánto cuánta',
    kids: 'niños hijos',
    example: 'ejemplo',
    work: 'funciona',
    explain: 'explica explicar explícame explicalo',
    in: 'en',
    filler: 'por_favor favor gracias vale bueno entonces pero también tambien',
    grammar: 'el la los las un una para sobre del',
  },
  portuguese: {
    why: 'porquê por_quê',
    how: 'como',
    and: 'e',
    more: 'mais',
    safe: 'seguro segura',
    dangerous: 'perigoso perigosa',
    proven: 'provado comprovado',
    really: 'verdade',
    simple: 'simples',
    words: 'palavras',
    summary: 'resumo',
    source: 'fonte',
    'how much': 'quanto quanta',
    kids: 'crianças filhos',
    example: 'exemplo',
    work: 'funciona funcionam',
    explain: 'explique',
    filler: 'por_favor obrigado obrigada valeu então beleza',
    grammar: 'os um uma com sobre dos das',
  },
  french: {
    why: 'pourquoi pk',
    how: 'comment',
    what: 'quoi',
    and: 'et',
    dangerous: 'dangereux dangereuse',
    proven: 'prouvé',
    really: 'vrai vraiment',
    words: 'mots',
    'how much': 'combien',
    kids: 'enfants',
    example: 'exemple',
    work: 'fonctionne marche',
    explain: 'expliquez explique',
    filler: 'svp stp merci alors mais oui aussi',
    grammar: 'le la les une des du avec pour sur dans au aux',
  },
  italian: {
    why: 'perché perche',
    how: 'come',
    and: 'e',
    more: 'più',
    safe: 'sicuro sicura',
    dangerous: 'pericoloso',
    proven: 'provato',
    really: 'vero davvero',
    simple: 'semplice semplici',
    words: 'parole',
    summary: 'riassunto',
    source: 'fonte',
    'how much': 'quanto quanti',
    kids: 'bambini figli',
    example: 'esempio',
    work: 'funziona',
    explain: 'spiega spiegami',
    filler: 'grazie allora favore',
    grammar: 'il lo gli una di del della',
  },
  german: {
    why: 'warum wieso weshalb',
    how: 'wie',
    and: 'und',
    more: 'mehr',
    safe: 'sicher',
    dangerous: 'gefährlich',
    proven: 'bewiesen',
    really: 'wirklich wahr',
    simple: 'einfach einfacher',
    words: 'worten worte',
    summary: 'zusammenfassung',
    source: 'quelle',
    'how much': 'wieviel',
    kids: 'kinder',
    example: 'beispiel',
    work: 'funktioniert wirkt',
    explain: 'erklär erklären',
    filler: 'bitte danke aber auch ja',
    grammar: 'der das des dem ein eine mit für über ist',
  },
  dutch: {
    why: 'waarom',
    how: 'hoe',
    what: 'wat',
    more: 'meer',
    safe: 'veilig',
    source: 'bron',
    kids: 'kinderen',
    filler: 'dus maar bedankt alsjeblieft',
    grammar: 'het een voor',
  },
  polish: {
    why: 'dlaczego czemu',
    how: 'jak',
    more: 'więcej',
    safe: 'bezpieczne bezpieczny',
    source: 'źródło',
    kids: 'dzieci',
    filler: 'proszę dzięki',
    grammar: 'dla',
  },
  turkish: {
    why: 'neden niye',
    how: 'nasıl',
    what: 'nedir',
    and: 've',
    more: 'daha',
    safe: 'güvenli',
    source: 'kaynak',
    kids: 'çocuklar',
    filler: 'lütfen teşekkürler peki yani',
  },
  indonesian: {
    why: 'kenapa mengapa',
    how: 'bagaimana gimana',
    what: 'apa',
    and: 'dan',
    more: 'lagi',
    safe: 'aman',
    source: 'sumber',
    kids: 'anak',
    filler: 'tolong terima_kasih makasih tapi sih dong deh',
  },
  tagalog: {
    why: 'bakit',
    how: 'paano',
    what: 'ano',
    safe: 'ligtas',
    kids: 'bata',
    filler: 'po ba naman salamat pero',
  },
  russian: {
    why: 'pochemu zachem почему зачем',
    how: 'kak как',
    what: 'chto shto что',
    and: 'и а',
    more: 'больше',
    safe: 'безопасно',
    source: 'источник',
    kids: 'дети детей',
    filler: 'pozhaluysta spasibo пожалуйста спасибо ну',
  },
  ukrainian: {
    why: 'chomu чому навіщо',
    how: 'як',
    what: 'що',
    and: 'і та',
    more: 'більше',
    safe: 'безпечно',
    source: 'джерело',
    kids: 'діти дітей',
    filler: 'дякую будь_ласка',
  },
  persian: {
    why: 'chera چرا',
    how: 'chetor chetori chegune چطور چگونه',
    what: 'chi چی',
    more: 'bishtar',
    kids: 'bacheha',
    filler: 'kheili khob merci mersi lotfan vali pas mamnoon خیلی خوب ممنون لطفا',
  },
  arabic: { why: 'leh lesh لماذا ليش', how: 'kif كيف', what: 'ماذا', filler: 'shukran yalla شكرا' },
  hindi: {
    why: 'kyun kyu kyon क्यों',
    how: 'kaise कैसे',
    what: 'kya क्या',
    kids: 'bacche bachon',
    filler: 'hai hota hain yaar accha acha matlab धन्यवाद',
  },
  bengali: { why: 'keno কেন', how: 'kivabe kemne কিভাবে কীভাবে', what: 'কি', filler: 'dhonnobad' },
  mandarin: {
    why: '为什么 为何',
    how: '怎么 如何 怎样',
    what: '什么',
    and: '还有',
    safe: '安全',
    source: '来源 出处',
    kids: '孩子 儿童',
    filler: '好的 谢谢 明白了 哦 吗 呢 吧 请',
  },
  japanese: { why: 'なぜ どうして なんで', how: 'どうやって', what: 'なに', filler: 'ありがとう はい' },
  korean: { why: 'wae 왜', how: 'eotteoke 어떻게', what: 'mwo mwoya 뭐', filler: '감사합니다' },
  thai: {
    why: 'tammai tam_mai ทำไม',
    how: 'yangngai yang_ngai yang_rai ยังไง อย่างไร',
    filler: 'krub khrap krap kha na_krub ครับ ค่ะ คะ นะ',
  },
  vietnamese: {
    why: 'tại_sao vì_sao',
    how: 'như_thế_nào làm_sao thế_nào',
    and: 'và',
    kids: 'trẻ_em',
    safe: 'an_toàn',
    source: 'nguồn',
    filler: 'thì_sao không vậy ạ',
  },
  swahili: { why: 'kwanini kwa_nini', how: 'vipi jinsi', what: 'nini', filler: 'asante tafadhali sawa' },
  yoruba: { why: 'kilode kí_ló_dé', how: 'bawo báwo', filler: 'ẹ_se ese jowo ẹ_jọ̀ọ́' },
  finnish: {
    why: 'miksi',
    how: 'miten kuinka',
    what: 'mitä',
    and: 'ja',
    more: 'lisää',
    safe: 'turvallinen',
    kids: 'lapset lapsille',
    filler: 'kiitos kiitti',
  },
  pidgin: { what: 'wetin', filler: 'abeg oga sha shey abi dey una' },
  greek: { why: 'giati', what: 'ti' },
  swedish: { why: 'varför', how: 'hur', filler: 'tack' },
  danish: { why: 'hvorfor', how: 'hvordan', filler: 'tak' },
  korean_romanised: { how: 'eotteoke' },
  japanese_romanised: { why: 'naze doushite', what: 'nani' },
};

/** English that the meanings are read as. */
const ENGLISH: Readonly<Record<Meaning, string>> = {
  why: 'why',
  how: 'how',
  what: 'what',
  and: 'and',
  more: 'more',
  safe: 'safe',
  dangerous: 'dangerous',
  proven: 'proven',
  really: 'really',
  simple: 'simple',
  words: 'words',
  summary: 'summary',
  source: 'source',
  'how much': 'how much',
  kids: 'kids',
  example: 'example',
  work: 'work',
  explain: 'explain',
  in: 'in',
  filler: '',
  grammar: '',
};

/**
 * Words of English speech, and the English readings themselves: never a sign of another language (a
 * follow-up read in English must not read as another language again), and read as English.
 */
const COMMON = new Set(COMMON_ENGLISH.split(/\s+/));
const READINGS = new Set(Object.values(ENGLISH).flatMap((e) => e.split(' ')));

/** One word or phrase of the table, as the engine reads text (normalised, accents dropped). */
export interface LanguageWord {
  /** Its normalised words ("por que" is two). */
  words: readonly string[];
  meaning: Meaning;
  /** The English it is read as ('' for fillers and grammar). */
  english: string;
  /** Spelt like a word of everyday English ("come", "also", "plus"): no sign of another language. */
  english_too: boolean;
}

/** Every word and phrase of the table, read once. A word of several languages keeps its first meaning. */
export const LANGUAGE_ENTRIES: readonly LanguageWord[] = (() => {
  const seen = new Set<string>();
  const out: LanguageWord[] = [];
  for (const row of Object.values(LANGUAGE_WORDS))
    for (const [meaning, list] of Object.entries(row) as [Meaning, string][])
      for (const raw of list.split(/\s+/).filter(Boolean)) {
        const ws = normaliseText(raw.replace(/_/g, ' ')).split(' ').filter(Boolean);
        const key = ws.join(' ');
        if (!ws.length || seen.has(key)) continue;
        seen.add(key);
        // One letter ('а', 'и' read as 'a', 'i') is English, whatever script it was typed in.
        const englishToo = ws.length === 1 && (key.length < 2 || COMMON.has(key) || READINGS.has(key));
        out.push({ words: ws, meaning, english: ENGLISH[meaning], english_too: englishToo });
      }
  return out;
})();

/** Meanings whose words ask or join but name nothing: never a topic term in any message. */
const FUNCTION_MEANINGS: readonly Meaning[] = ['what', 'why', 'how', 'and', 'in', 'more', 'filler', 'grammar'];

/** Parts of a pasted link ("com" is Portuguese "with"): left to read as unknown words, so a bare link asks nothing. */
const LINK_PARTS = new Set(['com', 'www', 'http', 'https', 'org', 'net']);

/**
 * The words of other languages that only ask or join ("apa", "sih", "mi az"): the engine's lexicon never
 * counts them as terms (context.ts), in a message or in a curated phrasing written in a member's English.
 */
export function otherLanguageFunctionWords(): Set<string> {
  return new Set([...languageWordParts(...FUNCTION_MEANINGS)].filter((w) => !LINK_PARTS.has(w)));
}

/** The single words of the table with one of these meanings, not spelt like everyday English. */
export function languageWords(...meanings: Meaning[]): Set<string> {
  const wanted = new Set(meanings);
  return new Set(
    LANGUAGE_ENTRIES.filter((e) => e.words.length === 1 && wanted.has(e.meaning) && !e.english_too).map(
      (e) => e.words[0] as string,
    ),
  );
}

/**
 * languageWords, with each word of the phrases too ("por" and "que" of "por que", "terima" and "kasih"):
 * words that name nothing wherever they stand. Only for reading what a message names, never as a sign
 * that it is in another language ("per" of "per favore" is an English amount word too).
 */
export function languageWordParts(...meanings: Meaning[]): Set<string> {
  const wanted = new Set(meanings);
  const parts = LANGUAGE_ENTRIES.filter((e) => e.words.length > 1 && wanted.has(e.meaning)).flatMap((e) => e.words);
  return new Set([...languageWords(...meanings), ...parts.filter((w) => w.length > 1 && !COMMON.has(w))]);
}
