// Small helpers shared by the fake Discord: snowflakes, Discord-shaped errors,
// permission maths and "Invalid Form Body" validation.
import { randomBytes } from 'node:crypto';
import { PermissionFlagsBits } from 'discord.js';

/** Parsed JSON coming from the bot. Kept loose on purpose: we validate it like Discord does. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A real-looking snowflake (timestamp-based, unique within this process). */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export function randomToken(bytes = 48): string {
  return `aW50ZXJhY3Rpb246${randomBytes(bytes).toString('base64url')}`;
}

export function isoNow(at: number = Date.now()): string {
  return new Date(at).toISOString().replace('Z', '+00:00');
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: unknown;
}

/** Thrown by route handlers; turned into an HTTP response with Discord's JSON error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: DiscordErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${body.code} ${body.message}`);
  }
}

export const DiscordErrors = {
  unauthorized: () => new ApiError(401, { message: '401: Unauthorized', code: 0 }),
  notFound: () => new ApiError(404, { message: '404: Not Found', code: 0 }),
  methodNotAllowed: () => new ApiError(405, { message: '405: Method Not Allowed', code: 0 }),
  unknownApplication: () => new ApiError(404, { message: 'Unknown Application', code: 10002 }),
  unknownChannel: () => new ApiError(404, { message: 'Unknown Channel', code: 10003 }),
  unknownGuild: () => new ApiError(404, { message: 'Unknown Guild', code: 10004 }),
  unknownMember: () => new ApiError(404, { message: 'Unknown Member', code: 10007 }),
  unknownMessage: () => new ApiError(404, { message: 'Unknown Message', code: 10008 }),
  unknownWebhook: () => new ApiError(404, { message: 'Unknown Webhook', code: 10015 }),
  unknownInteraction: () => new ApiError(404, { message: 'Unknown interaction', code: 10062 }),
  unknownCommand: () => new ApiError(404, { message: 'Unknown application command', code: 10063 }),
  missingAccess: () => new ApiError(403, { message: 'Missing Access', code: 50001 }),
  missingPermissions: () => new ApiError(403, { message: 'Missing Permissions', code: 50013 }),
  emptyMessage: () => new ApiError(400, { message: 'Cannot send an empty message', code: 50006 }),
  nonTextChannel: () =>
    new ApiError(400, { message: 'Cannot send messages in a non-text channel', code: 50008 }),
  invalidChannelType: () =>
    new ApiError(400, { message: 'Cannot execute action on this channel type', code: 50024 }),
  invalidWebhookToken: () => new ApiError(401, { message: 'Invalid Webhook Token', code: 50027 }),
  alreadyAcknowledged: () =>
    new ApiError(400, { message: 'Interaction has already been acknowledged.', code: 40060 }),
  threadAlreadyExists: () =>
    new ApiError(400, { message: 'A thread has already been created for this message', code: 160004 }),
};

/** Default JSON bodies for `failNext(status)` when none is given. */
export function defaultErrorBody(status: number): DiscordErrorBody {
  switch (status) {
    case 400:
      return { message: '400: Bad Request', code: 0 };
    case 401:
      return { message: '401: Unauthorized', code: 0 };
    case 403:
      return { message: 'Missing Permissions', code: 50013 };
    case 404:
      return { message: '404: Not Found', code: 0 };
    case 500:
      return { message: '500: Internal Server Error', code: 0 };
    case 502:
      return { message: '502: Bad Gateway', code: 0 };
    case 503:
      return { message: '503: Service Unavailable', code: 0 };
    default:
      return { message: `${status}: Error`, code: 0 };
  }
}

/**
 * Collects "Invalid Form Body" errors in Discord's nested shape:
 * `{ code: 50035, message: 'Invalid Form Body', errors: { data: { content: { _errors: [{ code, message }] } } } }`
 */
export class FormErrors {
  private root: Record<string, Json> = {};
  private count = 0;

