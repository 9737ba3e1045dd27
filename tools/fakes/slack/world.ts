// The fake workspace: team, users (with admin/owner flags), channels (membership, archived) and the
// messages the bot (or response_url) put into them.
import { messageTs, nowSeconds, slackId, type Json } from './util.js';

export const DEFAULT_IDS = {
  teamId: 'T0FAKETEAM1',
  teamDomain: 'fake-reading-group',
  enterpriseId: null as string | null,
  appId: 'A0FAKEAPP01',
  botId: 'B0FAKEBOT01',
  botUserId: 'U0FAKEBOT01',
  /** #general: public, the bot is a member. */
  channelId: 'C0GENERAL01',
  /** #random: public, the bot is NOT a member (chat.postMessage -> not_in_channel until conversations.join). */
  notMemberChannelId: 'C0RANDOM001',
  /** #old-book-club: public, archived (the bot was a member). */
  archivedChannelId: 'C0ARCHIVED1',
  /** #moderators: private, the bot is a member. */
  privateChannelId: 'G0PRIVATE01',
  /** A normal member ("reader"). */
  userId: 'U0READER001',
  /** A workspace admin (is_admin). */
  adminId: 'U0ADMIN0001',
  /** The workspace primary owner (is_owner, is_primary_owner, is_admin). */
  ownerId: 'U0OWNER0001',
} as const;

export interface FakeUser {
  id: string;
  name: string;
  real_name: string;
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  is_bot: boolean;
  deleted: boolean;
  tz: string;
  tz_label: string;
  tz_offset: number;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_im: boolean;
  is_archived: boolean;
  is_general: boolean;
  created: number;
  creator: string;
  topic: string;
  purpose: string;
  /** User ids (the bot user included when the bot is a member). */
  members: Set<string>;
  /** For IMs: the other user. */
  user?: string;
}

export interface FakeMessage {
  type: 'message';
  channel: string;
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  blocks?: Json[];
  attachments?: Json[];
  metadata?: Json;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  edited?: { user: string; ts: string };
  /** How it got there. */
  via: 'chat.postMessage' | 'chat.update' | 'response_url' | 'test';
  deleted?: boolean;
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: Json[];
  thread_ts?: string;
  via: 'chat.postEphemeral' | 'response_url';
}

export interface FakeUserSpec extends Partial<FakeUser> {
  name: string;
}

export interface FakeChannelSpec {
  id?: string;
  name: string;
  is_private?: boolean;
  is_archived?: boolean;
  /** Default true. */
  botIsMember?: boolean;
  /** Default: every human user. */
  members?: string[];
  topic?: string;
  purpose?: string;
}

export function makeUser(spec: FakeUserSpec): FakeUser {
  return {
    id: spec.id ?? slackId('U'),
    name: spec.name,
    real_name: spec.real_name ?? spec.name,
    is_admin: spec.is_admin ?? false,
    is_owner: spec.is_owner ?? false,
    is_primary_owner: spec.is_primary_owner ?? false,
    is_restricted: spec.is_restricted ?? false,
    is_ultra_restricted: spec.is_ultra_restricted ?? false,
    is_bot: spec.is_bot ?? false,
    deleted: spec.deleted ?? false,
    tz: spec.tz ?? 'Europe/London',
    tz_label: spec.tz_label ?? 'Greenwich Mean Time',
    tz_offset: spec.tz_offset ?? 0,
  };
}

export class World {
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages: FakeMessage[] = [];
  readonly ephemerals: FakeEphemeral[] = [];
  readonly created = nowSeconds() - 86_400 * 365;

  constructor(
    readonly team: { id: string; name: string; domain: string; enterpriseId: string | null },
    readonly app: { appId: string; botId: string; botUserId: string; botName: string },
  ) {
    this.users.set(app.botUserId, makeUser({ id: app.botUserId, name: app.botName, real_name: 'Fake Reading Bot', is_bot: true }));
  }

