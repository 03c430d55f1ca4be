/** exceljs, loaded on first use: it weighs about 30 MB and 0.2 s at start-up, and most runs never read or write a workbook. */
export async function loadExcel(): Promise<typeof import("exceljs")> {
  return (await import("exceljs")).default;
}
