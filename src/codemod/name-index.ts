// Where each name stands in a large text, for the large-file path's token scan. A 16 MB bundle has
// half a million identifiers and the path asks about a few hundred names: a Map of arrays hashed every
// identifier and kept an array per name (a tenth of the scan). The index keeps each occurrence in typed
// arrays, in buckets by the name's length and three of its characters, and a question walks one bucket,
// comparing the text itself. A name written with escapes (`\u0061`) is not its text: it is kept apart,
// by its value.

const BUCKETS = 1 << 14;

/** The bucket of a name `length` units long whose units `at(i)` gives: by its length, first, middle and last. */
function bucket(length: number, at: (i: number) => number): number {
  return ((((length * 31 + at(0)) * 31 + at(length >> 1)) * 31 + at(length - 1)) | 0) & (BUCKETS - 1);
}

/** The bucket of `name` (for tests: names that share one must still be told apart). */
export function bucketOf(name: string): number {
  return bucket(name.length, (i) => name.charCodeAt(i));
}

export class NameIndex {
  readonly #text: string;
  readonly #heads = new Int32Array(BUCKETS).fill(-1);
  #next = new Int32Array(1 << 12);
  /** Where the name's characters start in the text. */
  #at = new Int32Array(1 << 12);
  #length = new Int32Array(1 << 12);
  /** What the scan records for the occurrence (the token's start and its use). */
  #packed = new Int32Array(1 << 12);
  #count = 0;
  readonly #escaped = new Map<string, number[]>();

  constructor(text: string) {
    this.#text = text;
  }


  /** `name` (the token's value) stands at `at` in the text, `length` units long; `packed` is what get() returns for it. */
  add(name: string, at: number, length: number, packed: number): void {
    if (length !== name.length || length === 0) {
      let list = this.#escaped.get(name);
      if (list === undefined) this.#escaped.set(name, (list = []));
      list.push(packed);
      return;
    }
    const index = this.#count++;
    if (index === this.#next.length) this.#grow();
    const text = this.#text;
    const where = bucket(length, (i) => text.charCodeAt(at + i));
    this.#next[index] = this.#heads[where] as number;
    this.#heads[where] = index;
    this.#at[index] = at;
    this.#length[index] = length;
    this.#packed[index] = packed;
  }

  #grow(): void {
    const size = this.#next.length * 2;
    const grown = (old: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const array = new Int32Array(size);
      array.set(old);
      return array;
    };
    this.#next = grown(this.#next);
    this.#at = grown(this.#at);
    this.#length = grown(this.#length);
    this.#packed = grown(this.#packed);
  }

  /** What add() was given for each occurrence of `name`, in the order added. */
  get(name: string): number[] {
    const found: number[] = [];
    const { length } = name;
    if (length > 0) {
      // Probed at the name's own characters, as add() did at the text's.
      for (let index = this.#heads[bucketOf(name)] as number; index >= 0; index = this.#next[index] as number) {
        if (this.#length[index] === length && this.#text.startsWith(name, this.#at[index])) found.push(this.#packed[index] as number);
      }
      found.reverse();
    }
    const escaped = this.#escaped.get(name);
    if (escaped === undefined) return found;
    return [...found, ...escaped].sort((a, b) => a - b);
  }

  has(name: string): boolean {
    return this.get(name).length > 0;
  }
}
