// Where each name stands in a large text, for the large-file path's token scan. A 16 MB bundle has
// half a million identifiers and the path asks about a few hundred names: a Map of arrays hashed every
// identifier and kept an array per name (a tenth of the scan). The index keeps each occurrence in typed
// arrays, in buckets by the name's length and three of its characters, and a question walks one bucket,
// comparing the text itself. A name written with escapes (`\u0061`) is not its text: it is kept apart,
// by its value.

const BUCKETS = 1 << 14;

/** The bucket of the `length` units of `text` from `at`: by their number, the first, the middle and the last. */
function bucket(text: string, at: number, length: number): number {
  return ((((length * 31 + text.charCodeAt(at)) * 31 + text.charCodeAt(at + (length >> 1))) * 31 + text.charCodeAt(at + length - 1)) | 0) & (BUCKETS - 1);
}

/** The bucket of `name` (for tests: names that share one must still be told apart). */
export function bucketOf(name: string): number {
  return bucket(name, 0, name.length);
}

export class NameIndex {
  readonly #text: string;
  readonly #heads = new Int32Array(BUCKETS).fill(-1);
  /** Per occurrence, four slots: the next in its bucket, where its characters start, their length, what get() returns for it. */
  #slots: Int32Array<ArrayBuffer>;
  #count = 0;
  readonly #escaped = new Map<string, number[]>();
  /** Answers given: the path asks about the same names again and again (kept while nothing is added). */
  readonly #answers = new Map<string, number[]>();
  #added = 0;
  #answeredAt = 0;

  /** `expected`: about how many occurrences there will be (the arrays grow past it). */
  constructor(text: string, expected = 1024) {
    this.#text = text;
    this.#slots = new Int32Array(Math.max(16, expected) * 4);
  }

  /** `name` (the token's value) stands at `at` in the text, `length` units long; `packed` is what get() returns for it. */
  add(name: string, at: number, length: number, packed: number): void {
    this.#added++;
    if (length !== name.length || length === 0) {
      let list = this.#escaped.get(name);
      if (list === undefined) this.#escaped.set(name, (list = []));
      list.push(packed);
      return;
    }
    const slot = this.#count++ * 4;
    if (slot === this.#slots.length) {
      const grown = new Int32Array(this.#slots.length * 2);
      grown.set(this.#slots);
      this.#slots = grown;
    }
    const where = bucket(this.#text, at, length);
    const slots = this.#slots;
    slots[slot] = this.#heads[where] as number;
    slots[slot + 1] = at;
    slots[slot + 2] = length;
    slots[slot + 3] = packed;
    this.#heads[where] = slot;
  }

  /** What add() was given for each occurrence of `name`, in the order added (the same array each time: do not change it). */
  get(name: string): readonly number[] {
    if (this.#answeredAt !== this.#added) {
      this.#answers.clear();
      this.#answeredAt = this.#added;
    }
    const known = this.#answers.get(name);
    if (known !== undefined) return known;
    let found: number[] = [];
    const { length } = name;
    const slots = this.#slots;
    if (length > 0) {
      // Probed at the name's own characters, as add() did at the text's.
      for (let slot = this.#heads[bucketOf(name)] as number; slot >= 0; slot = slots[slot] as number) {
        if (slots[slot + 2] === length && this.#text.startsWith(name, slots[slot + 1])) found.push(slots[slot + 3] as number);
      }
      found.reverse();
    }
    const escaped = this.#escaped.get(name);
    if (escaped !== undefined) found = [...found, ...escaped].sort((a, b) => a - b);
    this.#answers.set(name, found);
    return found;
  }

  has(name: string): boolean {
    return this.get(name).length > 0;
  }
}
