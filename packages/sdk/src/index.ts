export {
  PromptOps,
  type CacheOptions,
  type GetPromptOptions,
  type PromptOpsOptions,
  type PromptParams,
  type RunOptions,
  type Variables,
} from './promptops.js';
export type {
  FallbackPrompt,
  FetchedPrompt,
  Prompt,
  PromptFallback,
  PromptVersion,
  ChatMessage,
} from './prompt.js';
export { render, RenderError, type RenderedPrompt } from './render.js';
export { RunStream, type Execution, type RunEvent } from './run-stream.js';
export type { ChangeFeedState, PlatformEvent } from './change-feed.js';
export {
  ApiError,
  AuthenticationError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  PromptOpsError,
  RateLimitError,
  type Problem,
} from './errors.js';
export type { RetryOptions } from './retry.js';
export { parseSse, type SseMessage } from './sse.js';
// The generated typed client, for routes the SDK has no shortcut for.
export {
  createClient,
  unwrap,
  type ClientOptions,
  type PromptOpsClient,
  type Schemas,
  type paths,
  type components,
  type operations,
} from '@promptops/client';
