// `npm run slack:manifest`: prints the Slack app manifest for the command names in the
// environment or .env (SLACK_COMMAND, SLACK_COMMAND_PREFIX), to paste into Slack's app settings.
import { COMMANDS } from '../commands/index.js';
import { slackManifestYaml } from '../src/platforms/slack/manifest.js';
import { loadConfig } from '../src/config.js';
import { errorMessage, isUserError } from '../src/core/errors.js';

try {
  const config = loadConfig();
  process.stdout.write(slackManifestYaml({ command: config.SLACK_COMMAND, prefix: config.SLACK_COMMAND_PREFIX }, COMMANDS));
} catch (e) {
  process.stderr.write(`${isUserError(e) ? e.message : errorMessage(e)}\n`);
  process.exitCode = 1;
}
