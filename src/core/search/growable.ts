// An appendable typed array, shared by the build's token streams and its postings, so a build of
// millions of tokens holds a few large buffers rather than millions of small JS objects.
export class Growable<T extends Int32Array | Uint32Array | Uint8Array> {
  length = 0;
  constructor(
    public buf: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = this.make(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
}
