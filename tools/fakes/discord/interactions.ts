// Builders for INTERACTION_CREATE payloads shaped like Discord API v10 gateway payloads.
import type {
  APIApplicationCommandAutocompleteGuildInteraction,
  APIChatInputApplicationCommandGuildInteraction,
  APIInteraction,
  APIMessage,
  APIMessageComponentGuildInteraction,
  APIModalSubmitGuildInteraction,
} from 'discord.js';
import { randomToken, snowflake, type Json } from './util.js';
import type { FakeChannel, FakeGuild, World } from './world.js';

/** A JS value for an option; its Discord type is taken from the registered command, else inferred
 * (string -> 3, integer -> 4, other number -> 10, boolean -> 5). */
export type OptionValue = string | number | boolean;

export interface InteractionTarget {
  /** User id of the invoking member (must be a member of the guild). Default: the default guild's "reader". */
  user?: string;
  /** Default: the first text channel of the guild. */
  channelId?: string;
  /** Default: the first guild. */
  guildId?: string;
  locale?: string;
}

export interface CommandTarget extends InteractionTarget {
  subcommand?: string;
  subcommandGroup?: string;
}

export interface RegisteredCommandLookup {
  (name: string, type: number, guildId: string): Json | undefined;
}

export type FakeInteractionPayload = APIInteraction;

export class InteractionBuilders {
  constructor(
    private readonly world: World,
    private readonly applicationId: string,
    private readonly defaultUserId: () => string,
    private readonly findCommand: RegisteredCommandLookup,
  ) {}

  private resolveTarget(target: InteractionTarget): { guild: FakeGuild; channel: FakeChannel; userId: string } {
    const guild = target.guildId ? this.world.guild(target.guildId) : this.world.guilds[0];
    if (!guild) throw new Error(`fake-discord: unknown guild ${target.guildId ?? '(none configured)'}`);
    const channel = target.channelId
      ? this.world.channel(target.channelId)?.channel
      : guild.channels.find((c) => c.type === 0 || c.type === 5);
    if (!channel) throw new Error(`fake-discord: unknown channel ${target.channelId ?? '(no text channel)'}`);
    const userId = target.user ?? this.defaultUserId();
    if (!this.world.member(guild, userId)) throw new Error(`fake-discord: user ${userId} is not a member of guild ${guild.id}`);
    return { guild, channel, userId };
  }

  /** Fields every guild interaction carries. */
  private base(target: InteractionTarget) {
    const { guild, channel, userId } = this.resolveTarget(target);
    const member = this.world.member(guild, userId)!;
    const userPerms = this.world.permissions(guild, userId, channel);
    const appPerms = this.world.permissions(guild, this.world.botUser.id, channel);
    const locale = (target.locale ?? 'en-US') as APIChatInputApplicationCommandGuildInteraction['locale'];
    return {
      guild,
      channel,
      fields: {
        id: snowflake(),
        application_id: this.applicationId,
        token: randomToken(),
        version: 1 as const,
        guild_id: guild.id,
        guild: { id: guild.id, locale: 'en-US', features: [] },
        guild_locale: 'en-US',
        channel_id: channel.id,
        channel: { ...channel, permissions: userPerms.toString() },
        member: { ...member, permissions: userPerms.toString() },
        app_permissions: appPerms.toString(),
        locale,
        entitlements: [],
        authorizing_integration_owners: { 0: guild.id },
        context: 0,
        attachment_size_limit: 10 * 1024 * 1024,
      },
    };
  }

  private optionDefs(command: Json | undefined, target: CommandTarget): Json[] | undefined {
    let defs: Json[] | undefined = command?.options;
    if (target.subcommandGroup) defs = defs?.find((o: Json) => o.type === 2 && o.name === target.subcommandGroup)?.options;
    if (target.subcommand) defs = defs?.find((o: Json) => o.type === 1 && o.name === target.subcommand)?.options;
    return defs;
  }

