import { createContext } from '../../src/engine/context.js';
import { createEngine } from '../../src/engine/index.js';
import { nextContext } from '../../src/engine/turns.js';
import type { Answer, Engine, Turn } from '../../src/engine/types.js';
import { loadProjectKnowledge } from './answer-schema.js';

// Replaying a conversation through the engine as an adapter would: each message read with the turns before it.

/** `engine` is read on each call, so a suite may create its engine in beforeAll. */
export function conversing(engine: () => Engine) {
  return {
    /** The conversation's answers, each asked with the context of the ones before it. */
    converse(...messages: string[]): Answer[] {
      let context: Turn[] = [];
      return messages.map((m) => {
        const answer = engine().ask(m, context);
        context = nextContext(context, m, answer);
        return answer;
      });
    },
    /** The context after these messages. */
    contextOf: (...messages: string[]): Turn[] =>
      messages.reduce<Turn[]>((context, m) => nextContext(context, m, engine().ask(m, context)), []),
  };
}

/**
 * The project's knowledge, its compiled context and an engine, built once per test file, with `converse`
 * and `contextOf` bound to that engine: the setup every follow-up mechanism's tests share.
 */
export function projectEngine() {
  const kb = loadProjectKnowledge();
  const ctx = createContext(kb);
  const engine = createEngine(kb);
  return { kb, ctx, engine, ...conversing(() => engine) };
}
