/** Writes the Statement of Applicability or the risk register to a file, as the records stand now. */
import type { Catalogue } from "../catalogue/catalogue.js";
import { soaRows } from "../conversations/readiness.js";
import type { ExportFormat } from "./export/formats.js";
import { riskTable } from "./export/risks.js";
import { soaTable } from "./export/soa.js";
import { writeTable } from "./export/table.js";
import type { Records } from "./records.js";

export type ExportSubject = "soa" | "risks";

export async function exportRecords(
  catalogue: Catalogue,
  records: Records,
  what: ExportSubject,
  format: ExportFormat,
  outPath: string,
): Promise<number> {
  const now = records.clock().toISOString().slice(0, 16).replace("T", " ");
  if (what === "soa") {
    const rows = soaRows(catalogue, records);
    await writeTable(soaTable(rows, `${now} UTC`), format, outPath);
    return rows.length;
  }
  const risks = records.risks.all();
  await writeTable(
    riskTable(risks, (key) => records.people.name(key)),
    format,
    outPath,
  );
  return risks.length;
}
