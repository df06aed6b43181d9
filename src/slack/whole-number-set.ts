/**
 * A set of whole numbers from 0 to 2^52 − 1 in a Float64Array, by open addressing. Its memory
 * lies outside the collected heap, so a full garbage collection never traces it, and an entry
 * costs 16 to 32 bytes where a Set<number> of such numbers costs a heap number and a table slot
 * each, all traced on every full collection: the replay memory holds up to a million of them
 * under load. The keys must be evenly spread (they come from a MAC): their low bits place them.
 */
export class WholeNumberSet {
  /** A key is stored as key + 1, so that 0 marks an empty slot. At most half are filled. */
  #slots = new Float64Array(16);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(key: number): boolean {
    const stored = key + 1;
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let i = (stored >>> 0) & mask; ; i = (i + 1) & mask) {
      const at = slots[i];
      if (at === stored) return true;
      if (at === 0) return false;
    }
  }

  /** Adds the key; false when it was there already. */
  add(key: number): boolean {
    if (this.has(key)) return false;
    if ((this.#size + 1) * 2 > this.#slots.length) this.#grow();
    place(this.#slots, key + 1);
    this.#size++;
    return true;
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Float64Array(old.length * 2);
    for (const stored of old) if (stored !== 0) place(this.#slots, stored);
  }
}

/** Puts a stored key in the first empty slot from its place on. */
function place(slots: Float64Array, stored: number): void {
  const mask = slots.length - 1;
  let i = (stored >>> 0) & mask;
  while (slots[i] !== 0) i = (i + 1) & mask;
  slots[i] = stored;
}
