/** Turns any failure into the one-line message a person sees on the command line, with the exit code to use. */
import { CatalogueError } from "../src/catalogue/errors.js";
import { DatabaseError } from "../src/storage/database.js";
import { describeStorageTrouble } from "../src/storage/errors.js";
import { ConfigError } from "./config-error.js";

/** A mistake in what was typed: wrong id, wrong option. Exit code 2. */
export class UsageError extends Error {}

/** Something asked for that does not exist: exit code 1. */
export class NotFoundError extends Error {}

export function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UsageError) return { message: error.message, exitCode: 2 };
  if (error instanceof NotFoundError) return { message: error.message, exitCode: 1 };
  if (error instanceof CatalogueError)
    return { message: `the catalogue is invalid: ${error.message}`, exitCode: 1 };
  if (error instanceof DatabaseError) return { message: error.message, exitCode: 1 };
  if (error instanceof ConfigError) return { message: `configuration: ${error.message}`, exitCode: 1 };
  const trouble = describeStorageTrouble(error);
  if (trouble) return { message: trouble, exitCode: 1 };
  const message = error instanceof Error ? error.message : String(error);
  return { message: `unexpected error: ${message.split("\n")[0]}`, exitCode: 1 };
}
