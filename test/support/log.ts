/** A logger that keeps its JSON lines in memory, so tests can read what was logged. */
import { createLogger, type Logger, type LogLevel } from "../../cli/log.js";

export interface MemoryLog {
  logger: Logger;
  /** Every line written so far, parsed. */
  lines(): Record<string, unknown>[];
  /** Everything written, as written. */
  raw(): string;
}

export function memoryLogger(options: { level?: LogLevel; secrets?: string[] } = {}): MemoryLog {
  let written = "";
  const logger = createLogger({
    level: options.level ?? "debug",
    destination: {
      write: (line: string) => {
        written += line;
      },
    },
    secrets: options.secrets ?? [],
  });
  return {
    logger,
    lines: () =>
      written
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    raw: () => written,
  };
}
