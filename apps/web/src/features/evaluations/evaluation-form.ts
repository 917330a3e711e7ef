import {
  CreateEvaluationRequest,
  EVALUATOR_TYPES,
  scoreKeys,
  type Evaluator,
  type EvaluatorType,
} from '@promptops/contracts';
import { humanMessage } from '../../app/human-messages';
import { bodyFieldSegments } from '../../app/problem';

/**
 * The new-evaluation form as the user fills it in (strings where people type), and its
 * conversion to the request the contract fixes. Validation is the contract's own schema.
 */

export type PromptPin = 'latest' | 'version' | 'label';

export interface PromptRefDraft {
  name: string;
  pin: PromptPin;
  version: number | '';
  label: string;
}

export interface VariantDraft {
  name: string;
  prompt: PromptRefDraft;
  /** null: the prompt version's own model. */
  modelId: string | null;
}

export const ROUGE_TYPES = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const;

export interface EvaluatorDraft {
  type: EvaluatorType;
  name: string;
  rougeTypes: string[];
  stemmer: boolean;
  ignoreCase: boolean;
  pattern: string;
  schemaText: string;
  judgePrompt: PromptRefDraft;
  judgeModelId: string | null;
  code: string;
  embedder: string;
}

export interface EvaluationDraft {
  name: string;
  datasetId: string | null;
  /** '' for the current version. */
  datasetVersion: number | '';
  variants: VariantDraft[];
  evaluators: EvaluatorDraft[];
  repetitions: number;
  concurrency: number;
  /** '' for no cap. */
  maxCostUsd: string;
}

export const EVALUATOR_LABELS: Record<EvaluatorType, { label: string; description: string }> = {
  bleu: { label: 'BLEU', description: 'n-gram overlap with expected (sacrebleu, 0–100)' },
  chrf: { label: 'chrF', description: 'character n-gram F-score (sacrebleu, 0–100)' },
  ter: { label: 'TER', description: 'translation edit rate, lower is better (0–100+)' },
  rouge: { label: 'ROUGE', description: 'rouge-score F-measure per type' },
  'semantic-similarity': { label: 'Semantic similarity', description: 'cosine of embeddings' },
  'exact-match': { label: 'Exact match', description: '1 when output equals expected' },
  contains: { label: 'Contains', description: '1 when output contains expected (or a pattern)' },
  regex: { label: 'Regex', description: '1 when output matches a pattern' },
  'json-schema': { label: 'JSON schema', description: '1 when output is JSON valid against a schema' },
  levenshtein: { label: 'Levenshtein', description: 'normalised edit similarity to expected' },
  'llm-judge': { label: 'LLM judge', description: 'a judge prompt scores each output 0–1' },
  custom: { label: 'Custom code', description: 'your JavaScript function, run in a sandbox' },
  latency: { label: 'Latency', description: 'milliseconds per call, lower is better' },
  cost: { label: 'Cost', description: 'USD per call, lower is better' },
};

export const EVALUATOR_OPTIONS = EVALUATOR_TYPES.map((type) => ({
  value: type,
  label: EVALUATOR_LABELS[type].label,
}));

export const DEFAULT_CUSTOM_CODE = `(output, expected, input) => {
  // Return a number (a score) or a boolean (pass = 1, fail = 0).
  return output.trim().length > 0;
}`;

export const DEFAULT_SCHEMA = `{
  "type": "object",
  "required": ["answer"]
}`;

export function emptyPromptRef(name = ''): PromptRefDraft {
  return { name, pin: 'latest', version: '', label: '' };
}

export function newVariant(promptName = ''): VariantDraft {
  return { name: '', prompt: emptyPromptRef(promptName), modelId: null };
}

export function newEvaluator(type: EvaluatorType): EvaluatorDraft {
  return {
    type,
    name: type === 'custom' ? 'custom_score' : '',
    rougeTypes: [...ROUGE_TYPES],
    stemmer: false,
    ignoreCase: false,
    pattern: '',
    schemaText: DEFAULT_SCHEMA,
    judgePrompt: emptyPromptRef(),
    judgeModelId: null,
    code: DEFAULT_CUSTOM_CODE,
    embedder: '',
  };
}

