// `promptops mock-llm`: a local OpenAI- and Anthropic-compatible provider simulator. See README.md.

export { startMockLlm } from './server.js';
export type { MockLlmServer } from './server.js';
export { DEFAULT_MOCK_LLM_PORT, DEFAULT_MODELS, MOCK_LLM_USAGE, parseMockLlmArgs } from './options.js';
export type { MockLlmOptions, ParsedMockLlmArgs } from './options.js';
export type { RuntimeConfig } from './admin-routes.js';
export type { MockStats, RecordedRequest } from './context.js';
export type { QueuedFaultInput } from './controls.js';
export { countPromptTokens, countTextTokens } from './tokens.js';
export type { PromptMessage } from './tokens.js';
