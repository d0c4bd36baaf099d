import type { APIApplicationCommandOptionChoice } from 'discord.js';
import type { Engine } from '../engine/types.js';
import { createExpiringMap, type ExpiringMap } from './expiring-map.js';

// Autocomplete runs on every keystroke of every member, and members type the same beginnings ("wha", "how
// much", "does sel"): the engine's answer to a prefix depends on nothing else, so the last few hundred are
// kept. Per engine: a knowledge reload swaps the engine, and the cache starts empty with it.

export type Choices = readonly APIApplicationCommandOptionChoice<string>[];

export const CHOICE_CACHE = {
  /** Prefixes kept; the oldest goes first. A few hundred cover the shared beginnings of questions. */
  size: 256,
  /** Longer input is a whole question typed out or pasted, seldom typed twice: not kept. */
  maxTypedLength: 40,
} as const;

export interface ChoiceCache {
  /** The choices for what was `typed` into `option` (e.g. `ask:question`) from `engine`, computed once while kept. */
  get(engine: Engine, option: string, typed: string, compute: () => Choices): Choices;
  readonly size: number;
}

export function createChoiceCache(size: number = CHOICE_CACHE.size): ChoiceCache {
  let owner: Engine | null = null;
  let held: ExpiringMap<Choices> = createExpiringMap(size);
  return {
    get(engine, option, typed, compute) {
      if (engine !== owner) {
        owner = engine;
        held = createExpiringMap(size);
      }
      if (typed.length > CHOICE_CACHE.maxTypedLength) return compute();
      const key = `${option}\n${typed}`;
      const kept = held.get(key);
      // Set again when read, so what members keep typing stays while one-off prefixes go first.
      const choices = kept ?? compute();
      held.set(key, choices, Number.POSITIVE_INFINITY);
      return choices;
    },
    get size() {
      return held.size;
    },
  };
}
