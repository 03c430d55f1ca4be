/**
 * Checks Adaptive Cards with the `adaptivecards` library, the reference renderer's own parser and validator, for
 * schema 1.5 (what Teams supports).
 *
 * Loading it: the package's "main", lib/adaptivecards.js, is ES module syntax whose relative imports have no file
 * extension ("./strings") in a package without "type": "module", so Node's ESM loader stops at
 * "Cannot find module …/lib/strings". Its webpack UMD build, dist/adaptivecards.js, is one self-contained file that
 * `require` loads as CommonJS. Parsing and validating touch no DOM (only rendering does), so no DOM shim is needed.
 */
import { createRequire } from "node:module";

/** The part of the library used here. */
interface AdaptiveCardsLibrary {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { event: number; message: string }[] };
  };
  SerializationContext: new () => {
    targetVersion: unknown;
    eventCount: number;
    getEventAt(index: number): { event: number; message: string };
  };
  Versions: { v1_5: unknown };
  ValidationEvent: Record<number, string>;
}

const library = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as AdaptiveCardsLibrary;

/** Every parse warning and validation failure the library reports for `card`, as "EventName: message". */
export function cardProblems(card: unknown): string[] {
  const parsed = new library.AdaptiveCard();
  const context = new library.SerializationContext();
  context.targetVersion = library.Versions.v1_5;
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    const event = context.getEventAt(index);
    problems.push(`${library.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents)
    problems.push(`${library.ValidationEvent[event.event]}: ${event.message}`);
  const version = (card as { version?: unknown }).version;
  if (version !== "1.5") problems.push(`Version: the card says ${String(version)}, Teams wants 1.5`);
  return problems;
}

/** The card's JSON size in bytes, as Teams counts it against its 28 KB. */
export const cardSize = (card: unknown) => Buffer.byteLength(JSON.stringify(card), "utf8");
