/**
 * Many texts as UTF-8 bytes in a few large buffers, each text a range of one of them: how the
 * analysis worker hands an analysis's prepared output values to the main thread (analysis-job.ts).
 * The buffers are transferred, not copied, and the main thread passes views of them to the store's
 * client, which writes bytes as they are (no measuring, no encoding, no string copied on the event
 * loop).
 *
 * A text is encoded as soon as it is added, so the worker's large strings die young (a scavenge
 * never copies them) and are never joined. Buffers are CHUNK_BYTES (a text that does not fit in
 * what is left of one starts the next; a larger text gets one of its own), so nothing is copied to
 * grow one. A text added again (the same string, when marked `share`) is stored once: both get the
 * same range.
 */

/** Where one text's bytes are: [buffer index, offset, length], in bytes. */
export type ByteRange = readonly [chunk: number, offset: number, length: number];

export interface PackedTexts {
  chunks: ArrayBuffer[];
  ranges: ByteRange[];
}

const encoder = new TextEncoder();
export const CHUNK_BYTES = 1024 * 1024;

export class TextPack {
  private readonly chunks: Uint8Array[] = [];
  private current = new Uint8Array(0);
  private at = 0;
  private readonly ranges: ByteRange[] = [];
  /** Shared texts by value: their index in `ranges`. */
  private readonly shared = new Map<string, number>();

  /** Adds `text`; returns its index. `share`: a text likely to repeat, stored once (looked up by value). */
  add(text: string, share = false): number {
    if (share) {
      const index = this.shared.get(text);
      if (index !== undefined) return index;
    }
    const index = this.ranges.push(this.write(text)) - 1;
    if (share) this.shared.set(text, index);
    return index;
  }

  private write(text: string): ByteRange {
    // At least one byte per character: a text that cannot fit in what is left starts a new buffer.
    if (this.chunks.length === 0 || this.current.length - this.at < text.length) this.next(text.length);
    const { read, written } = encoder.encodeInto(text, this.current.subarray(this.at));
    if (read < text.length) {
      // Not ASCII, and longer in bytes than the room left: in a buffer that holds it whole.
      this.next(Buffer.byteLength(text, 'utf8'));
      return this.write(text);
    }
    const range: ByteRange = [this.chunks.length - 1, this.at, written];
    this.at += written;
    return range;
  }

  /** Starts a new buffer with room for at least `bytes`. */
  private next(bytes: number): void {
    this.current = new Uint8Array(Math.max(CHUNK_BYTES, bytes));
    this.chunks.push(this.current);
    this.at = 0;
  }

  /** The buffers (each of its own: transferable) and each text's range, by index. */
  finish(): PackedTexts {
    return { chunks: this.chunks.map((c) => c.buffer as ArrayBuffer), ranges: this.ranges };
  }
}

/** One view per range (no copies): the texts, by index, as their bytes. */
export function viewsOf({ chunks, ranges }: PackedTexts): Buffer[] {
  return ranges.map(([chunk, offset, length]) => Buffer.from(chunks[chunk]!, offset, length));
}
