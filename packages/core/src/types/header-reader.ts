/** A minimal header lookup: `Headers` satisfies it. */
export interface HeaderReader {
  get(name: string): string | null;
}
