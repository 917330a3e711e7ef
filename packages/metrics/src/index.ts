export {
  corpusBleu,
  sentenceBleu,
  type BleuOptions,
  type BleuResult,
  type BleuSmoothing,
} from './bleu/bleu.js';
export { tokenizeForBleu, type BleuTokenizer } from './bleu/tokenizers.js';
export {
  corpusChrf,
  sentenceChrf,
  type ChrfNgramStats,
  type ChrfOptions,
  type ChrfResult,
} from './chrf/chrf.js';
export { corpusTer, sentenceTer, type TerOptions, type TerResult } from './ter/ter.js';
export {
  rouge,
  DEFAULT_ROUGE_TYPES,
  type RougeOptions,
  type RougeScore,
  type RougeType,
} from './rouge/rouge.js';
export { tokenizeForRouge } from './rouge/tokenize.js';
export { porterStem } from './rouge/porter-stemmer.js';
export { cosineSimilarity, type Vector } from './similarity.js';
export {
  abTestBinary,
  abTestContinuous,
  abTestContinuousFromSummary,
  betaCredibleInterval,
  normalMeanCredibleInterval,
  summarizeScores,
  type AbTestBinaryOptions,
  type AbTestCommonOptions,
  type AbTestContinuousOptions,
  type AbTestResult,
  type BinaryOutcomes,
  type Interval,
  type ScoreSummary,
  type VariantPosteriorSummary,
} from './stats/ab-test.js';
export {
  compareVariantsBinary,
  compareVariantsContinuous,
  MAX_VARIANTS,
  MIN_VARIANTS,
  posteriorCurve,
  type MultiVariantResult,
  type PosteriorCurvePoint,
  type PosteriorModel,
  type VariantComparison,
} from './stats/multi-variant.js';
export {
  inverseRegularizedIncompleteBeta,
  logGamma,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
} from './stats/special-functions.js';
export {
  runCustomMetric,
  runSandboxedFunction,
  type SandboxedResult,
  type CustomMetricErrorKind,
  type CustomMetricInput,
  type CustomMetricOptions,
  type CustomMetricResult,
} from './custom/run-custom-metric.js';
export {
  embeddingCacheKey,
  LruEmbeddingCache,
  semanticSimilarity,
  withEmbeddingCache,
  type CachedEmbedder,
  type Embedder,
  type EmbeddingCache,
} from './embeddings/embedder.js';
export { createOpenAIEmbedder, type OpenAIEmbedderOptions } from './embeddings/openai-embedder.js';
export {
  createHuggingFaceEmbedder,
  type HuggingFaceEmbedderOptions,
} from './embeddings/huggingface-embedder.js';
export {
  createLocalEmbedder,
  type LocalEmbedder,
  type LocalEmbedderOptions,
} from './embeddings/local-embedder.js';
