// Same-run baselines: straightforward implementations written the way the Python references
// are structured (tuple-keyed counters, a full LCS table, regex tokenizing per call). They
// produce the same scores as the library; the benchmark divides by their throughput.

function tokenize13a(line: string): string[] {
  let text = line
    .replaceAll('<skipped>', '')
    .replaceAll('-\n', '')
    .replaceAll('\n', ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
  text = ` ${text} `;
  text = text.replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ');
  text = text.replace(/([^0-9])([.,])/g, '$1 $2 ');
  text = text.replace(/([.,])([^0-9])/g, ' $1 $2');
  text = text.replace(/([0-9])(-)/g, '$1 $2 ');
  return text.trim().split(/\s+/).filter(Boolean);
}

function ngramCounter(tokens: string[], maxOrder: number): Map<string, number> {
  const counter = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = JSON.stringify(tokens.slice(i, i + n));
      counter.set(key, (counter.get(key) ?? 0) + 1);
    }
  }
  return counter;
}

/** sacrebleu's corpus BLEU (13a, exp smoothing, order 4, single reference), structured like the Python. */
export function naiveCorpusBleu(hyps: string[], refs: string[]): number {
  const correct = [0, 0, 0, 0];
  const total = [0, 0, 0, 0];
  let sysLen = 0;
  let refLen = 0;
  hyps.forEach((hyp, i) => {
    const hypTokens = tokenize13a(hyp.trimEnd());
    const refTokens = tokenize13a(refs[i]!.trimEnd());
    sysLen += hypTokens.length;
    refLen += refTokens.length;
    const refNgrams = ngramCounter(refTokens, 4);
    for (const [key, count] of ngramCounter(hypTokens, 4)) {
      const n = (JSON.parse(key) as string[]).length - 1;
      total[n]! += count;
      correct[n]! += Math.min(count, refNgrams.get(key) ?? 0);
    }
  });
  const bp = sysLen < refLen ? Math.exp(1 - refLen / sysLen) : 1;
  let smooth = 1;
  let logSum = 0;
  for (let n = 0; n < 4; n++) {
    let p: number;
    if (correct[n] === 0) {
      smooth *= 2;
      p = 100 / (smooth * total[n]!);
    } else {
      p = (100 * correct[n]!) / total[n]!;
    }
    logSum += Math.log(p);
  }
  return bp * Math.exp(logSum / 4);
}

function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/)
    .filter((t) => /^[a-z0-9]+$/.test(t));
}

function fmeasure(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/** rouge-score's rouge1/rouge2/rougeL, structured like the Python (full LCS table). */
export function naiveRouge(
  target: string,
  prediction: string,
): Record<'rouge1' | 'rouge2' | 'rougeL', number> {
  const t = rougeTokens(target);
  const p = rougeTokens(prediction);
  const ngramF = (n: number): number => {
    const tc = new Map<string, number>();
    const pc = new Map<string, number>();
    for (let i = 0; i + n <= t.length; i++)
      tc.set(JSON.stringify(t.slice(i, i + n)), (tc.get(JSON.stringify(t.slice(i, i + n))) ?? 0) + 1);
    for (let i = 0; i + n <= p.length; i++)
      pc.set(JSON.stringify(p.slice(i, i + n)), (pc.get(JSON.stringify(p.slice(i, i + n))) ?? 0) + 1);
    let hits = 0;
    for (const [k, c] of tc) hits += Math.min(c, pc.get(k) ?? 0);
    const tn = [...tc.values()].reduce((s, x) => s + x, 0);
    const pn = [...pc.values()].reduce((s, x) => s + x, 0);
    return fmeasure(hits / Math.max(pn, 1), hits / Math.max(tn, 1));
  };
  let lcsF = 0;
  if (t.length > 0 && p.length > 0) {
    const table = Array.from({ length: t.length + 1 }, () => new Array<number>(p.length + 1).fill(0));
    for (let i = 1; i <= t.length; i++) {
      for (let j = 1; j <= p.length; j++) {
        table[i]![j] =
          t[i - 1] === p[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
      }
    }
    const lcs = table[t.length]![p.length]!;
    lcsF = fmeasure(lcs / p.length, lcs / t.length);
  }
  return { rouge1: ngramF(1), rouge2: ngramF(2), rougeL: lcsF };
}
