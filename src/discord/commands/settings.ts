import {
  ApplicationIntegrationType,
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandChannelOption,
} from 'discord.js';
import {
  type GuildSettings,
  MAX_ANSWER_CHANNELS,
  MAX_COOLDOWN_SECONDS,
  type SettingsPatch,
} from '../../store/index.js';
import type { BotContext, ChatCommand } from '../context.js';
import { onOff, payload, type ReplyPayload, renderSettings, THREADS_MISSING_HERE } from '../render/index.js';
import { respond } from '../respond.js';
import { THREAD_PERMISSIONS } from '../threads.js';

// /settings: per-server configuration for members with Manage Server. Discord hides the command from
// others (default_member_permissions), and the handler checks again, because server admins can override
// command permissions in Integrations.

/** The text channel an answer-channel subcommand acts on. */
const channelOption = (o: SlashCommandChannelOption) =>
  o
    .setName('channel')
    .setDescription('The channel')
    .setRequired(true)
    .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement);

export const data = new SlashCommandBuilder()
  .setName('settings')
  .setDescription("View or change Selene's settings for this server (Manage Server only).")
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) => s.setName('view').setDescription('Show the current settings.'))
  .addSubcommand((s) =>
    s
      .setName('add-channel')
      .setDescription('Answer every question in a channel, no mention needed (needs the Message Content intent).')
      .addChannelOption(channelOption),
  )
  .addSubcommand((s) =>
    s
      .setName('remove-channel')
      .setDescription('Stop answering without a mention in a channel.')
      .addChannelOption(channelOption),
  )
  .addSubcommand((s) =>
    s
      .setName('private')
      .setDescription('Whether /ask answers privately unless the member chooses otherwise.')
      .addBooleanOption((o) =>
        o.setName('enabled').setDescription('On: only the asker sees answers').setRequired(true),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName('cooldown')
      .setDescription('Seconds a member waits between questions (0 turns it off).')
      .addIntegerOption((o) =>
        o
          .setName('seconds')
          .setDescription(`0 to ${MAX_COOLDOWN_SECONDS}`)
          .setRequired(true)
          .setMinValue(0)
          .setMaxValue(MAX_COOLDOWN_SECONDS),
      ),
  )
  .addSubcommand((s) =>
    s
      .setName('link-cards')
      .setDescription('Reply to links to the article in answer channels with a compact card.')
      .addBooleanOption((o) => o.setName('enabled').setDescription('On or off').setRequired(true)),
  )
  .addSubcommand((s) =>
    s
      .setName('threads')
      .setDescription('Answer mentions in a new thread on the question, so busy channels stay readable.')
      .addBooleanOption((o) => o.setName('enabled').setDescription('On or off').setRequired(true)),
  )
  .toJSON();

/** Discord ids are snowflakes: 17 to 20 digits. Anything else in a channel option was not sent by Discord. */
const SNOWFLAKE = /^\d{17,20}$/;

/** What is wrong with the subcommand's channel option, if it has one; null when it is fine or absent. */
function badChannel(interaction: ChatInputCommandInteraction): string | null {
  const option = interaction.options.get('channel');
  if (!option) return null;
  const id = String(option.value);
  return SNOWFLAKE.test(id) ? null : 'That is not a channel id I can use. Pick a text channel from the list.';
}

type Change = { patch: (current: GuildSettings) => SettingsPatch; note: (s: GuildSettings) => string };

/** The subcommand as a change to the settings, or null for `view`. */
function changeFor(interaction: ChatInputCommandInteraction): Change | null {
  const options = interaction.options;
  switch (options.getSubcommand(true)) {
    case 'add-channel': {
      const id = String(options.get('channel', true).value);
      return {
        patch: (c) => ({
          answerChannels: c.answerChannels.includes(id) ? c.answerChannels : [...c.answerChannels, id],
        }),
        note: () => `✅ I now answer questions in <#${id}> without a mention.`,
      };
    }
    case 'remove-channel': {
      const id = String(options.get('channel', true).value);
      return {
        patch: (c) => ({ answerChannels: c.answerChannels.filter((x) => x !== id) }),
        note: () => `✅ <#${id}> is no longer an answer channel.`,
      };
    }
    case 'private': {
      const enabled = options.getBoolean('enabled', true);
      return {
        patch: () => ({ privateByDefault: enabled }),
        note: () => `✅ Private answers by default: ${onOff(enabled)}.`,
      };
    }
    case 'cooldown': {
      const seconds = options.getInteger('seconds', true);
      return {
        patch: () => ({ cooldownSeconds: Math.min(Math.max(seconds, 0), MAX_COOLDOWN_SECONDS) }),
        note: (s) => `✅ Cooldown: ${s.cooldownSeconds} s.`,
      };
    }
    case 'link-cards': {
      const enabled = options.getBoolean('enabled', true);
      return { patch: () => ({ linkCards: enabled }), note: () => `✅ Link cards: ${onOff(enabled)}.` };
    }
    case 'threads': {
      const enabled = options.getBoolean('enabled', true);
      // Said at once when this very channel lacks them, rather than after the first plain reply.
      const lacking = enabled && !interaction.appPermissions.has([...THREAD_PERMISSIONS]);
      return {
        patch: () => ({ threads: enabled }),
        note: () => `✅ Answers in threads: ${onOff(enabled)}.${lacking ? `\n${THREADS_MISSING_HERE}` : ''}`,
      };
    }
    default:
      return null;
  }
}

async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const reply = (p: ReplyPayload) => respond(interaction, p, { ephemeral: true });
  if (!interaction.inGuild()) return void (await reply(payload('/settings only works in a server.')));
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    return void (await reply(payload('Only members with the **Manage Server** permission can use /settings.')));
  }
  const store = ctx.store;
  if (!store.saves) {
    return void (await reply(payload('Settings are not available: this bot runs without its database.')));
  }
  const intent = {
    messageContentIntent: ctx.messageContentIntent ?? false,
    threadGaps: ctx.threadGaps.channels(interaction.guildId),
  };
  const invalid = badChannel(interaction);
  if (invalid) return void (await reply(payload(`${invalid} Nothing changed.`)));
  const change = changeFor(interaction);
  if (!change) return void (await reply(renderSettings(store.settings(interaction.guildId), intent)));

  if (interaction.options.getSubcommand() === 'add-channel') {
    const current = store.settings(interaction.guildId);
    if (current.answerChannels.length >= MAX_ANSWER_CHANNELS) {
      return void (await reply(payload(`A server can have at most ${MAX_ANSWER_CHANNELS} answer channels.`)));
    }
  }
  const result = await store.updateSettings(interaction.guildId, change.patch);
  if (!result.ok && result.reason === 'invalid') {
    // The store refused the value itself: say so, it is not an outage to retry.
    return void (await reply(payload('That setting is not valid for this server. Nothing changed.')));
  }
  if (!result.ok) {
    ctx.logger.warn({ reason: result.reason }, 'settings not saved');
    return void (await reply(
      payload('Sorry, I could not save that setting right now (database unavailable). Nothing changed; try later.'),
    ));
  }
  await reply(renderSettings(result.settings, { ...intent, note: change.note(result.settings) }));
}

export const settings: ChatCommand = { data, cooldown: false, execute };
