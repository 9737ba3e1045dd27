// The fake Slack (Web API, response URLs, Socket Mode, signed HTTP deliveries on 127.0.0.1) that
// tests and the acks bench run the real Bolt against: what they may import from it. See README.md.
export { FakeSlack, startFakeSlack, type FakeSlackOptions, type PostToAppOptions, type AppResponse } from './server.js';
export type { ApiCall, TokenType, RateLimitOptions, FailOptions, MethodHandler, MethodContext } from './web-api.js';
export type { ResponseHook, ResponsePost } from './response-url.js';
export type { SocketAck, SentEnvelope, SocketConnectionRecord, SendEnvelopeOptions } from './socket-mode.js';
export type { BuiltDelivery, EnvelopeType, SlashCommandInput, BlockActionInput, MessageEventInput, EventCallbackOptions } from './payloads.js';
export { computeSignature, signedRequest, verifySignature, type SignedRequest } from './sign.js';
export { LIMITS, validateBlocks, validateMessage } from './blocks.js';
export { DEFAULT_IDS, type FakeUser, type FakeChannel, type FakeMessage, type FakeEphemeral, type FakeUserSpec, type FakeChannelSpec } from './world.js';
