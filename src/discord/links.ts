import type { KnowledgeBase } from '../knowledge/types.js';
import type { KnownLink } from './render/index.js';

// Link cards: which URLs in a message point to something Selene knows. Pure, so the matching rules are
// unit-tested without Discord.

/** Members paste links with tracking queries, fragments, `www.` or not, with or without the last slash. */
export function linkKey(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  return `${host}${path}`;
}

/** The article, and each related article whose URL the knowledge base knows. */
export function knownLinks(kb: KnowledgeBase): KnownLink[] {
  const { article } = kb;
  const links: KnownLink[] = [
    {
      kind: 'article',
      title: article.title,
      url: article.url,
      publisher: article.publisher,
      // The first section is the article's own introduction: the closest thing it has to a summary.
      summary: article.resolvedSections[0]?.summary ?? article.title,
      sections: article.resolvedSections.map((s) => ({ id: s.id, title: s.title })),
    },
  ];
  for (const r of kb.related) {
    if (!r.url) continue;
    links.push({
      kind: 'related',
      title: r.title,
      url: r.url,
      publisher: r.publisher,
      summary: `Related reading from ${r.publisher}, recommended at the end of "${article.title}".`,
      sections: [],
    });
  }
  return links;
}

// Stops at whitespace and at the `<`/`>` of Discord's embed-suppressing `<https://...>` form.
const URL_PATTERN = /https?:\/\/[^\s<>]+/gi;
/** Punctuation that ends a sentence rather than the URL ("see https://...!"). */
const TRAILING = /[.,;:!?)\]}'"]+$/;

/** The first known link in a message, in the order the member wrote them. */
export function findKnownLink(content: string, links: readonly KnownLink[]): KnownLink | null {
  const byKey = new Map<string, KnownLink>();
  for (const link of links) {
    const key = linkKey(link.url);
    if (key && !byKey.has(key)) byKey.set(key, link);
  }
  for (const match of content.matchAll(URL_PATTERN)) {
    const key = linkKey(match[0].replace(TRAILING, ''));
    const link = key ? byKey.get(key) : undefined;
    if (link) return link;
  }
  return null;
}
