import { afterAll, beforeAll } from 'vitest';
import { openBackend } from '../../src/store/index.js';
import { storeContract } from './contract.js';
import { recordingLogger, tempDataDir } from './helpers.js';
import { startTestPostgres, type TestPostgres } from './postgres-server.js';

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.stop();
});

let databases = 0;
storeContract('PostgreSQL', {
  fresh: async () => {
    const url = await server.createDatabase(`contract_${++databases}`);
    const dataDir = tempDataDir();
    return {
      open: (clock) =>
        openBackend({
          databaseUrl: url,
          dataDir,
          hashSecret: 'a-test-secret-shared-by-hosts',
          logger: recordingLogger(),
          ...(clock ? { clock } : {}),
        }),
    };
  },
  // The bound: a change made on host A reaches host B within a second.
  propagationMs: 1000,
});
