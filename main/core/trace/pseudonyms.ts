// Stand-ins for what a trace must not carry. The same value always gets the same stand-in within
// one trace (a container's id in a list, in an inspect path and in a start path stay linked, so
// a replay can follow them), and a stand-in says nothing about its value: it is a counter.

export class Pseudonyms {
  private readonly values = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  /** A string value's stand-in: `redacted-N`. */
  value(v: string): string {
    return this.take(this.values, v, 'redacted');
  }

  /** An object key's stand-in: `key-N`. */
  key(k: string): string {
    return this.take(this.keys, k, 'key');
  }

  private take(map: Map<string, string>, v: string, prefix: string): string {
    let p = map.get(v);
    if (p === undefined) {
      p = `${prefix}-${map.size + 1}`;
      map.set(v, p);
    }
    return p;
  }
}

/** Whether a string is one of our stand-ins (a trace read back must hold only these or allowed values). */
export function isPseudonym(text: string): boolean {
  return /^(redacted|key)-\d+$/.test(text);
}