  addDefaults(): void {
    this.addUser({ id: DEFAULT_IDS.userId, name: 'reader', real_name: 'Rita Reader' });
    this.addUser({ id: DEFAULT_IDS.adminId, name: 'admin', real_name: 'Ada Admin', is_admin: true });
    this.addUser({ id: DEFAULT_IDS.ownerId, name: 'owner', real_name: 'Otto Owner', is_admin: true, is_owner: true, is_primary_owner: true });
    this.addChannel({ id: DEFAULT_IDS.channelId, name: 'general', topic: 'Reading group chat' });
    this.addChannel({ id: DEFAULT_IDS.notMemberChannelId, name: 'random', botIsMember: false });
    this.addChannel({ id: DEFAULT_IDS.archivedChannelId, name: 'old-book-club', is_archived: true });
    this.addChannel({ id: DEFAULT_IDS.privateChannelId, name: 'moderators', is_private: true, members: [DEFAULT_IDS.adminId, DEFAULT_IDS.ownerId] });
    const general = this.channels.get(DEFAULT_IDS.channelId);
    if (general) general.is_general = true;
  }

  addUser(spec: FakeUserSpec): FakeUser {
    const user = makeUser(spec);
    this.users.set(user.id, user);
    return user;
  }

  humanIds(): string[] {
    return [...this.users.values()].filter((u) => !u.is_bot && !u.deleted).map((u) => u.id);
  }

  addChannel(spec: FakeChannelSpec): FakeChannel {
    const id = spec.id ?? slackId(spec.is_private ? 'G' : 'C');
    const members = new Set(spec.members ?? this.humanIds());
    if (spec.botIsMember ?? true) members.add(this.app.botUserId);
    const channel: FakeChannel = {
      id,
      name: spec.name,
      is_private: spec.is_private ?? false,
      is_im: false,
      is_archived: spec.is_archived ?? false,
      is_general: false,
      created: this.created,
      creator: [...this.users.values()].find((u) => u.is_primary_owner)?.id ?? this.app.botUserId,
      topic: spec.topic ?? '',
      purpose: spec.purpose ?? '',
      members,
    };
    this.channels.set(id, channel);
    return channel;
  }

