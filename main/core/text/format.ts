// Counts and sizes for people: pure, browser-safe leaves that any module may use (the words, the
// cleanup's own words, the CLI) without reaching up into the words module.

/** "1 container", "3 containers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A size for people: "512 bytes", "2.0 KiB", "1.5 MiB". */
export function bytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
