// `npm run bench`: runs every benchmark in turn, prints each table and writes bench/results.md (one section
// per benchmark) and bench/latency.svg. `npm run bench -- engine foods` runs only the named ones. Speed and
// memory targets live here, never in timed tests. Add a benchmark by adding it to the list.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBotSection, measureBot } from './bot.js';
import { writeLatencyChart } from './chart.js';
import { formatConversationSection, measureConversations } from './conversations.js';
import { runEngineBench, writeSection } from './engine.js';
import { benchFoods } from './foods.js';
import { formatMemorySection, measureMemory } from './memory.js';
import { formatStoreSection, measureStores } from './store.js';

const results = join(fileURLToPath(new URL('.', import.meta.url)), 'results.md');

interface Bench {
  name: string;
  run: () => Promise<{ ok: boolean; text: string }>;
}

const benches: Bench[] = [
  {
    name: 'engine',
    run: async () => {
      const { ok, table, rows } = await runEngineBench();
      const chart = await writeLatencyChart(
        rows.map((r) => ({ entries: r.entries, p50: r.engineP50, p99: r.engineP99 })),
        join(fileURLToPath(new URL('.', import.meta.url)), 'latency.svg'),
      );
      return { ok, text: `${table}\n\nChart: ${chart}` };
    },
  },
  {
    name: 'foods',
    run: async () => {
      const text = await benchFoods();
      writeSection(results, 'Food index', text.replace(/^## .*\n+/, ''));
      return { ok: true, text };
    },
  },
  {
    name: 'bot',
    run: async () => {
      const result = await measureBot();
      const text = formatBotSection(result);
      writeSection(results, 'Whole bot', text.replace(/^## .*\n+/, ''));
      return { ok: result.ok, text };
    },
  },
  {
    name: 'conversations',
    run: async () => {
      const result = await measureConversations();
      const text = formatConversationSection(result);
      writeSection(results, 'Conversations', text);
      return { ok: result.ok, text };
    },
  },
  {
    name: 'memory',
    run: async () => {
      const result = await measureMemory();
      const text = formatMemorySection(result);
      writeSection(results, 'Memory and start-up', text.replace(/^## .*\n+/, ''));
      return { ok: result.ok, text };
    },
  },
  {
    name: 'store',
    run: async () => {
      const result = await measureStores();
      const text = formatStoreSection(result);
      writeSection(results, 'Store: SQLite and PostgreSQL', text);
      return { ok: result.ok, text };
    },
  },
];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !benches.some((b) => b.name === w));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (have: ${benches.map((b) => b.name).join(', ')})`);
  process.exit(2);
}

let allOk = true;
for (const bench of benches.filter((b) => !wanted.length || wanted.includes(b.name))) {
  process.stderr.write(`\n▶ ${bench.name}\n`);
  const { ok, text } = await bench.run();
  console.log(`\n${text}\n${ok ? '' : '(target missed)\n'}`);
  allOk &&= ok;
}
console.log(
  allOk ? 'All benchmark targets met; details in bench/results.md.' : 'Some targets missed; see bench/results.md.',
);
// Benchmarks that start servers may leave handles; the run is over.
process.exit(0);
