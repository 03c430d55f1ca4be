/**
 * The risk matrix: the likelihood and impact scale, how likelihood × impact maps to a level, and the risk appetite
 * (the highest level accepted without treatment). Stored in the settings table; defaults to a 5 × 5 matrix.
 */
import { z } from "zod";
import { type Db, prepared } from "../storage/database.js";
import type { AuditLog } from "./audit-log.js";
import type { PersonKey, RiskLevel } from "./types.js";

export const RISK_LEVELS: readonly RiskLevel[] = ["low", "medium", "high", "critical"];

const matrixSchema = z
  .object({
    /** The scale runs from 1 to `scaleMax` for both likelihood and impact. */
    scaleMax: z.number().int().min(3).max(10),
    /** The highest score (likelihood × impact) of low, medium and high; anything above is critical. */
    thresholds: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]),
    /** The highest level the organisation accepts without treatment. */
    appetite: z.enum(["low", "medium", "high", "critical"]),
  })
  .refine(({ thresholds: [low, medium, high] }) => low < medium && medium < high, {
    message: "thresholds must rise: low < medium < high",
  });

export type RiskMatrix = z.infer<typeof matrixSchema>;

export const DEFAULT_MATRIX: RiskMatrix = { scaleMax: 5, thresholds: [4, 9, 16], appetite: "medium" };

export function levelOf(matrix: RiskMatrix, likelihood: number, impact: number): RiskLevel {
  const score = likelihood * impact;
  const [low, medium, high] = matrix.thresholds;
  if (score <= low) return "low";
  if (score <= medium) return "medium";
  if (score <= high) return "high";
  return "critical";
}

export function isAboveAppetite(matrix: RiskMatrix, level: RiskLevel): boolean {
  return RISK_LEVELS.indexOf(level) > RISK_LEVELS.indexOf(matrix.appetite);
}

export class RiskMatrixStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {}

  get(): RiskMatrix {
    const row = prepared(this.db, "SELECT value FROM settings WHERE key = 'risk_matrix'").get() as
      | { value: string }
      | undefined;
    if (!row) return DEFAULT_MATRIX;
    const parsed = matrixSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT_MATRIX;
  }

  /** Validates and stores a new matrix; returns the problem when it is not valid. */
  set(matrix: RiskMatrix, actor: PersonKey): string | undefined {
    const parsed = matrixSchema.safeParse(matrix);
    if (!parsed.success) return parsed.error.issues.map((issue) => issue.message).join("; ");
    this.db.transaction(() => {
      const before = this.get();
      prepared(
        this.db,
        "INSERT INTO settings (key, value) VALUES ('risk_matrix', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(JSON.stringify(parsed.data));
      this.audit.append(actor, "settings.risk_matrix", "settings", "risk_matrix", before, parsed.data);
    })();
    return undefined;
  }
}
