// Options of the provider simulator and the parser for `promptops mock-llm` flags.

export const DEFAULT_MOCK_LLM_PORT = 4010;

export interface MockLlmOptions {
  /** Port to listen on; 0 (the default for `startMockLlm`) picks a free port. */
  port?: number;
  /** Interface to bind; defaults to 127.0.0.1 so the admin API is never exposed by accident. */
  host?: string;
  /** When set, every API request must carry this key (`Authorization: Bearer` or `x-api-key`). */
  key?: string;
  /** Delay before the first byte of every API response, in ms. */
  latencyMs?: number;
  /** Delay between two streamed content chunks, in ms. */
  chunkGapMs?: number;
  /** Number of streamed content chunks; 0 streams one word per chunk. */
  chunkCount?: number;
  /** Length of the generated reply in words (raised to `chunkCount` when that is larger). */
  replyWords?: number;
  /** Dimensions of embedding vectors when the request does not ask for `dimensions`. */
  embeddingDims?: number;
  /** Model ids listed by `GET /v1/models` (any model name is accepted in requests). */
  models?: string[];
  /** Requests per minute per API family (OpenAI, Anthropic) before a real 429. */
  rateLimitRequests?: number;
  /** Tokens (input + output) per minute per API family before a real 429. */
  rateLimitTokens?: number;
  /** Called once per finished API request with a one-line summary; unset means no logging. */
  log?: (line: string) => void;
}

/** Options after defaults; the behaviour knobs can be changed at run time through `/_mock/config`. */
export interface ResolvedMockLlmOptions {
  port: number;
  host: string;
  key: string | undefined;
  latencyMs: number;
  chunkGapMs: number;
  chunkCount: number;
  replyWords: number;
  embeddingDims: number;
  models: string[];
  rateLimitRequests: number;
  rateLimitTokens: number;
  log: ((line: string) => void) | undefined;
}

export const DEFAULT_MODELS = [
  'mock-gpt-4o',
  'mock-gpt-4o-mini',
  'mock-claude-sonnet',
  'mock-claude-haiku',
  'mock-embedding',
];

export function resolveOptions(opts: MockLlmOptions = {}): ResolvedMockLlmOptions {
  const resolved: ResolvedMockLlmOptions = {
    port: opts.port ?? 0,
    host: opts.host ?? '127.0.0.1',
    key: opts.key === '' ? undefined : opts.key,
    latencyMs: opts.latencyMs ?? 0,
    chunkGapMs: opts.chunkGapMs ?? 0,
    chunkCount: opts.chunkCount ?? 0,
    replyWords: opts.replyWords ?? 24,
    embeddingDims: opts.embeddingDims ?? 64,
    models: opts.models ?? DEFAULT_MODELS,
    rateLimitRequests: opts.rateLimitRequests ?? 10_000,
    rateLimitTokens: opts.rateLimitTokens ?? 50_000_000,
    log: opts.log,
  };
  assertNonNegativeInt('port', resolved.port);
  if (resolved.port > 65535) throw new Error('port must be at most 65535');
  for (const name of ['latencyMs', 'chunkGapMs', 'chunkCount'] as const)
    assertNonNegative(name, resolved[name]);
  for (const name of ['replyWords', 'embeddingDims', 'rateLimitRequests', 'rateLimitTokens'] as const) {
    assertNonNegativeInt(name, resolved[name]);
    if (resolved[name] < 1) throw new Error(`${name} must be at least 1`);
  }
  if (resolved.models.length === 0) throw new Error('models must not be empty');
  return resolved;
}

function assertNonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
}

function assertNonNegativeInt(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
}

export const MOCK_LLM_USAGE = `Usage: promptops mock-llm [options]

Local OpenAI- and Anthropic-compatible server with deterministic replies and fault injection.

Options:
  --port <n>          port to listen on (default ${DEFAULT_MOCK_LLM_PORT}; 0 picks a free port)
  --host <addr>       interface to bind (default 127.0.0.1)
  --key <key>         require this API key (Bearer or x-api-key); default: accept any
  --latency <ms>      delay before the first byte (default 0)
  --chunk-gap <ms>    delay between streamed chunks (default 0)
  --chunks <n>        streamed content chunks per reply; 0 = one per word (default 0)
  --reply-words <n>   reply length in words (default 24)
  --dims <n>          embedding dimensions (default 64)
  --models <a,b,...>  model ids listed by GET /v1/models (any name is accepted in requests)
  --rpm <n>           requests per minute before a real 429 (default 10000)
  --tpm <n>           tokens per minute before a real 429 (default 50000000)
  --verbose           print one line per request
  -h, --help          show this help
`;

type NumericOption =
  | 'port'
  | 'latencyMs'
  | 'chunkGapMs'
  | 'chunkCount'
  | 'replyWords'
  | 'embeddingDims'
  | 'rateLimitRequests'
  | 'rateLimitTokens';
const NUMERIC_FLAGS: Record<string, NumericOption> = {
  '--port': 'port',
  '--latency': 'latencyMs',
  '--chunk-gap': 'chunkGapMs',
  '--chunks': 'chunkCount',
  '--reply-words': 'replyWords',
  '--dims': 'embeddingDims',
  '--rpm': 'rateLimitRequests',
  '--tpm': 'rateLimitTokens',
};

/** The options of `parseMockLlmArgs`: `help` is set when `--help` was given. */
export type ParsedMockLlmArgs = MockLlmOptions & { help?: boolean };

/**
 * Parses `promptops mock-llm` arguments (`--flag value` or `--flag=value`). Throws an Error with a
 * readable message on unknown flags or bad values; `--verbose` logs to stderr.
 */
export function parseMockLlmArgs(argv: string[]): ParsedMockLlmArgs {
  const opts: ParsedMockLlmArgs = { port: DEFAULT_MOCK_LLM_PORT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const takeValue = (): string => {
      if (eq !== -1) return arg.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
      i++;
      return next;
    };
    if (flag === '-h' || flag === '--help') {
      opts.help = true;
    } else if (flag === '--verbose') {
      opts.log = (line) => process.stderr.write(`${line}\n`);
    } else if (flag === '--host') {
      opts.host = takeValue();
    } else if (flag === '--key') {
      opts.key = takeValue();
    } else if (flag === '--models') {
      opts.models = takeValue()
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
    } else if (Object.hasOwn(NUMERIC_FLAGS, flag)) {
      const option = NUMERIC_FLAGS[flag] as NumericOption;
      const raw = takeValue();
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || value < 0) {
        throw new Error(`${flag} must be a non-negative number, got "${raw}"`);
      }
      opts[option] = value;
    } else {
      throw new Error(`unknown option ${arg}\n\n${MOCK_LLM_USAGE}`);
    }
  }
  // Validate the combination the same way `startMockLlm` will, so the CLI fails before binding.
  const { help: _help, ...rest } = opts;
  resolveOptions(rest);
  return opts;
}
