import { buildProject } from '../../scripts/build.js';

// The process tests run what `npm start` runs: the built dist/, made here once before any test file.
export default async function setup(): Promise<void> {
  await buildProject();
}
