import { openBackend } from '../../src/store/index.js';
import { storeContract } from './contract.js';
import { recordingLogger, tempDataDir } from './helpers.js';

storeContract('SQLite', {
  fresh: async () => {
    const dataDir = tempDataDir();
    return { open: (clock) => openBackend({ dataDir, logger: recordingLogger(), ...(clock ? { clock } : {}) }) };
  },
  // Every read goes to the file: a change is seen at once.
  propagationMs: 0,
});
