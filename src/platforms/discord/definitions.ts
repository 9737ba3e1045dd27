// The commands as Discord application commands, derived from the one definition in commands/.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMANDS } from '../../../commands/index.js';
import type { OptionSpec } from '../../bot/command.js';

const clip = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1) + '…');

function option(o: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name: o.name, description: clip(o.description, 100), required: Boolean(o.required) };
  if (o.type === 'integer') return { ...base, type: ApplicationCommandOptionType.Integer };
  if (o.type === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  if (o.type === 'channel') return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] };
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    autocomplete: Boolean(o.autocomplete),
    max_length: o.autocomplete === 'source' ? 100 : 1000,
  };
}

// Discord lists required options first, and so must we or registration is refused. Free-text-only
// options are not shown.
const ordered = (options: OptionSpec[]) =>
  options.filter((o) => !o.hidden).sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required)));

export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return COMMANDS.map((c) => {
    const options: APIApplicationCommandOption[] = c.subcommands
      ? c.subcommands.map((s) => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: s.name,
          description: clip(s.description, 100),
          options: ordered([...c.options, ...s.options]).map(option),
        }))
      : ordered(c.options).map(option);
    return { type: ApplicationCommandType.ChatInput, name: c.name, description: clip(c.description, 100), options };
  });
}
