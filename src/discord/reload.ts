import type { Engine } from '../engine/types.js';
import { loadKnowledge } from '../knowledge/load.js';
import { formatKnowledgeError, type KnowledgeBase, type KnowledgeError } from '../knowledge/types.js';
import type { Logger } from '../log.js';
import { truncate } from './limits.js';

// Knowledge reload without a restart (SIGHUP or /reload). The running bot keeps its engine in its own
// context object; a reload builds a new engine aside and swaps it in only when everything loaded, so an
// invalid edit leaves the last good knowledge base answering.

export type ReloadResult =
  | { ok: true; entries: number; foods: number; sections: number }
  | { ok: false; errors: KnowledgeError[] };

/** Where the bot's current knowledge lives: the bot's context (one per bot, never a module global). */
export interface KnowledgeHolder {
  kb: KnowledgeBase;
  engine: Engine;
}

export function reloadKnowledge(
  holder: KnowledgeHolder,
  dir: string,
  engineFactory: (kb: KnowledgeBase) => Engine,
  logger: Logger,
): ReloadResult {
  let result: ReloadResult;
  try {
    const loaded = loadKnowledge(dir);
    if (loaded.ok) {
      // Built before the swap: a factory that throws leaves the old engine in place.
      const engine = engineFactory(loaded.kb);
      holder.kb = loaded.kb;
      holder.engine = engine;
      result = {
        ok: true,
        entries: loaded.kb.entries.length,
        foods: loaded.kb.foods.length + loaded.kb.usda.foods.length,
        sections: loaded.kb.article.resolvedSections.length,
      };
    } else {
      result = { ok: false, errors: loaded.errors };
    }
  } catch (err) {
    result = { ok: false, errors: [{ file: dir, path: '$', reason: `could not build the engine: ${String(err)}` }] };
  }
  if (result.ok) {
    logger.info({ dir, entries: result.entries, foods: result.foods }, 'knowledge reloaded');
  } else {
    for (const e of result.errors) {
      logger.error({ file: e.file, path: e.path, reason: e.reason }, `knowledge reload: ${formatKnowledgeError(e)}`);
    }
    logger.error(
      { dir, problems: result.errors.length },
      'knowledge reload refused; still answering from the last good knowledge base',
    );
  }
  return result;
}

const MAX_LISTED = 10;

/** The owner's view of a reload: counts, or every problem (file, JSON path, reason) up to a screenful. */
export function describeReload(result: ReloadResult): string {
  if (result.ok) {
    return `✅ Knowledge reloaded: ${result.entries} entries, ${result.sections} article sections, ${result.foods} foods.`;
  }
  const lines = result.errors.slice(0, MAX_LISTED).map((e) => `• \`${e.file}\` \`${e.path}\`: ${e.reason}`);
  const more = result.errors.length - MAX_LISTED;
  return truncate(
    [
      `❌ Knowledge not reloaded: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}. Still answering from the last good knowledge base.`,
      ...lines,
      ...(more > 0 ? [`…and ${more} more (see the log).`] : []),
    ].join('\n'),
    2000,
  );
}
