// A small SVG line chart of engine latency against knowledge-base size, written by hand so the benchmark
// needs no charting dependency. Both axes are logarithmic: sizes span orders of magnitude, and so do p50 and p99.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEntryModule } from '../src/entry.js';

export interface LatencyPoint {
  entries: number;
  p50: number;
  p99: number;
}

const WIDTH = 560;
const HEIGHT = 320;
const PAD = { left: 64, right: 96, top: 36, bottom: 52 };
const COLOURS = { p50: '#2b6cb0', p99: '#c05621' } as const;

const escapeXml = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

const label = (n: number): string => (n >= 1000 ? `${n / 1000}k` : String(n));
const round = (n: number): string => (Math.round(n * 10) / 10).toString();

/**
 * The chart as SVG text. Points are sorted by size; sizes must be positive (log axis). Pure, so it can be
 * tested and reused without touching the disk.
 */
export function latencyChartSvg(
  points: readonly LatencyPoint[],
  title = 'Engine latency vs knowledge-base size',
): string {
  const data = points.filter((p) => p.entries > 0 && Number.isFinite(p.p50) && Number.isFinite(p.p99));
  data.sort((a, b) => a.entries - b.entries);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;

  // x: whole decades around the data, so tick labels are 10, 100, 1k, 10k ...
  const minDecade = Math.floor(Math.log10(data[0]?.entries ?? 1));
  const maxDecade = Math.max(minDecade + 1, Math.ceil(Math.log10(data[data.length - 1]?.entries ?? 10)));
  const x = (entries: number) => PAD.left + ((Math.log10(entries) - minDecade) / (maxDecade - minDecade)) * plotW;

  // y: log too, in whole decades, since p50 and p99 differ by an order of magnitude or more.
  const values = data.flatMap((p) => [p.p50, p.p99]).filter((v) => v > 0);
  const minY = Math.floor(Math.log10(Math.min(...values, 1)));
  const maxY = Math.max(minY + 1, Math.ceil(Math.log10(Math.max(...values, 1))));
  const y = (ms: number) => PAD.top + plotH - ((Math.log10(Math.max(ms, 10 ** minY)) - minY) / (maxY - minY)) * plotH;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  );

  for (let d = minY; d <= maxY; d++) {
    const yy = round(y(10 ** d));
    parts.push(
      `<line x1="${PAD.left}" y1="${yy}" x2="${PAD.left + plotW}" y2="${yy}" stroke="#e2e8f0"/>`,
      `<text x="${PAD.left - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle">${Number((10 ** d).toPrecision(1))}</text>`,
    );
  }
  for (let d = minDecade; d <= maxDecade; d++) {
    const xx = round(x(10 ** d));
    parts.push(
      `<line x1="${xx}" y1="${PAD.top}" x2="${xx}" y2="${PAD.top + plotH}" stroke="#e2e8f0"/>`,
      `<text x="${xx}" y="${PAD.top + plotH + 18}" text-anchor="middle">${label(10 ** d)}</text>`,
    );
  }
  parts.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#4a5568"/>`,
    `<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">knowledge-base entries (log scale)</text>`,
    `<text transform="translate(16 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">latency per question (ms, log scale)</text>`,
  );

  for (const key of ['p99', 'p50'] as const) {
    const coords = data.map((p) => `${round(x(p.entries))},${round(y(p[key]))}`);
    if (coords.length > 1) {
      parts.push(`<polyline points="${coords.join(' ')}" fill="none" stroke="${COLOURS[key]}" stroke-width="2"/>`);
    }
    for (const p of data) {
      parts.push(
        `<circle cx="${round(x(p.entries))}" cy="${round(y(p[key]))}" r="3.5" fill="${COLOURS[key]}"><title>${p.entries} entries: ${key} ${p[key].toFixed(3)} ms</title></circle>`,
      );
    }
  }
  const legendX = PAD.left + plotW + 14;
  (['p50', 'p99'] as const).forEach((key, i) => {
    const ly = PAD.top + 10 + i * 20;
    parts.push(
      `<line x1="${legendX}" y1="${ly}" x2="${legendX + 22}" y2="${ly}" stroke="${COLOURS[key]}" stroke-width="2"/>`,
      `<text x="${legendX + 28}" y="${ly}" dominant-baseline="middle">${key}</text>`,
    );
  });
  if (data.length === 0) {
    parts.push(`<text x="${PAD.left + plotW / 2}" y="${PAD.top + plotH / 2}" text-anchor="middle">no data</text>`);
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Writes the chart (creating the folder if needed) and returns the file path. */
export async function writeLatencyChart(points: LatencyPoint[], file = 'bench/latency.svg'): Promise<string> {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, latencyChartSvg(points));
  return file;
}

if (isEntryModule(import.meta.url)) {
  // Alone, it measures the engine quickly on the article and synthetic bases and draws them.
  const { measure, syntheticKnowledgeBase } = await import('./engine.js');
  const { loadKnowledge } = await import('../src/knowledge/load.js');
  const { loadBenchQuestions } = await import('./load.js');
  const loaded = loadKnowledge(fileURLToPath(new URL('../knowledge', import.meta.url)));
  if (!loaded.ok) throw new Error('knowledge/ does not load');
  const questions = loadBenchQuestions();
  const bases = [loaded.kb, ...[1_000, 10_000].map((n) => syntheticKnowledgeBase(loaded.kb, n))];
  const points = bases.map((kb, i) => {
    const row = measure(i === 0 ? 'article' : `synthetic ${kb.entries.length}`, kb, questions);
    return { entries: row.entries, p50: row.engineP50, p99: row.engineP99 };
  });
  console.log(await writeLatencyChart(points, fileURLToPath(new URL('./latency.svg', import.meta.url))));
}
