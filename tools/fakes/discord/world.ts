// The fake's "world": the bot user, application, users, guilds, roles, members, channels and threads.
// Objects are stored in (roughly) their Discord API v10 JSON shape so they can be sent as-is.
import { computePermissions, isoNow, Perm, snowflake, type Json, type Overwrite } from './util.js';

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
  system?: boolean;
  public_flags?: number;
  flags?: number;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: string;
  position: number;
  color: number;
  colors: { primary_color: number; secondary_color: number | null; tertiary_color: number | null };
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  flags: number;
  icon: string | null;
  unicode_emoji: string | null;
  tags?: { bot_id?: string };
}

export interface FakeMember {
  user: FakeUser;
  roles: string[];
  nick: string | null;
  avatar: string | null;
  banner: string | null;
  joined_at: string;
  premium_since: string | null;
  deaf: boolean;
  mute: boolean;
  pending: boolean;
  flags: number;
  communication_disabled_until: string | null;
}

export interface FakeChannel {
  id: string;
  type: number;
  name: string;
  guild_id: string;
  position: number;
  permission_overwrites: Overwrite[];
  parent_id: string | null;
  topic?: string | null;
  nsfw?: boolean;
  rate_limit_per_user?: number;
  last_message_id?: string | null;
  flags: number;
  // threads only
  owner_id?: string;
  message_count?: number;
  member_count?: number;
  total_message_sent?: number;
  thread_metadata?: {
    archived: boolean;
    auto_archive_duration: number;
    archive_timestamp: string;
    locked: boolean;
    invitable?: boolean;
    create_timestamp?: string;
  };
}

export interface FakeGuild {
  id: string;
  name: string;
  owner_id: string;
  roles: FakeRole[];
  members: FakeMember[];
  channels: FakeChannel[];
  threads: FakeChannel[];
  joined_at: string;
}

/** Spec for a custom guild passed to `startFakeDiscord({ guilds: [...] })`. */
export interface FakeGuildSpec {
  id?: string;
  name?: string;
  /** User id of the owner (owners have every permission). Defaults to the first non-bot member. */
  ownerId?: string;
  everyonePermissions?: bigint;
  /** Permissions of the bot's managed role. */
  botPermissions?: bigint;
  roles?: Array<{ id?: string; name: string; permissions: bigint }>;
  /** Channels. Overwrite targets: '@everyone', a role name or id, 'bot' (the bot user; with type 0 its managed role),
   * or a user id (give type: 1). */
  channels?: Array<{
    id?: string;
    name: string;
    type?: number;
    parent?: string;
    topic?: string;
    overwrites?: Array<{ target: string; type?: 0 | 1; allow?: bigint; deny?: bigint }>;
  }>;
  /** Human members (the bot is always a member). `roles` are role names or ids. */
  members?: Array<{ user: Partial<FakeUser> & { id: string; username: string }; roles?: string[]; nick?: string }>;
}

export const DEFAULT_EVERYONE_PERMISSIONS =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.SendMessagesInThreads |
  Perm.CreatePublicThreads |
  Perm.ReadMessageHistory |
  Perm.AddReactions |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.UseApplicationCommands |
  Perm.UseExternalEmojis |
  Perm.ChangeNickname |
  Perm.CreateInstantInvite |
  Perm.Connect |
  Perm.Speak;

export const DEFAULT_BOT_PERMISSIONS =
  DEFAULT_EVERYONE_PERMISSIONS | Perm.CreatePrivateThreads | Perm.ManageThreads | Perm.ManageMessages;

export function makeUser(partial: Partial<FakeUser> & { id: string; username: string }): FakeUser {
  return {
    global_name: partial.global_name ?? partial.username,
    discriminator: '0',
    avatar: null,
    public_flags: 0,
    flags: 0,
    ...partial,
  };
}

function makeRole(id: string, name: string, permissions: bigint, position: number, extra: Partial<FakeRole> = {}): FakeRole {
  return {
    id,
    name,
    permissions: permissions.toString(),
    position,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0,
    icon: null,
    unicode_emoji: null,
    ...extra,
  };
}

