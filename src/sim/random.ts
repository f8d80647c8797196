/** A seeded source of numbers in [0, 1), so a given seed replays the same traffic. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for simulated traffic (not for anything secret). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Picks a key with probability proportional to its weight. */
export function pickWeighted<K>(random: Random, choices: ReadonlyArray<readonly [K, number]>): K {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [key, weight] of choices) {
    roll -= weight;
    if (roll < 0) return key;
  }
  return choices[choices.length - 1]![0];
}
