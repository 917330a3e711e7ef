/** Small seeded generators so simulation tests are reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normalSampler(uniform: () => number): () => number {
  return () => {
    // Box-Muller; 1 - u avoids log(0).
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

export function binomial(uniform: () => number, n: number, p: number): number {
  let successes = 0;
  for (let i = 0; i < n; i++) if (uniform() < p) successes++;
  return successes;
}
