import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type * as TransformersModule from '@huggingface/transformers';
import { embedInBatches, l2Normalize, type Embedder } from './embedder.js';

// Types only: the runtime import is deferred so that importing this package never loads
// onnxruntime (~300 MB of native code) unless a local embedder is actually used.
type Transformers = typeof TransformersModule;
type Tokenizer = Awaited<ReturnType<Transformers['AutoTokenizer']['from_pretrained']>>;
type Model = Awaited<ReturnType<Transformers['AutoModel']['from_pretrained']>>;

export interface LocalEmbedderOptions {
  /** A Hugging Face model id (ONNX weights, e.g. 'Xenova/all-MiniLM-L6-v2') or a local model directory. */
  model: string;
  /** Download from the Hub when the model is not cached; default true for ids. Directories never download. */
  allowRemoteModels?: boolean;
  /** Where downloaded models are cached (transformers.js default otherwise). */
  cacheDir?: string;
  /** Weight precision to load; default 'fp32'. */
  dtype?: 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16';
  /** Texts per forward pass; default 32. */
  batchSize?: number;
  /**
   * Token limit per text, special tokens included. Default: `max_seq_length` from the model's
   * sentence_bert_config.json when present, else the tokenizer's `model_max_length`.
   */
  maxLength?: number;
  /** L2-normalize (sentence-transformers' Normalize module); default true. */
  normalize?: boolean;
}

export interface LocalEmbedder extends Embedder {
  /** Releases the ONNX session. */
  dispose(): Promise<void>;
}

interface Loaded {
  transformers: Transformers;
  tokenizer: Tokenizer;
  model: Model;
  maxLength: number;
  specialIds: Set<number>;
}

// An explicit path must exist; a bare name is a directory only if one exists, else a Hub id.
function localDirectory(model: string): string | undefined {
  const explicitPath = path.isAbsolute(model) || /^\.\.?[\\/]/.test(model);
  const resolved = path.resolve(model);
  const isDirectory = existsSync(resolved) && statSync(resolved).isDirectory();
  if (explicitPath && !isDirectory) throw new Error(`Local model directory not found: ${resolved}`);
  return isDirectory ? resolved : undefined;
}

function readMaxSeqLength(directory: string | undefined): number | undefined {
  if (directory === undefined) return undefined;
  const file = path.join(directory, 'sentence_bert_config.json');
  if (!existsSync(file)) return undefined;
  const config = JSON.parse(readFileSync(file, 'utf8')) as { max_seq_length?: unknown };
  return typeof config.max_seq_length === 'number' ? config.max_seq_length : undefined;
}

/**
 * Truncates like Hugging Face tokenizers (and so sentence-transformers): content tokens are cut,
 * the template's trailing special tokens ([SEP], </s>) are kept. transformers.js instead cuts
 * the whole sequence, dropping the final [SEP].
 */
export function truncateKeepingTrailingSpecials<T>(
  ids: T[],
  keep: number,
  isSpecial: (id: T) => boolean,
): number[] {
  const positions = ids.map((_, i) => i);
  if (ids.length <= keep) return positions;
  let trailing = 0;
  while (trailing < ids.length && trailing < keep && isSpecial(ids[ids.length - 1 - trailing]!)) trailing++;
  return [...positions.slice(0, keep - trailing), ...positions.slice(ids.length - trailing)];
}

/**
 * Sentence embeddings computed locally with transformers.js (ONNX Runtime on CPU): BERT-style
 * encoder, mean pooling over the attention mask, then L2 normalization — the
 * sentence-transformers recipe.
 */
