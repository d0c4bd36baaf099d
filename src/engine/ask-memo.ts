import { type Normalise, normaliseText } from './normalise.js';

// One ask's memo of normalised text. Small talk, structure, segmenting, intake, mentions, understanding and
// the food stage each normalise the message (and the food's names) again; with the memo each text is
// normalised once per ask. Made by the engine for each message and dropped with it: never shared between
// asks, so the engine stays free of mutable state that outlives a message.

export function createAskMemo(): Normalise {
  const normalised = new Map<string, string>();
  return (input) => {
    let text = normalised.get(input);
    if (text === undefined) {
      text = normaliseText(input);
      normalised.set(input, text);
    }
    return text;
  };
}
