/** Reads a tab-separated facts table into records keyed by its header row. */

export interface TsvRow {
  line: number;
  cells: Record<string, string>;
}

export function parseTsv(text: string): TsvRow[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "").split("\t");
  const rows: TsvRow[] = [];
  lines.slice(1).forEach((raw, index) => {
    if (raw.trim() === "") return;
    const values = raw.split("\t");
    const cells: Record<string, string> = {};
    header.forEach((name, column) => {
      cells[name] = values[column] ?? "";
    });
    rows.push({ line: index + 2, cells });
  });
  return rows;
}
