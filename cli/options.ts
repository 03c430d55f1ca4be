/** Parsers for command-line option values, with the one-line reasons commander prints. */
import { InvalidArgumentError } from "commander";

export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 100) {
    throw new InvalidArgumentError("must be a whole number from 1 to 100.");
  }
  return number;
}