/** The form of a stored evaluator (an evaluation gate's, say), for editing it again. */
export function evaluatorToDraft(evaluator: Evaluator): EvaluatorDraft {
  const draft: EvaluatorDraft = { ...newEvaluator(evaluator.type), name: evaluator.name ?? '' };
  const config = (evaluator.config ?? {}) as Record<string, unknown>;
  if (evaluator.type === 'rouge') {
    if (Array.isArray(config.types)) draft.rougeTypes = config.types as string[];
    draft.stemmer = config.stemmer === true;
  }
  if (typeof config.ignoreCase === 'boolean') draft.ignoreCase = config.ignoreCase;
  if (typeof config.pattern === 'string') draft.pattern = config.pattern;
  if (typeof config.embedder === 'string') draft.embedder = config.embedder;
  if (typeof config.code === 'string') draft.code = config.code;
  if (evaluator.type === 'json-schema') draft.schemaText = JSON.stringify(config.schema, null, 2);
  if (evaluator.type === 'llm-judge') {
    const { prompt, modelId } = evaluator.config;
    draft.judgeModelId = modelId;
    draft.judgePrompt = {
      name: prompt.name,
      pin: prompt.version !== undefined ? 'version' : prompt.label !== undefined ? 'label' : 'latest',
      version: prompt.version ?? '',
      label: prompt.label ?? '',
    };
  }
  return draft;
}

export function newDraft(datasetId: string | null = null): EvaluationDraft {
  return {
    name: '',
    datasetId,
    datasetVersion: '',
    variants: [newVariant()],
    evaluators: [newEvaluator('exact-match'), newEvaluator('latency')],
    repetitions: 1,
    concurrency: 10,
    maxCostUsd: '',
  };
}

export const MAX_VARIANTS = 8;
export const MAX_EVALUATORS = 20;

function promptRef(draft: PromptRefDraft): Record<string, unknown> {
  const ref: Record<string, unknown> = { name: draft.name.trim() };
  if (draft.pin === 'version' && draft.version !== '') ref.version = draft.version;
  if (draft.pin === 'label') ref.label = draft.label.trim();
  return ref;
}

/** Errors found before the schema runs (a schema that is not JSON), keyed like the schema's paths. */
type Errors = Record<string, string>;

