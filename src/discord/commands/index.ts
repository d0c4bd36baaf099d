import type { ChatCommand, MessageMenuCommand } from '../context.js';
import { article } from './article.js';
import { ask } from './ask.js';
import { askSelene } from './ask-selene.js';
import { food } from './food.js';
import { help } from './help.js';
import { reload } from './reload.js';
import { settings } from './settings.js';
import { topics } from './topics.js';

// Adding a command means adding its file and one line here.
export const chatCommands: readonly ChatCommand[] = [ask, food, article, topics, help, settings, reload];
export const messageMenuCommands: readonly MessageMenuCommand[] = [askSelene];

/** What is registered with Discord (bulk overwrite). */
export const commandDefinitions = () => [...chatCommands, ...messageMenuCommands].map((c) => c.data);
