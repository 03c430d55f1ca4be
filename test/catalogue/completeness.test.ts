import { describe, expect, it } from "vitest";
import { ATTRIBUTE_VALUES, type AttributeFamily } from "../../src/catalogue/types.js";
import { factsTable, realCatalogue } from "../support/catalogue.js";

const { catalogue } = realCatalogue();

describe("the Annex A catalogue", () => {
  it("has the 93 controls of ISO/IEC 27001:2022, 37/8/14/34 by theme, each once", () => {
    expect(catalogue.controls).toHaveLength(93);
    const byTheme = (theme: string) => catalogue.controls.filter((c) => c.theme === theme).map((c) => c.id);
    expect(byTheme("Organizational")).toEqual(Array.from({ length: 37 }, (_, i) => `A.5.${i + 1}`));
    expect(byTheme("People")).toEqual(Array.from({ length: 8 }, (_, i) => `A.6.${i + 1}`));
    expect(byTheme("Physical")).toEqual(Array.from({ length: 14 }, (_, i) => `A.7.${i + 1}`));
    expect(byTheme("Technological")).toEqual(Array.from({ length: 34 }, (_, i) => `A.8.${i + 1}`));
    expect(new Set(catalogue.controls.map((c) => c.id)).size).toBe(93);
  });

  it("marks exactly the 11 controls that are new in 2022", () => {
    expect(catalogue.newControls.map((c) => c.id)).toEqual([
      "A.5.7",
      "A.5.23",
      "A.5.30",
      "A.7.4",
      "A.8.9",
      "A.8.10",
      "A.8.11",
      "A.8.12",
      "A.8.16",
      "A.8.23",
      "A.8.28",
    ]);
    for (const control of catalogue.controls) {
      expect(control.replaces.length === 0, control.id).toBe(control.newIn2022);
    }
  });

  it("gives controls their official titles", () => {
    // Written out here from the standard, independently of data/facts, so a wrong title in the data fails.
    const titles: Record<string, string> = {
      "A.5.1": "Policies for information security",
      "A.5.7": "Threat intelligence",
      "A.5.23": "Information security for use of cloud services",
      "A.5.37": "Documented operating procedures",
      "A.6.1": "Screening",
      "A.6.7": "Remote working",
      "A.6.8": "Information security event reporting",
      "A.7.4": "Physical security monitoring",
      "A.7.7": "Clear desk and clear screen",
      "A.7.14": "Secure disposal or re-use of equipment",
      "A.8.1": "User end point devices",
      "A.8.9": "Configuration management",
      "A.8.13": "Information backup",
      "A.8.28": "Secure coding",
      "A.8.34": "Protection of information systems during audit testing",
    };
    for (const [id, title] of Object.entries(titles)) expect(catalogue.control(id)?.title, id).toBe(title);
    expect(catalogue.control("A.8.1")?.titleVariants).toContain("User endpoint devices");
  });

  it("uses only the attribute values of ISO/IEC 27002:2022, with the published totals", () => {
    const count = (family: AttributeFamily, value: string) =>
      catalogue.controls.filter((c) => c.attributes[family].includes(value)).length;
    for (const control of catalogue.controls) {
      for (const family of Object.keys(ATTRIBUTE_VALUES) as AttributeFamily[]) {
        expect(control.attributes[family].length, `${control.id} ${family}`).toBeGreaterThan(0);
        for (const value of control.attributes[family]) {
          expect(ATTRIBUTE_VALUES[family] as readonly string[]).toContain(value);
        }
      }
    }
    expect([
      count("controlType", "Preventive"),
      count("controlType", "Detective"),
      count("controlType", "Corrective"),
    ]).toEqual([83, 13, 14]);
    expect([
      count("properties", "Confidentiality"),
      count("properties", "Integrity"),
      count("properties", "Availability"),
    ]).toEqual([87, 84, 85]);
    expect(
      ["Identify", "Protect", "Detect", "Respond", "Recover"].map((value) => count("concepts", value)),
    ).toEqual([23, 71, 14, 11, 6]);
    expect(
      ["Governance_and_Ecosystem", "Protection", "Defence", "Resilience"].map((value) =>
        count("domains", value),
      ),
    ).toEqual([27, 69, 22, 8]);
    expect(count("capabilities", "Information_security_assurance")).toBe(4);
  });

  it("explains every control in full, and links only to controls that exist", () => {
    for (const control of catalogue.controls) {
      expect(control.summary.length, control.id).toBeGreaterThan(40);
      expect(control.purpose.length, control.id).toBeGreaterThan(30);
      expect(control.guidance.length, control.id).toBeGreaterThanOrEqual(3);
      expect(control.evidence.length, control.id).toBeGreaterThanOrEqual(3);
      expect(control.keywords.length, control.id).toBeGreaterThanOrEqual(8);
      for (const id of control.related) expect(catalogue.control(id), `${control.id} → ${id}`).toBeDefined();
    }
  });
});