/** An evaluator's request body; problems only the browser can see (a bad regex or JSON) go to `errors`. */
export function evaluatorBody(draft: EvaluatorDraft, index: number, errors: Errors): Record<string, unknown> {
  const body: Record<string, unknown> = { type: draft.type };
  if (draft.name.trim() !== '') body.name = draft.name.trim();
  switch (draft.type) {
    case 'rouge': {
      const config: Record<string, unknown> = {};
      if (draft.rougeTypes.length !== ROUGE_TYPES.length) config.types = draft.rougeTypes;
      if (draft.stemmer) config.stemmer = true;
      if (Object.keys(config).length > 0) body.config = config;
      break;
    }
    case 'semantic-similarity':
      body.config = { embedder: draft.embedder.trim() };
      break;
    case 'exact-match':
    case 'levenshtein':
      if (draft.ignoreCase) body.config = { ignoreCase: true };
      break;
    case 'contains': {
      const config: Record<string, unknown> = {};
      if (draft.ignoreCase) config.ignoreCase = true;
      if (draft.pattern !== '') config.pattern = draft.pattern;
      if (Object.keys(config).length > 0) body.config = config;
      break;
    }
    case 'regex':
      body.config = draft.ignoreCase
        ? { pattern: draft.pattern, ignoreCase: true }
        : { pattern: draft.pattern };
      if (draft.pattern !== '') {
        try {
          new RegExp(draft.pattern);
        } catch (e) {
          errors[`evaluators.${index}.config.pattern`] =
            `Not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
      break;
    case 'json-schema':
      try {
        body.config = { schema: JSON.parse(draft.schemaText) as unknown };
      } catch (e) {
        errors[`evaluators.${index}.config.schema`] =
          `The schema is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
      }
      break;
    case 'llm-judge':
      body.config = { prompt: promptRef(draft.judgePrompt), modelId: draft.judgeModelId ?? '' };
      break;
    case 'custom':
      body.config = { code: draft.code };
      break;
    default:
      break;
  }
  return body;
}

/** Labels for the last segment of a schema path, where the field name alone reads badly. */
const PATH_LABELS: Record<string, string> = {
  datasetId: 'Dataset',
  modelId: 'Model',
  embedder: 'Embedder',
  code: 'Code',
  pattern: 'Pattern',
  maxCostUsd: 'Cost cap',
};

export type DraftResult = { ok: true; request: CreateEvaluationRequest } | { ok: false; errors: Errors };

/** The request for a draft, or the problems keyed by path ("variants.1.prompt.name"). */
export function draftToRequest(draft: EvaluationDraft): DraftResult {
  const errors: Errors = {};
  const body: Record<string, unknown> = {
    datasetId: draft.datasetId ?? '',
    variants: draft.variants.map((v) => {
      const variant: Record<string, unknown> = { prompt: promptRef(v.prompt) };
      if (v.name.trim() !== '') variant.name = v.name.trim();
      if (v.modelId !== null) variant.modelId = v.modelId;
      return variant;
    }),
    evaluators: draft.evaluators.map((e, i) => evaluatorBody(e, i, errors)),
    repetitions: draft.repetitions,
    concurrency: draft.concurrency,
  };
  if (draft.name.trim() !== '') body.name = draft.name.trim();
  if (draft.datasetVersion !== '') body.datasetVersion = draft.datasetVersion;
  if (draft.maxCostUsd.trim() !== '') body.maxCostUsd = draft.maxCostUsd.trim();
  if (!draft.datasetId) errors.datasetId = 'Pick a dataset';
  draft.variants.forEach((v, i) => {
    if (v.prompt.name.trim() === '') errors[`variants.${i}.prompt.name`] = 'Pick a prompt';
    if (v.prompt.pin === 'version' && v.prompt.version === '')
      errors[`variants.${i}.prompt.version`] = 'Pick a version';
    if (v.prompt.pin === 'label' && v.prompt.label.trim() === '')
      errors[`variants.${i}.prompt.label`] = 'Pick a label';
  });
  draft.evaluators.forEach((e, i) => {
    if (e.type === 'llm-judge') {
      if (e.judgePrompt.name.trim() === '')
        errors[`evaluators.${i}.config.prompt.name`] = 'Pick a judge prompt';
      if (e.judgeModelId === null) errors[`evaluators.${i}.config.modelId`] = 'Pick a judge model';
    }
    if (e.type === 'semantic-similarity' && e.embedder.trim() === '')
      errors[`evaluators.${i}.config.embedder`] = 'Name a model directory or an embeddings model';
    if (e.type === 'regex' && e.pattern === '') errors[`evaluators.${i}.config.pattern`] = 'Give a pattern';
  });
  // The schema checks score keys only once everything else parses: say it as soon as it is true.
  const keys = new Map<string, number>();
  draft.evaluators.forEach((e, i) => {
    const keyed = {
      type: e.type,
      name: e.name.trim() || undefined,
      config: e.type === 'rouge' ? { types: e.rougeTypes } : undefined,
    } as Evaluator;
    for (const key of scoreKeys(keyed)) {
      const first = keys.get(key);
      if (first !== undefined)
        errors[`evaluators.${i}.name`] ??=
          `Score key “${key}” is already produced by evaluator ${first + 1}; give this one a name`;
      else keys.set(key, i);
    }
  });
  const parsed = CreateEvaluationRequest.safeParse(body);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.') || 'form';
      const last =
        issue.path
          .map(String)
          .filter((s) => !/^\d+$/.test(s))
          .at(-1) ?? 'form';
      errors[path] ??= humanMessage(PATH_LABELS[last] ?? last, issue.message);
    }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: body as CreateEvaluationRequest };
}

/** Model calls an evaluation will make: items × variants × repetitions, plus one per judge. */
export function plannedCalls(
  itemCount: number,
  draft: Pick<EvaluationDraft, 'variants' | 'evaluators' | 'repetitions'>,
): { runs: number; judgeCalls: number } {
  const runs = itemCount * draft.variants.length * draft.repetitions;
  const judges = draft.evaluators.filter((e) => e.type === 'llm-judge').length;
  return { runs, judgeCalls: runs * judges };
}

/** The errors under one prefix ("evaluators.2."), for a card that shows its own fields. */
export function errorsUnder(errors: Errors, prefix: string): Errors {
  const out: Errors = {};
  for (const [path, message] of Object.entries(errors))
    if (path.startsWith(prefix)) out[path.slice(prefix.length)] = message;
  return out;
}

/**
 * A refused request's field errors keyed like the draft's ("variants.1.prompt.name"): the
 * server may write paths as `body.variants.1…` or `/body/variants/1/…`.
 */
export function serverFieldErrors(errors: readonly { path: string; message: string }[]): Errors {
  const out: Errors = {};
  for (const e of errors) {
    const segments = bodyFieldSegments(e.path);
    const path = segments.join('.') || 'form';
    const last = segments.filter((s) => !/^\d+$/.test(s)).at(-1) ?? 'form';
    out[path] ??= humanMessage(PATH_LABELS[last] ?? last, e.message);
  }
  return out;
}
