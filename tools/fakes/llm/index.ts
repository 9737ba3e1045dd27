// The fake language-model server's public face, as for the Discord and Slack fakes: tests and
// scripts import from here.
export { DEFAULT_QUESTIONS, startFakeLlm, type FakeLlm, type FakeLlmAnswer, type FakeLlmOptions, type FakeLlmRequest } from './server.js';
