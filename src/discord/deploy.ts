import { REST, Routes } from 'discord.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { commandDefinitions } from './commands/index.js';
import { syncCommands } from './register.js';

// `npm run deploy-commands`: the same registration the bot does on ready, by hand (skipped when unchanged).

const loaded = loadConfig();
if (!loaded.ok) {
  process.stderr.write(`selene: ${loaded.message}\n`);
  process.exit(1);
}
const { config } = loaded;
const logger = createLogger({ level: config.logLevel, format: config.logFormat });
const rest = new REST({ api: config.apiUrl }).setToken(config.token);

try {
  const applicationId = config.clientId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const result = await syncCommands(rest, { applicationId, guildId: config.devGuildId }, commandDefinitions(), logger);
  process.stdout.write(
    `${result === 'updated' ? 'Registered' : 'Unchanged:'} ${commandDefinitions().length} commands ${config.devGuildId ? `in guild ${config.devGuildId}` : 'globally (may take up to an hour to show everywhere)'}.\n`,
  );
} catch (err) {
  logger.error({ err }, 'command registration failed');
  process.stderr.write(`selene: command registration failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
