// The fake Discord (REST v10 and gateway on 127.0.0.1) that tests and the acks bench run the real
// discord.js against: what they may import from it. How it behaves: README.md beside this file.
export { FakeDiscord, startFakeDiscord, type FakeDiscordOptions } from './server.js';
export type { InteractionEvent, InteractionCallbackRecord, InteractionState } from './api.js';
export type { GatewayConnectionRecord, IdentifyRecord, ResumeRecord, DispatchRecord } from './gateway.js';
export type { CommandTarget, InteractionTarget, OptionValue, FakeInteractionPayload } from './interactions.js';
export type { RecordedRequest, RecordedFile, RateLimitOptions } from './rest.js';
export { ApiError, Perm, snowflake, type DiscordErrorBody } from './util.js';
export { DEFAULT_IDS, DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, type FakeGuildSpec, type FakeGuild, type FakeUser } from './world.js';
