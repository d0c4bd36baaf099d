import { type CompiledLexicon, type Normalise, normaliseText } from './normalise.js';

// One ask's memo of normalised text, of whole analyses and of other work on one text (a message's
// sentences). Small talk, structure, segmenting, intake, mentions, understanding, matching and the food
// stage each read the message (and its parts, and the food's names) again; with the memo each text is
// normalised once per ask, analysed once with the engine's lexicon, typo repair and stems, and split once. Made by the engine for each message and dropped with it: never shared
// between asks, so the engine stays free of mutable state that outlives a message.

/** The engine's own analysis helpers (context.ts): the analyses the memo keeps are made with these. */
export interface AnalysisHelpers {
  lexicon: CompiledLexicon;
  correct: (word: string) => string;
  stemOf: (word: string) => string;
}

export function createAskMemo(helpers?: AnalysisHelpers): Normalise {
  const normalised = new Map<string, string>();
  const normalise = (input: string): string => {
    let text = normalised.get(input);
    if (text === undefined) {
      text = normaliseText(input);
      normalised.set(input, text);
    }
    return text;
  };
  if (helpers === undefined) return normalise;
  const { lexicon, correct, stemOf } = helpers;
  const made = new Map<symbol, Map<string, unknown>>();
  const kept = <T>(kind: symbol, text: string, make: () => T): T => {
    let byText = made.get(kind);
    if (byText === undefined) {
      byText = new Map();
      made.set(kind, byText);
    }
    if (byText.has(text)) return byText.get(text) as T;
    const value = make();
    byText.set(text, value);
    return value;
  };
  return Object.assign(normalise, { analyses: { lexicon, correct, stemWord: stemOf, byText: new Map() }, kept });
}