export function createLocalEmbedder(opts: LocalEmbedderOptions): LocalEmbedder {
  const directory = localDirectory(opts.model);
  const normalize = opts.normalize ?? true;
  let loading: Promise<Loaded> | undefined;

  const load = (): Promise<Loaded> => {
    loading ??= (async () => {
      const transformers = await import('@huggingface/transformers');
      const pretrained = {
        local_files_only: directory !== undefined || opts.allowRemoteModels === false,
        ...(opts.cacheDir ? { cache_dir: opts.cacheDir } : {}),
      };
      const source = directory ?? opts.model;
      const tokenizer = await transformers.AutoTokenizer.from_pretrained(source, pretrained);
      const model = await transformers.AutoModel.from_pretrained(source, {
        ...pretrained,
        dtype: opts.dtype ?? 'fp32',
      });
      const maxLength = opts.maxLength ?? readMaxSeqLength(directory) ?? tokenizer.model_max_length;
      if (!(Number.isInteger(maxLength) && maxLength > 1)) throw new Error(`Invalid max length ${maxLength}`);
      return { transformers, tokenizer, model, maxLength, specialIds: new Set(tokenizer.all_special_ids) };
    })();
    loading.catch(() => {
      loading = undefined; // let a later call retry (e.g. after fixing the path)
    });
    return loading;
  };

  const embedBatch = async (batch: string[]): Promise<Float32Array[]> => {
    const { transformers, tokenizer, model, maxLength, specialIds } = await load();
    const encoded = batch.map((text) => {
      const encoding = tokenizer(text) as Record<string, { data: BigInt64Array } | undefined>;
      const ids = Array.from(encoding.input_ids!.data);
      const typeIds = encoding.token_type_ids ? Array.from(encoding.token_type_ids.data) : undefined;
      const keep = truncateKeepingTrailingSpecials(ids, maxLength, (id) => specialIds.has(Number(id)));
      return { ids: keep.map((i) => ids[i]!), typeIds: typeIds ? keep.map((i) => typeIds[i]!) : undefined };
    });
    const width = Math.max(...encoded.map((e) => e.ids.length));
    const padId = BigInt(tokenizer.pad_token_id ?? 0);
    const inputIds = new BigInt64Array(batch.length * width).fill(padId);
    const attention = new BigInt64Array(batch.length * width);
    const tokenTypes = new BigInt64Array(batch.length * width);
    encoded.forEach((e, row) => {
      e.ids.forEach((id, col) => {
        inputIds[row * width + col] = id;
        attention[row * width + col] = 1n;
        tokenTypes[row * width + col] = e.typeIds?.[col] ?? 0n;
      });
    });
    const dims = [batch.length, width];
    const inputs: Record<string, InstanceType<Transformers['Tensor']>> = {
      input_ids: new transformers.Tensor('int64', inputIds, dims),
      attention_mask: new transformers.Tensor('int64', attention, dims),
    };
    if (encoded.some((e) => e.typeIds !== undefined)) {
      inputs.token_type_ids = new transformers.Tensor('int64', tokenTypes, dims);
    }
    const output = (await model(inputs)) as { last_hidden_state: { data: Float32Array; dims: number[] } };
    const hidden = output.last_hidden_state;
    const size = hidden.dims[2]!;
    return encoded.map((e, row) => {
      // Mean over real tokens ([CLS] and [SEP] included, padding excluded), in double precision.
      const pooled = new Float64Array(size);
      for (let col = 0; col < e.ids.length; col++) {
        const offset = (row * width + col) * size;
        for (let d = 0; d < size; d++) pooled[d]! += hidden.data[offset + d]!;
      }
      const mean = Float32Array.from(pooled, (x) => x / e.ids.length);
      return normalize ? l2Normalize(mean) : mean;
    });
  };

  return {
    modelId: `local:${directory ?? opts.model}:${opts.dtype ?? 'fp32'}:${normalize ? 'norm' : 'raw'}`,
    embed: (texts) => embedInBatches(texts, opts.batchSize ?? 32, embedBatch),
    async dispose() {
      if (loading === undefined) return;
      const { model } = await loading;
      loading = undefined;
      await model.dispose();
    },
  };
}
