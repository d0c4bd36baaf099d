import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Citation } from '../../engine/types.js';
import { LIMITS, truncate } from '../limits.js';
import { blockQuote, link, safe } from './text.js';

// Pure: engine results and knowledge in, Discord message payloads (API shape) out. No client, no I/O,
// so every layout decision is unit-tested without a gateway. This file has the pieces every view shares.

export interface AllowedMentions {
  /** Always empty: no @everyone, @here, role or user ping is ever parsed from the text. */
  parse: [];
  /** The only users that may be pinged (the /ask `user` option). */
  users: string[];
  /** Replies do not ping the member they answer: the reply arrow already shows whom it is for. */
  replied_user: boolean;
}

export interface ReplyPayload {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowed_mentions: AllowedMentions;
}

export const BRAND_COLOUR = 0x8fbc8f;

export const noMentions = (users: string[] = []): AllowedMentions => ({ parse: [], users, replied_user: false });

/** A plain reply: text only, no embeds or buttons, pinging nobody. */
export const payload = (content: string, extra: Partial<ReplyPayload> = {}): ReplyPayload => ({
  content,
  embeds: [],
  components: [],
  allowed_mentions: noMentions(),
  ...extra,
});

/** An article quote (or table row) as a block quote, with the link to where it stands. */
export const renderCitation = (c: Citation): string =>
  blockQuote(`${c.kind === 'quote' ? `“${safe(c.quote)}”` : safe(c.quote)}\n— ${link(c.section, c.url)}`);

export const buttonRow = (
  buttons: APIButtonComponentWithCustomId[],
): APIActionRowComponent<APIButtonComponentWithCustomId>[] =>
  buttons.length ? [{ type: ComponentType.ActionRow, components: buttons.slice(0, LIMITS.buttonsPerRow) }] : [];

export const button = (
  label: string,
  customId: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
  disabled = false,
): APIButtonComponentWithCustomId => ({
  type: ComponentType.Button,
  style,
  label: truncate(label, LIMITS.buttonLabel),
  custom_id: customId,
  disabled,
});
