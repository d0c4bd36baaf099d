import type { Answer } from '../../src/engine/types.js';
import { refusalFixture } from '../fixtures/answer.js';

// Scripted engine answers: the eval runner's scoring rules are tested apart from the real engine's quality.

/** A refusal unless `over` says otherwise. */
export const scriptedAnswer = (over: Partial<Answer>): Answer => refusalFixture({ disclaimer: 'x', ...over });
