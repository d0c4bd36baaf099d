import { fileURLToPath } from 'node:url';
import type { Engine } from '../engine/types.js';
import { formatKnowledgeError, type KnowledgeBase, loadKnowledge } from '../knowledge/load.js';

/** knowledge/ next to src/, so `selene` works from any working directory. */
export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));

export class KnowledgeLoadError extends Error {
  constructor(readonly lines: string[]) {
    super(`the knowledge base has ${lines.length} error(s); run \`selene kb check\` for details`);
    this.name = 'KnowledgeLoadError';
  }
}

export function loadKnowledgeOrThrow(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeBase {
  const loaded = loadKnowledge(dir);
  if (!loaded.ok) throw new KnowledgeLoadError(loaded.errors.map(formatKnowledgeError));
  return loaded.kb;
}

/**
 * The engine is imported on demand: `kb check` and `kb schema` must work (and report the knowledge
 * base's errors) even while the engine itself fails to load.
 */
export async function loadEngine(dir: string = DEFAULT_KNOWLEDGE_DIR): Promise<{ engine: Engine; kb: KnowledgeBase }> {
  const kb = loadKnowledgeOrThrow(dir);
  const { createEngine } = await import('../engine/index.js');
  return { engine: createEngine(kb), kb };
}
