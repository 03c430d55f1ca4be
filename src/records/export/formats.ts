/** The file formats the SoA and the risk register can be exported to, and reading one from a user's words. */

export const EXPORT_FORMATS = ["xlsx", "csv", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** "xlsx", "XLSX", ".csv" and " md " are all understood; anything else is refused with the choices named. */
export function parseFormat(text: string): ExportFormat {
  const wanted = text.trim().toLowerCase().replace(/^\./, "");
  const found = EXPORT_FORMATS.find((format) => format === wanted);
  if (found === undefined) {
    const shown = text.trim() === "" ? "an empty format" : `'${text.trim()}'`;
    throw new Error(`Can't export to ${shown}: choose xlsx (Excel), csv or md (Markdown).`);
  }
  return found;
}
