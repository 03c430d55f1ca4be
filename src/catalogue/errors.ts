/** The error that stops start-up when a catalogue file is missing or one of its entries is invalid. */

export class CatalogueError extends Error {
  readonly code = "catalogue_invalid";

  constructor(
    readonly file: string,
    readonly entry: string | undefined,
    readonly problem: string,
  ) {
    super(`${file}${entry ? `, entry ${entry}` : ""}: ${problem}`);
    this.name = "CatalogueError";
  }
}