function makeMember(user: FakeUser, roles: string[], nick: string | null = null): FakeMember {
  return {
    user,
    roles,
    nick,
    avatar: null,
    banner: null,
    joined_at: isoNow(Date.now() - 86_400_000),
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    communication_disabled_until: null,
  };
}

/** Well-known ids of the default fixture (stable across runs, so tests can hard-code them if they want). */
export const DEFAULT_IDS = {
  applicationId: '1300000000000000001',
  botUserId: '1300000000000000001',
  guildId: '1300000000000000100',
  categoryId: '1300000000000000200',
  channelId: '1300000000000000201',
  readOnlyChannelId: '1300000000000000202',
  hiddenChannelId: '1300000000000000203',
  ownerId: '1300000000000000300',
  userId: '1300000000000000301',
  moderatorId: '1300000000000000302',
  botRoleId: '1300000000000000401',
  moderatorRoleId: '1300000000000000402',
} as const;

export class World {
  readonly users = new Map<string, FakeUser>();
  readonly guilds: FakeGuild[] = [];

  constructor(
    readonly botUser: FakeUser,
    readonly applicationId: string,
  ) {
    this.users.set(botUser.id, botUser);
  }

  /** The default guild: #general (everyone can talk), #read-only (@everyone denied SendMessages, the bot too),
   * #hidden (@everyone denied ViewChannel, the bot too), roles @everyone/Bot/Moderator, members owner/reader/moderator. */
  addDefaultGuild(): FakeGuild {
    const ids = DEFAULT_IDS;
    return this.addGuild({
      id: ids.guildId,
      name: 'Fake Reading Group',
      ownerId: ids.ownerId,
      roles: [{ id: ids.moderatorRoleId, name: 'Moderator', permissions: DEFAULT_EVERYONE_PERMISSIONS | Perm.ManageMessages | Perm.ManageThreads }],
      channels: [
        { id: ids.categoryId, name: 'Text Channels', type: 4 },
        { id: ids.channelId, name: 'general', parent: 'Text Channels', topic: 'General chat' },
        {
          id: ids.readOnlyChannelId,
          name: 'read-only',
          parent: 'Text Channels',
          overwrites: [{ target: '@everyone', deny: Perm.SendMessages }],
        },
        { id: ids.hiddenChannelId, name: 'hidden', parent: 'Text Channels', overwrites: [{ target: '@everyone', deny: Perm.ViewChannel }] },
      ],
      members: [
        { user: { id: ids.ownerId, username: 'owner' } },
        { user: { id: ids.userId, username: 'reader' } },
        { user: { id: ids.moderatorId, username: 'moderator' }, roles: ['Moderator'] },
      ],
    }, ids.botRoleId);
  }

