// Scroll-to-text fragments (https://wicg.github.io/scroll-to-text-fragment/): `#:~:text=start,end`
// makes browsers jump to and highlight the quoted sentence. `-`, `,` and `&` are syntax there,
// so they must be percent-encoded inside the terms.

const encodeTerm = (term: string): string =>
  encodeURIComponent(term).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');

// A fragment of a few words on each side is enough to be unique and keeps links short
// (embeds and buttons have URL length limits).
const EDGE_WORDS = 5;

export function textFragmentUrl(baseUrl: string, quote: string): string {
  const words = quote.replace(/\s+/g, ' ').trim().split(' ');
  const base = baseUrl.split('#')[0] ?? baseUrl;
  if (words.length <= EDGE_WORDS * 2 + 1) return `${base}#:~:text=${encodeTerm(words.join(' '))}`;
  const start = words.slice(0, EDGE_WORDS).join(' ');
  const end = words.slice(-EDGE_WORDS).join(' ');
  return `${base}#:~:text=${encodeTerm(start)},${encodeTerm(end)}`;
}
