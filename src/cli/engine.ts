import { fileURLToPath } from 'node:url';
import type { Engine } from '../engine/types.js';
import { loadKnowledgeOrThrow } from '../knowledge/load.js';
import type { KnowledgeBase } from '../knowledge/types.js';

/** knowledge/ next to src/, so `selene` works from any working directory. */
export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge', import.meta.url));

/**
 * The engine is imported on demand: `kb check` and `kb schema` must work (and report the knowledge
 * base's errors) even while the engine itself fails to load.
 */
export async function loadEngine(dir: string = DEFAULT_KNOWLEDGE_DIR): Promise<{ engine: Engine; kb: KnowledgeBase }> {
  const kb = loadKnowledgeOrThrow(dir);
  const { createEngine } = await import('../engine/index.js');
  return { engine: createEngine(kb), kb };
}