describe("the 2013 → 2022 mapping", () => {
  it("covers all 114 controls of ISO/IEC 27001:2013 with their titles", () => {
    expect(catalogue.legacyControls).toHaveLength(114);
    const ids2013 = new Set(factsTable("mapping-2013-2022.tsv").map((row) => row.id_2013));
    expect(ids2013.size).toBe(114);
    for (const id of ids2013) expect(catalogue.legacy(id as string)?.title.length, id).toBeGreaterThan(3);
    expect(catalogue.legacy("A.12.1.2")?.title).toBe("Change management");
  });

  it("sends each 2013 control to its 2022 successor, A.18.2.3 to two of them", () => {
    expect(catalogue.legacy("A.12.1.2")?.replacedBy).toEqual(["A.8.32"]);
    expect(catalogue.legacy("A.6.2.2")?.replacedBy).toEqual(["A.6.7"]);
    expect(catalogue.legacy("A.18.2.3")?.replacedBy).toEqual(["A.5.36", "A.8.8"]);
    expect(catalogue.mergedControls).toHaveLength(24);
    expect(catalogue.controls.filter((c) => c.replaces.length === 1)).toHaveLength(58);
    expect(catalogue.control("A.7.10")?.replaces.map((old) => old.id)).toEqual([
      "A.8.3.1",
      "A.8.3.2",
      "A.8.3.3",
      "A.11.2.5",
    ]);
  });
});

describe("the clauses of ISO/IEC 27001:2022", () => {
  it("has clauses 4 to 10 and every subclause, each once, with its official title", () => {
    const ids = catalogue.clauses.map((clause) => clause.id);
    expect(ids).toHaveLength(41);
    expect(new Set(ids).size).toBe(41);
    for (const id of [
      "4",
      "4.1",
      "4.4",
      "5.3",
      "6.1.1",
      "6.1.2",
      "6.1.3",
      "6.3",
      "7.5.1",
      "7.5.2",
      "7.5.3",
      "8.3",
      "9.2.1",
      "9.2.2",
      "9.3.1",
      "9.3.2",
      "9.3.3",
      "10",
      "10.1",
      "10.2",
    ]) {
      expect(ids).toContain(id);
    }
    expect(catalogue.clause("6.3")?.title).toBe("Planning of changes");
    expect(catalogue.clause("10.1")?.title).toBe("Continual improvement");
    expect(catalogue.clause("10.2")?.title).toBe("Nonconformity and corrective action");
  });

  it("lists the documented information each clause mandates, and none where it mandates none", () => {
    const mandating = catalogue.clauses.filter((c) => c.documentedInformation.length > 0).map((c) => c.id);
    expect(mandating).toEqual([
      "4.3",
      "5.2",
      "6.1.2",
      "6.1.3",
      "6.2",
      "7.2",
      "7.5.1",
      "8.1",
      "8.2",
      "8.3",
      "9.1",
      "9.2.2",
      "9.3.3",
      "10.2",
    ]);
    expect(catalogue.clause("6.1.3")?.documentedInformation.join(" ")).toMatch(/Statement of Applicability/i);
  });

  it("knows each clause's parent and subclauses", () => {
    expect(catalogue.clause("9.2")?.children).toEqual(["9.2.1", "9.2.2"]);
    expect(catalogue.clause("6.1.3")?.parent).toBe("6.1");
    expect(catalogue.clause("4")?.parent).toBeUndefined();
  });
});
