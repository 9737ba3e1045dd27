// `npm run discord:register`: register (or update) the slash commands without starting the bot.
import { REST } from 'discord.js';
import { inviteUrl } from '../src/platforms/discord/invite.js';
import { registerCommands } from '../src/platforms/discord/register.js';
import { loadConfig } from '../src/config.js';
import { errorMessage, isUserError } from '../src/core/errors.js';

try {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID) {
    console.error('Set DISCORD_TOKEN and DISCORD_APP_ID (in .env or the environment) first; see the README, "Discord".');
    process.exit(2);
  }
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const outcome = await registerCommands(rest, config.DISCORD_APP_ID, config.DISCORD_GUILD_ID);
  const scope = config.DISCORD_GUILD_ID ? `in server ${config.DISCORD_GUILD_ID} (instant)` : 'globally (Discord may take a few minutes to show them)';
  console.log(outcome === 'updated' ? `Commands registered ${scope}.` : `Commands already up to date ${scope}.`);
  console.log(`Invite the bot with: ${inviteUrl(config.DISCORD_APP_ID)}`);
} catch (e) {
  console.error(isUserError(e) ? e.message : `Registration failed: ${errorMessage(e)}`);
  process.exit(1);
}
