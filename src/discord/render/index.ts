// Rendering: engine results and knowledge in, Discord payloads out (pure). One file per kind of view; all
// text handling that keeps member text inert is in text.ts.

export { DISCLAIMER } from '../../engine/index.js';
export { type AnswerRenderOptions, MAX_SUGGESTIONS, renderAnswer, splitAnswerText } from './answer.js';
export {
  type KnownLink,
  renderArticle,
  renderHelp,
  renderLinkCard,
  renderSection,
  renderTopics,
  TOPICS_PER_PAGE,
} from './browse.js';
export {
  type FoodFacts,
  type FoodRenderOptions,
  foodFacts,
  formatNumber,
  renderComparison,
  renderFood,
  renderTopFoods,
} from './food.js';
export { notices } from './notices.js';
export { type AllowedMentions, noMentions, payload, type ReplyPayload } from './payload.js';
export { INTENT_HELP, onOff, renderSettings, THREADS_MISSING_HERE } from './settings.js';
export { cleanText, echo, escapeMd, neutralise } from './text.js';