  /** The bot's DM with a user (created on first use, like chat.postMessage to a user id). */
  imWith(userId: string): FakeChannel {
    for (const c of this.channels.values()) if (c.is_im && c.user === userId) return c;
    const channel: FakeChannel = {
      id: slackId('D'),
      name: userId,
      is_private: true,
      is_im: true,
      is_archived: false,
      is_general: false,
      created: nowSeconds(),
      creator: this.app.botUserId,
      topic: '',
      purpose: '',
      members: new Set([userId, this.app.botUserId]),
      user: userId,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** Resolve what Slack accepts as `channel`: an id, `#name`/`name`, or a user id (the bot's DM with them). */
  resolveChannel(ref: unknown): FakeChannel | undefined {
    if (typeof ref !== 'string' || ref === '') return undefined;
    const direct = this.channels.get(ref);
    if (direct) return direct;
    if (/^[UW][A-Z0-9]+$/.test(ref) && this.users.has(ref) && ref !== this.app.botUserId) return this.imWith(ref);
    const name = ref.replace(/^#/, '');
    for (const c of this.channels.values()) if (!c.is_im && c.name === name) return c;
    return undefined;
  }

  /** What the bot can see: public channels, and private channels/IMs it belongs to. */
  visibleToBot(channel: FakeChannel | undefined): channel is FakeChannel {
    return channel !== undefined && (!channel.is_private || channel.members.has(this.app.botUserId));
  }

  botIsMember(channel: FakeChannel): boolean {
    return channel.members.has(this.app.botUserId);
  }

  findMessage(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  addMessage(message: Omit<FakeMessage, 'ts' | 'type' | 'team'> & { ts?: string }): FakeMessage {
    const stored: FakeMessage = { type: 'message', team: this.team.id, ...message, ts: message.ts ?? messageTs() };
    if (stored.thread_ts && stored.thread_ts !== stored.ts) {
      const parent = this.findMessage(stored.channel, stored.thread_ts);
      if (parent) {
        parent.reply_count = (parent.reply_count ?? 0) + 1;
        parent.thread_ts = parent.ts;
        stored.parent_user_id = parent.user ?? this.app.botUserId;
      }
    }
    this.messages.push(stored);
    return stored;
  }

  // ---------------------------------------------------------------- API shapes

  channelObject(c: FakeChannel, opts: { includeNumMembers?: boolean } = {}): Json {
    if (c.is_im) {
      return {
        id: c.id,
        created: c.created,
        is_im: true,
        is_org_shared: false,
        user: c.user,
        is_user_deleted: false,
        priority: 0,
        is_open: true,
        last_read: '0000000000.000000',
      };
    }
    const obj: Json = {
      id: c.id,
      name: c.name,
      is_channel: !c.is_private,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: c.is_private,
      created: c.created,
      is_archived: c.is_archived,
      is_general: c.is_general,
      unlinked: 0,
      name_normalized: c.name,
      is_shared: false,
      is_org_shared: false,
      is_pending_ext_shared: false,
      pending_shared: [],
      context_team_id: this.team.id,
      updated: c.created * 1000,
      parent_conversation: null,
      creator: c.creator,
      is_ext_shared: false,
      shared_team_ids: [this.team.id],
      pending_connected_team_ids: [],
      is_member: c.members.has(this.app.botUserId),
      topic: { value: c.topic, creator: c.topic ? c.creator : '', last_set: c.topic ? c.created : 0 },
      purpose: { value: c.purpose, creator: c.purpose ? c.creator : '', last_set: c.purpose ? c.created : 0 },
      previous_names: [],
    };
    if (opts.includeNumMembers) obj.num_members = c.members.size;
    return obj;
  }

  userObject(u: FakeUser): Json {
    const obj: Json = {
      id: u.id,
      team_id: this.team.id,
      name: u.name,
      deleted: u.deleted,
      color: '9f69e7',
      real_name: u.real_name,
      tz: u.tz,
      tz_label: u.tz_label,
      tz_offset: u.tz_offset,
      profile: {
        title: '',
        phone: '',
        skype: '',
        real_name: u.real_name,
        real_name_normalized: u.real_name,
        display_name: u.name,
        display_name_normalized: u.name,
        fields: null,
        status_text: '',
        status_emoji: '',
        status_expiration: 0,
        avatar_hash: 'g0000000000f',
        first_name: u.real_name.split(' ')[0] ?? '',
        last_name: u.real_name.split(' ').slice(1).join(' '),
        image_24: 'https://a.slack-edge.com/fake/24.png',
        image_48: 'https://a.slack-edge.com/fake/48.png',
        image_72: 'https://a.slack-edge.com/fake/72.png',
        team: this.team.id,
      },
      is_admin: u.is_admin,
      is_owner: u.is_owner,
      is_primary_owner: u.is_primary_owner,
      is_restricted: u.is_restricted,
      is_ultra_restricted: u.is_ultra_restricted,
      is_bot: u.is_bot,
      is_app_user: false,
      updated: this.created,
      is_email_confirmed: !u.is_bot,
      who_can_share_contact_card: 'EVERYONE',
    };
    if (u.is_bot) {
      obj.profile.bot_id = this.app.botId;
      obj.profile.api_app_id = this.app.appId;
    }
    return obj;
  }

  messageObject(m: FakeMessage): Json {
    const { via: _via, deleted: _deleted, channel: _channel, ...rest } = m;
    const out: Json = { ...rest };
    if (m.bot_id) {
      out.bot_profile = {
        id: this.app.botId,
        deleted: false,
        name: this.app.botName,
        updated: this.created,
        app_id: this.app.appId,
        icons: { image_36: 'https://a.slack-edge.com/fake/36.png' },
        team_id: this.team.id,
      };
    }
    return out;
  }
}