  private buildOptions(
    command: Json | undefined,
    values: Record<string, OptionValue>,
    target: CommandTarget,
    guild: FakeGuild,
    channel: FakeChannel,
    focused?: string,
  ): { options: Json[]; resolved?: Json } {
    const defs = this.optionDefs(command, target);
    const resolved: Json = {};
    const leaf: Json[] = Object.entries(values).map(([name, value]) => {
      const def = defs?.find((d: Json) => d.name === name);
      const type: number = def?.type ?? (typeof value === 'boolean' ? 5 : typeof value === 'number' ? (Number.isInteger(value) ? 4 : 10) : 3);
      if (name === focused) {
        // Discord sends the partially typed text of the focused option
        return { name, type, value: String(value), focused: true };
      }
      if (type === 6 || type === 9) {
        const member = this.world.member(guild, String(value));
        const user = this.world.users.get(String(value));
        if (user) {
          (resolved.users ??= {})[user.id] = user;
          if (member) {
            const { user: _omit, ...rest } = member;
            (resolved.members ??= {})[user.id] = { ...rest, permissions: this.world.permissions(guild, user.id, channel).toString() };
          }
        } else if (type === 9) {
          const role = guild.roles.find((r) => r.id === String(value));
          if (role) (resolved.roles ??= {})[role.id] = role;
        }
      } else if (type === 8) {
        const role = guild.roles.find((r) => r.id === String(value));
        if (role) (resolved.roles ??= {})[role.id] = role;
      } else if (type === 7) {
        const found = this.world.channel(String(value));
        if (found) {
          const c = found.channel;
          (resolved.channels ??= {})[c.id] = {
            id: c.id,
            name: c.name,
            type: c.type,
            permissions: this.world.permissions(guild, this.resolveUserForPerms(target), c).toString(),
            ...(c.thread_metadata ? { parent_id: c.parent_id, thread_metadata: c.thread_metadata } : {}),
          };
        }
      }
      return { name, type, value };
    });
    let options = leaf;
    if (target.subcommand) options = [{ name: target.subcommand, type: 1, options }];
    if (target.subcommandGroup) options = [{ name: target.subcommandGroup, type: 2, options }];
    return Object.keys(resolved).length ? { options, resolved } : { options };
  }

  private resolveUserForPerms(target: InteractionTarget): string {
    return target.user ?? this.defaultUserId();
  }

  private commandData(name: string, guild: FakeGuild): { id: string; guild_id?: string; command: Json | undefined } {
    const command = this.findCommand(name, 1, guild.id);
    return {
      id: command?.id ?? snowflake(),
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
      command,
    };
  }

  /** A slash command (`type: 2`, data.type 1). `options` may also be raw API options. */
  chatInput(name: string, options: Record<string, OptionValue> | Json[] = {}, target: CommandTarget = {}): APIChatInputApplicationCommandGuildInteraction {
    const { fields, guild, channel } = this.base(target);
    const { id, guild_id, command } = this.commandData(name, guild);
    const built = Array.isArray(options)
      ? { options }
      : this.buildOptions(command, options, target, guild, channel);
    const data: Json = { id, name, type: 1, ...(guild_id ? { guild_id } : {}) };
    if (built.options.length) data.options = built.options;
    if ('resolved' in built && built.resolved) data.resolved = built.resolved;
    return { ...fields, type: 2, data } as APIChatInputApplicationCommandGuildInteraction;
  }

  /** An autocomplete request (`type: 4`) with `focusedOption` being typed as `value`. */
  autocomplete(
    name: string,
    focusedOption: string,
    value: string,
    target: CommandTarget & { options?: Record<string, OptionValue> } = {},
  ): APIApplicationCommandAutocompleteGuildInteraction {
    const { fields, guild, channel } = this.base(target);
    const { id, guild_id, command } = this.commandData(name, guild);
    const built = this.buildOptions(command, { ...target.options, [focusedOption]: value }, target, guild, channel, focusedOption);
    const data: Json = { id, name, type: 1, options: built.options, ...(guild_id ? { guild_id } : {}) };
    return { ...fields, type: 4, data } as APIApplicationCommandAutocompleteGuildInteraction;
  }

  /** A button click (`type: 3`, component_type 2) on `message` (a full message object, e.g. from `fake.getMessage`). */
  button(customId: string, message: APIMessage, user?: string, target: InteractionTarget = {}): APIMessageComponentGuildInteraction {
    const { fields } = this.base({ ...target, channelId: target.channelId ?? message.channel_id, user: user ?? target.user });
    return {
      ...fields,
      type: 3,
      data: { custom_id: customId, component_type: 2 },
      message,
    } as APIMessageComponentGuildInteraction;
  }

  /** A string select (`type: 3`, component_type 3) on `message`. */
  stringSelect(customId: string, values: string[], message: APIMessage, user?: string, target: InteractionTarget = {}): APIMessageComponentGuildInteraction {
    const { fields } = this.base({ ...target, channelId: target.channelId ?? message.channel_id, user: user ?? target.user });
    return {
      ...fields,
      type: 3,
      data: { custom_id: customId, component_type: 3, values },
      message,
    } as APIMessageComponentGuildInteraction;
  }

  /** A modal submit (`type: 5`) with text inputs `{ customId: value }` (each in its own action row). */
  modalSubmit(customId: string, values: Record<string, string>, target: InteractionTarget & { message?: APIMessage } = {}): APIModalSubmitGuildInteraction {
    const { fields } = this.base(target);
    return {
      ...fields,
      type: 5,
      data: {
        custom_id: customId,
        components: Object.entries(values).map(([id, value]) => ({
          type: 1,
          components: [{ type: 4, custom_id: id, value }],
        })),
      },
      ...(target.message ? { message: target.message } : {}),
    } as APIModalSubmitGuildInteraction;
  }
}
