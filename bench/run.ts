// `npm run bench`: runs every benchmark in turn. Each one prints its table and writes its own section of
// bench/results.md; add a benchmark by adding it to the list.
import { runEngineBench } from './engine.js';

const benches: { name: string; run: () => Promise<{ ok: boolean; table: string }> }[] = [
  { name: 'Engine', run: runEngineBench },
];

let allOk = true;
for (const bench of benches) {
  process.stderr.write(`${bench.name}\n`);
  const { ok, table } = await bench.run();
  console.log(`\n${bench.name}${ok ? '' : ' (target missed)'}\n${table}\n`);
  allOk &&= ok;
}
console.log(
  allOk ? 'All benchmark targets met; details in bench/results.md.' : 'Some targets missed; see bench/results.md.',
);
