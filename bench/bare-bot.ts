// The baseline every bot figure is compared with: a bare discord.js bot that answers a fixed string to
// every mention, a fixed choice to every autocomplete and a fixed reply to every slash command. It is
// built by Selene's own createClient (same intents, partials, caches, allowed mentions and REST settings)
// and replies to a mention as Selene does, with one REST POST carrying a message reference (not
// message.reply(), which also builds and caches a Message: a slower baseline would flatter the ratio).
// What Selene costs beyond it is Selene's own work: the engine, rendering, the store and metrics.
import { Events, type Interaction, type Message, Routes } from 'discord.js';
import type { Config } from '../src/config.js';
import { createClient } from '../src/discord/client.js';
import type { ServedBot } from './child.js';

export const BARE_REPLY = 'Selenium is a trace mineral.';
const BARE_CHOICES = [{ name: 'what is selenium?', value: 'what is selenium?' }];

/** Logs in with Selene's client settings and resolves once the gateway is ready. Registers no commands. */
export async function startBareBot(config: Pick<Config, 'token' | 'apiUrl'>): Promise<ServedBot> {
  const client = createClient({ apiUrl: config.apiUrl });
  const ignore = () => {};
  client.on(Events.MessageCreate, (message: Message) => {
    if (message.author.bot || !message.mentions.users.has(message.client.user.id)) return;
    const body = {
      content: BARE_REPLY,
      message_reference: { message_id: message.id, fail_if_not_exists: false },
      allowed_mentions: { parse: [], replied_user: false },
    };
    message.client.rest.post(Routes.channelMessages(message.channelId), { body }).catch(ignore);
  });
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (interaction.isAutocomplete()) interaction.respond(BARE_CHOICES).catch(ignore);
    else if (interaction.isChatInputCommand()) interaction.reply(BARE_REPLY).catch(ignore);
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.token);
  await ready;
  return { client, stop: () => client.destroy() };
}