  add(path: ReadonlyArray<string | number>, code: string, message: string): void {
    let node: Record<string, Json> = this.root;
    for (const key of path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Record<string, Json>;
    }
    (node._errors ??= []).push({ code, message });
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  throwIfAny(): void {
    if (this.count > 0) {
      throw new ApiError(400, { code: 50035, message: 'Invalid Form Body', errors: this.root });
    }
  }
}

// ---------------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------------

export const Perm = PermissionFlagsBits;
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

export interface Overwrite {
  id: string;
  /** 0 = role, 1 = member */
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface PermissionSubject {
  guildId: string;
  ownerId: string;
  /** role id -> permissions bitfield */
  rolePermissions: Map<string, bigint>;
  memberId: string;
  memberRoles: readonly string[];
}

/** Discord's documented algorithm: base permissions, then channel overwrites. */
export function computePermissions(subject: PermissionSubject, overwrites: readonly Overwrite[] | null): bigint {
  if (subject.memberId === subject.ownerId) return ALL_PERMISSIONS;
  let base = subject.rolePermissions.get(subject.guildId) ?? 0n;
  for (const role of subject.memberRoles) base |= subject.rolePermissions.get(role) ?? 0n;
  if ((base & Perm.Administrator) === Perm.Administrator) return ALL_PERMISSIONS;
  if (!overwrites) return base;

  let perms = base;
  const everyone = overwrites.find((o) => o.id === subject.guildId);
  if (everyone) {
    perms &= ~BigInt(everyone.deny);
    perms |= BigInt(everyone.allow);
  }
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && subject.memberRoles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms &= ~deny;
  perms |= allow;
  const member = overwrites.find((o) => o.type === 1 && o.id === subject.memberId);
  if (member) {
    perms &= ~BigInt(member.deny);
    perms |= BigInt(member.allow);
  }
  return perms;
}

export function has(perms: bigint, flag: bigint): boolean {
  return (perms & flag) === flag;
}

// ---------------------------------------------------------------------------
// Message payload validation (subset of Discord's real limits)
// ---------------------------------------------------------------------------

export const MessageFlagBits = {
  Crossposted: 1 << 0,
  SuppressEmbeds: 1 << 2,
  HasThread: 1 << 5,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

function len(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

function maxLen(errs: FormErrors, path: Array<string | number>, value: unknown, max: number): void {
  if (value != null && len(value) > max) {
    errs.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }
}

/**
 * Validate a message create/edit body. `prefix` is where the errors go (`['data']` for interaction
 * callbacks). `requireContent` enables the "Cannot send an empty message" check.
 */
export function validateMessageBody(
  body: Json,
  opts: { prefix?: Array<string | number>; requireContent: boolean; fileCount?: number },
): void {
  const prefix = opts.prefix ?? [];
  const errs = new FormErrors();
  if (body == null || typeof body !== 'object') {
    errs.add(prefix, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    errs.throwIfAny();
    return;
  }
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const v2 = (flags & MessageFlagBits.IsComponentsV2) !== 0;

  if (body.content != null && typeof body.content !== 'string') {
    errs.add([...prefix, 'content'], 'BASE_TYPE_STRING', 'Must be a string.');
  }
  maxLen(errs, [...prefix, 'content'], body.content, 2000);
  if (v2 && (body.content || (Array.isArray(body.embeds) && body.embeds.length))) {
    errs.add(
      [...prefix, 'content'],
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      'The \'content\' and \'embeds\' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2',
    );
  }

  if (body.embeds != null) {
    if (!Array.isArray(body.embeds)) {
      errs.add([...prefix, 'embeds'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    } else {
      if (body.embeds.length > 10) {
        errs.add([...prefix, 'embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
      }
      let total = 0;
      body.embeds.forEach((embed: Json, i: number) => {
        const p = [...prefix, 'embeds', i];
        maxLen(errs, [...p, 'title'], embed?.title, 256);
        maxLen(errs, [...p, 'description'], embed?.description, 4096);
        maxLen(errs, [...p, 'footer', 'text'], embed?.footer?.text, 2048);
        maxLen(errs, [...p, 'author', 'name'], embed?.author?.name, 256);
        total += len(embed?.title) + len(embed?.description) + len(embed?.footer?.text) + len(embed?.author?.name);
        const fields = embed?.fields;
        if (Array.isArray(fields)) {
          if (fields.length > 25) {
            errs.add([...p, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
          }
          fields.forEach((f: Json, j: number) => {
            for (const key of ['name', 'value'] as const) {
              if (f?.[key] == null || f[key] === '') {
                errs.add([...p, 'fields', j, key], 'BASE_TYPE_REQUIRED', 'This field is required');
              }
            }
            maxLen(errs, [...p, 'fields', j, 'name'], f?.name, 256);
            maxLen(errs, [...p, 'fields', j, 'value'], f?.value, 1024);
            total += len(f?.name) + len(f?.value);
          });
        }
      });
      if (total > 6000) {
        errs.add([...prefix, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
      }
    }
  }

  if (body.components != null) {
    if (!Array.isArray(body.components)) {
      errs.add([...prefix, 'components'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    } else {
      const seen = new Set<string>();
      const walk = (component: Json, p: Array<string | number>): void => {
        if (component == null || typeof component !== 'object') return;
        if (typeof component.custom_id === 'string') {
          maxLen(errs, [...p, 'custom_id'], component.custom_id, 100);
          if (seen.has(component.custom_id)) {
            errs.add([...p, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
          }
          seen.add(component.custom_id);
        }
        if (component.type === 2) maxLen(errs, [...p, 'label'], component.label, 80);
        if (Array.isArray(component.components)) {
          component.components.forEach((c: Json, i: number) => walk(c, [...p, 'components', i]));
        }
      };
      if (!v2 && body.components.length > 5) {
        errs.add([...prefix, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
      }
      body.components.forEach((row: Json, i: number) => {
        const p = [...prefix, 'components', i];
        if (!v2) {
          if (row?.type !== 1) {
            errs.add([...p, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
          } else if (Array.isArray(row.components) && row.components.length > 5) {
            errs.add([...p, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
          }
        }
        walk(row, p);
      });
    }
  }

  const am = body.allowed_mentions;
  if (am != null) {
    const parse: unknown[] = Array.isArray(am.parse) ? am.parse : [];
    for (const [i, value] of parse.entries()) {
      if (value !== 'users' && value !== 'roles' && value !== 'everyone') {
        errs.add([...prefix, 'allowed_mentions', 'parse', i], 'ENUM_TYPE_COERCE', `Value "${String(value)}" is not a valid enum value.`);
      }
    }
    if (parse.includes('users') && Array.isArray(am.users) && am.users.length) {
      errs.add([...prefix, 'allowed_mentions'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["users"] and users: [ids] are mutually exclusive.');
    }
    if (parse.includes('roles') && Array.isArray(am.roles) && am.roles.length) {
      errs.add([...prefix, 'allowed_mentions'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["roles"] and roles: [ids] are mutually exclusive.');
    }
    if (Array.isArray(am.users) && am.users.length > 100) {
      errs.add([...prefix, 'allowed_mentions', 'users'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    }
  }

  if (body.nonce != null) {
    if (typeof body.nonce === 'string') maxLen(errs, [...prefix, 'nonce'], body.nonce, 25);
    else if (typeof body.nonce !== 'number') errs.add([...prefix, 'nonce'], 'BASE_TYPE_CHOICES', 'Must be a string or integer.');
  }

  errs.throwIfAny();

  if (opts.requireContent) {
    const hasContent = typeof body.content === 'string' && body.content.length > 0;
    const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
    const hasComponents = Array.isArray(body.components) && body.components.length > 0;
    const hasFiles = (opts.fileCount ?? 0) > 0 || (Array.isArray(body.attachments) && body.attachments.length > 0);
    const hasSticker = Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0;
    if (!hasContent && !hasEmbeds && !hasComponents && !hasFiles && !hasSticker && body.poll == null) {
      throw DiscordErrors.emptyMessage();
    }
  }
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Validate a list of application commands like bulk-overwrite does (subset). */
export function validateCommands(commands: Json): void {
  const errs = new FormErrors();
  if (!Array.isArray(commands)) {
    errs.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    errs.throwIfAny();
    return;
  }
  const names = new Set<string>();
  commands.forEach((cmd: Json, i: number) => {
    const type = cmd?.type ?? 1;
    if (typeof cmd?.name !== 'string' || !COMMAND_NAME.test(cmd.name)) {
      errs.add([i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    } else if (type === 1 && cmd.name !== cmd.name.toLowerCase()) {
      errs.add([i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    const key = `${type}:${cmd?.name}`;
    if (names.has(key)) errs.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    names.add(key);
    if (type === 1) {
      if (typeof cmd.description !== 'string' || len(cmd.description) < 1 || len(cmd.description) > 100) {
        errs.add([i, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      }
    }
    validateOptions(cmd?.options, [i, 'options'], errs);
  });
  const chatInputCount = commands.filter((c: Json) => (c?.type ?? 1) === 1).length;
  if (chatInputCount > 100) errs.add([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  errs.throwIfAny();
}

function validateOptions(options: Json, path: Array<string | number>, errs: FormErrors): void {
  if (options == null) return;
  if (!Array.isArray(options)) {
    errs.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (options.length > 25) errs.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((opt: Json, i: number) => {
    const p = [...path, i];
    if (typeof opt?.name !== 'string' || !COMMAND_NAME.test(opt.name) || opt.name !== opt.name.toLowerCase()) {
      errs.add([...p, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    if (names.has(opt?.name)) errs.add([...p, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    names.add(opt?.name);
    if (typeof opt?.description !== 'string' || len(opt.description) < 1 || len(opt.description) > 100) {
      errs.add([...p, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    }
    if (opt?.type === 1 || opt?.type === 2) {
      validateOptions(opt.options, [...p, 'options'], errs);
      return;
    }
    if (opt?.required) {
      if (sawOptional) {
        errs.add([...p, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      }
    } else {
      sawOptional = true;
    }
    if (Array.isArray(opt?.choices)) {
      if (opt.choices.length > 25) errs.add([...p, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      if (opt.autocomplete && opt.choices.length) {
        errs.add([...p, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE', 'Autocomplete cannot be enabled when choices are present');
      }
    }
  });
}

/** Autocomplete result (`type: 8`) choices. */
export function validateChoices(data: Json): void {
  const errs = new FormErrors();
  const choices = data?.choices;
  if (!Array.isArray(choices)) {
    errs.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    if (choices.length > 25) errs.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    choices.forEach((c: Json, i: number) => {
      if (typeof c?.name !== 'string' || len(c.name) < 1 || len(c.name) > 100) {
        errs.add(['data', 'choices', i, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      }
      if (c?.value == null) errs.add(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else if (typeof c.value === 'string') maxLen(errs, ['data', 'choices', i, 'value'], c.value, 100);
    });
  }
  errs.throwIfAny();
}

/** Modal (`type: 9`) data. */
export function validateModal(data: Json): void {
  const errs = new FormErrors();
  if (typeof data?.custom_id !== 'string' || !data.custom_id) errs.add(['data', 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else maxLen(errs, ['data', 'custom_id'], data.custom_id, 100);
  if (typeof data?.title !== 'string' || !data.title) errs.add(['data', 'title'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else maxLen(errs, ['data', 'title'], data.title, 45);
  if (!Array.isArray(data?.components) || data.components.length < 1 || data.components.length > 5) {
    errs.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  }
  errs.throwIfAny();
}
