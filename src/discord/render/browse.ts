import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
} from 'discord.js';
import { DISCLAIMER } from '../../engine/index.js';
import type { Topic } from '../../engine/types.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { encodeCustomId } from '../custom-ids.js';
import { clampEmbed, LIMITS, truncateWords } from '../limits.js';
import { BRAND_COLOUR, button, buttonRow, payload, type ReplyPayload } from './payload.js';
import { echo, link, safe } from './text.js';

// Views for browsing: the article and its sections, the topics list, help, and the link card.

/** /article: the article (or one section of it) as a rich embed, with related reading. */
export function renderArticle(kb: KnowledgeBase, sectionId: string | null): ReplyPayload {
  const { article } = kb;
  const section = sectionId ? article.resolvedSections.find((s) => s.id === sectionId) : undefined;
  const description = section
    ? [`**${safe(section.title)}**`, safe(section.summary), link('Jump to this section', section.url)].join('\n')
    : [
        'Selene answers questions from this article. Sections:',
        ...article.resolvedSections.map((s) => `• ${link(s.title, s.url)}`),
      ].join('\n');
  const related = kb.related.map((r) => `• ${link(r.title, r.url ?? null)} (${safe(r.publisher)})`);
  const embed: APIEmbed = clampEmbed({
    title: article.title,
    url: section?.url ?? article.url,
    author: { name: article.publisher },
    description,
    color: BRAND_COLOUR,
    fields: related.length ? [{ name: 'Related reading', value: related.join('\n') }] : [],
    footer: { text: 'Ask about it with /ask or by mentioning me. Not medical advice.' },
  });
  const unknown =
    sectionId && !section ? `I don't know a section called **${echo(sectionId, 80)}**; here is the whole article.` : '';
  return payload(unknown, { embeds: [embed] });
}

export const TOPICS_PER_PAGE = 8;

/** /topics: one page of what Selene knows, with prev/next buttons that carry the target page. */
export function renderTopics(topics: Topic[], page: number): ReplyPayload {
  const pages = Math.max(1, Math.ceil(topics.length / TOPICS_PER_PAGE));
  const p = Math.min(Math.max(page, 0), pages - 1);
  const shown = topics.slice(p * TOPICS_PER_PAGE, (p + 1) * TOPICS_PER_PAGE);
  const description = shown.length
    ? shown
        .map(
          (t) => `**${safe(t.title)}**${t.kind === 'related' ? ' (related reading)' : ''}\n-# try: ${safe(t.question)}`,
        )
        .join('\n')
    : 'No topics loaded.';
  const embed = clampEmbed<APIEmbed>({
    title: `What I can answer (${topics.length} topics)`,
    description,
    color: BRAND_COLOUR,
    footer: { text: `Page ${p + 1} of ${pages} · ask with /ask or mention me` },
  });
  const components = buttonRow([
    button(
      '◀ Previous',
      encodeCustomId({ kind: 'topics', page: Math.max(p - 1, 0), dir: 'p' }),
      ButtonStyle.Secondary,
      p === 0,
    ),
    button(
      'Next ▶',
      encodeCustomId({ kind: 'topics', page: Math.min(p + 1, pages - 1), dir: 'n' }),
      ButtonStyle.Secondary,
      p >= pages - 1,
    ),
  ]);
  return payload('', { embeds: [embed], components });
}

export function renderHelp(articleTitle: string): ReplyPayload {
  const embed = clampEmbed<APIEmbed>({
    title: 'Selene: questions about one selenium article',
    description: [
      `I answer from **${safe(articleTitle)}**, quoting it word for word with links to the quoted sentence. When the article does not cover something, I say so.`,
      '',
      '**Ask**: mention me with a question (`@Selene does selenium help with flu?`), DM me, or use `/ask`.',
      '`/ask question [private] [user]`: answer (only you see it with `private`; `user` mentions who it is for).',
      '`/food food [servings] [compare]`: selenium in a food, % Daily Value, RDA and upper limit; `/food food: top fish` lists the richest.',
      '`/article [section]`: the article link and a section summary, plus related reading.',
      '`/topics`: browse everything I know.',
      'Right-click a message → Apps → **Ask Selene**: answer that message.',
    ].join('\n'),
    color: BRAND_COLOUR,
    footer: { text: DISCLAIMER },
  });
  return payload('', { embeds: [embed] });
}

export interface KnownLink {
  kind: 'article' | 'related';
  title: string;
  url: string;
  publisher: string;
  /** Shown under the title: at most two lines. */
  summary: string;
  /** Section buttons (article only). */
  sections: { id: string; title: string }[];
}

/** Two short lines at most, whatever the source text's length. */
const TWO_LINES = 2 * 110;

/** A compact card for a link to the article (or related reading): title, two-line summary, sections as buttons. */
export function renderLinkCard(link: KnownLink): ReplyPayload {
  const embed = clampEmbed<APIEmbed>({
    title: link.title,
    url: link.url,
    author: { name: link.publisher },
    description: truncateWords(link.summary, TWO_LINES),
    color: BRAND_COLOUR,
    footer: {
      text:
        link.kind === 'article'
          ? 'Pick a section for its summary, or ask me about it. Not medical advice.'
          : 'Related reading. Ask me about the article it follows with /ask.',
    },
  });
  const buttons = link.sections
    .slice(0, LIMITS.buttonsPerRow * 2)
    .map((s) => button(s.title, encodeCustomId({ kind: 'section', id: s.id })));
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push(...buttonRow(buttons.slice(i, i + LIMITS.buttonsPerRow)));
  }
  return payload('', { embeds: [embed], components: rows });
}

/** A section button's answer: its summary and the link that jumps to it. */
export function renderSection(kb: KnowledgeBase, sectionId: string): ReplyPayload | null {
  const section = kb.article.resolvedSections.find((s) => s.id === sectionId);
  if (!section) return null;
  return payload(
    [
      `**${safe(section.title)}** · ${safe(kb.article.title)}`,
      safe(section.summary),
      link('Read this section', section.url),
      `-# ${DISCLAIMER}`,
    ].join('\n'),
  );
}
