/** A repeatable stand-in for Math.random (Park–Miller), so a randomized test fails the same way twice. */
export function seededRandom(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}