  addGuild(spec: FakeGuildSpec, botRoleId: string = snowflake()): FakeGuild {
    const guildId = spec.id ?? snowflake();
    const roles: FakeRole[] = [
      makeRole(guildId, '@everyone', spec.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, 0),
      makeRole(botRoleId, this.botUser.username, spec.botPermissions ?? DEFAULT_BOT_PERMISSIONS, 1, {
        managed: true,
        tags: { bot_id: this.botUser.id },
      }),
    ];
    for (const [i, r] of (spec.roles ?? []).entries()) roles.push(makeRole(r.id ?? snowflake(), r.name, r.permissions, i + 2));
    const roleId = (ref: string): string => {
      if (ref === '@everyone') return guildId;
      if (ref === 'bot') return botRoleId;
      return roles.find((r) => r.name === ref || r.id === ref)?.id ?? ref;
    };

    const members: FakeMember[] = [makeMember(this.botUser, [botRoleId])];
    for (const m of spec.members ?? []) {
      const user = makeUser(m.user);
      this.users.set(user.id, user);
      members.push(makeMember(user, (m.roles ?? []).map(roleId), m.nick ?? null));
    }

    const channels: FakeChannel[] = [];
    for (const [i, c] of (spec.channels ?? [{ name: 'general' }]).entries()) {
      const type = c.type ?? 0;
      const overwrites: Overwrite[] = (c.overwrites ?? []).map((o) => {
        const allow = (o.allow ?? 0n).toString();
        const deny = (o.deny ?? 0n).toString();
        if (o.target === 'bot') {
          // 'bot' = a member overwrite for the bot user (type 1), or its managed role with type 0
          return o.type === 0 ? { id: botRoleId, type: 0, allow, deny } : { id: this.botUser.id, type: 1, allow, deny };
        }
        const role = o.target === '@everyone' ? roles[0] : roles.find((r) => r.name === o.target || r.id === o.target);
        if (role && o.type !== 1) return { id: role.id, type: 0, allow, deny };
        return { id: o.target, type: 1, allow, deny };
      });
      const channel: FakeChannel = {
        id: c.id ?? snowflake(),
        type,
        name: c.name,
        guild_id: guildId,
        position: i,
        permission_overwrites: overwrites,
        parent_id: c.parent ? (channels.find((p) => p.name === c.parent || p.id === c.parent)?.id ?? c.parent) : null,
        flags: 0,
      };
      if (type !== 4) {
        Object.assign(channel, { topic: c.topic ?? null, nsfw: false, rate_limit_per_user: 0, last_message_id: null });
      }
      channels.push(channel);
    }

    const ownerId = spec.ownerId ?? members.find((m) => !m.user.bot)?.user.id ?? this.botUser.id;
    const guild: FakeGuild = {
      id: guildId,
      name: spec.name ?? 'Fake Guild',
      owner_id: ownerId,
      roles,
      members,
      channels,
      threads: [],
      joined_at: isoNow(Date.now() - 86_400_000),
    };
    this.guilds.push(guild);
    return guild;
  }

  guild(id: string): FakeGuild | undefined {
    return this.guilds.find((g) => g.id === id);
  }

  /** Guild channel or thread by id. */
  channel(id: string): { guild: FakeGuild; channel: FakeChannel } | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === id) ?? guild.threads.find((c) => c.id === id);
      if (channel) return { guild, channel };
    }
    return undefined;
  }

  member(guild: FakeGuild, userId: string): FakeMember | undefined {
    return guild.members.find((m) => m.user.id === userId);
  }

  /** Permissions of a member in a channel (threads inherit from their parent), or guild-wide if no channel. */
  permissions(guild: FakeGuild, userId: string, channel?: FakeChannel): bigint {
    const member = this.member(guild, userId);
    let overwrites: Overwrite[] | null = null;
    if (channel) {
      const isThread = channel.type === 10 || channel.type === 11 || channel.type === 12;
      const source = isThread ? guild.channels.find((c) => c.id === channel.parent_id) : channel;
      overwrites = source?.permission_overwrites ?? [];
    }
    return computePermissions(
      {
        guildId: guild.id,
        ownerId: guild.owner_id,
        rolePermissions: new Map(guild.roles.map((r) => [r.id, BigInt(r.permissions)])),
        memberId: userId,
        memberRoles: member?.roles ?? [],
      },
      overwrites,
    );
  }

  /** GUILD_CREATE payload. Only the bot's own member is included unless the GuildMembers intent was requested. */
  guildCreatePayload(guild: FakeGuild, intents: number): Json {
    const withMembers = (intents & (1 << 1)) !== 0;
    const members = withMembers ? guild.members : guild.members.filter((m) => m.user.id === this.botUser.id);
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.owner_id,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: guild.roles,
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw: false,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      incidents_data: null,
      // GUILD_CREATE-only fields
      joined_at: guild.joined_at,
      large: false,
      unavailable: false,
      member_count: guild.members.length,
      voice_states: [],
      members,
      channels: guild.channels,
      threads: guild.threads,
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      lazy: true,
    };
  }

  /** Guild object as returned by GET /guilds/:id. */
  guildRestPayload(guild: FakeGuild): Json {
    const full = this.guildCreatePayload(guild, 0);
    for (const key of ['joined_at', 'large', 'unavailable', 'member_count', 'voice_states', 'members', 'channels', 'threads', 'presences', 'stage_instances', 'guild_scheduled_events', 'soundboard_sounds', 'lazy']) {
      delete full[key];
    }
    return full;
  }
}
