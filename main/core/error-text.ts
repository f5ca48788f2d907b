// What an error says, in its own words: the one way any failure is turned into text.

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
