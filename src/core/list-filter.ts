/**
 * Understands requests to list controls by theme or attribute: "preventive controls", "technological controls for
 * availability", "#Identify controls", "list people controls". Returns undefined when the text is not such a request.
 */
import type { AttributeFilter } from "../catalogue/catalogue.js";
import { ATTRIBUTE_VALUES, type AttributeFamily, type Theme } from "../catalogue/types.js";
import { foldText } from "../search/text.js";

type Target = { theme: Theme } | { family: AttributeFamily; value: string };

/** The words people use for each theme and attribute value, longest phrases first when matched. */
function vocabulary(): [string, Target][] {
  const entries: [string, Target][] = [
    ["organizational", { theme: "Organizational" }],
    ["organisational", { theme: "Organizational" }],
    ["organization", { theme: "Organizational" }],
    ["organisation", { theme: "Organizational" }],
    ["people", { theme: "People" }],
    ["physical", { theme: "Physical" }],
    ["technological", { theme: "Technological" }],
    ["technical", { theme: "Technological" }],
    ["preventative", { family: "controlType", value: "Preventive" }],
    ["defense", { family: "domains", value: "Defence" }],
    ["hr security", { family: "capabilities", value: "Human_resource_security" }],
    ["iam", { family: "capabilities", value: "Identity_and_access_management" }],
    ["access management", { family: "capabilities", value: "Identity_and_access_management" }],
    ["network security", { family: "capabilities", value: "System_and_network_security" }],
    ["vulnerability management", { family: "capabilities", value: "Threat_and_vulnerability_management" }],
    ["supplier security", { family: "capabilities", value: "Supplier_relationships_security" }],
    ["supplier relationships", { family: "capabilities", value: "Supplier_relationships_security" }],
    ["event management", { family: "capabilities", value: "Information_security_event_management" }],
    ["assurance", { family: "capabilities", value: "Information_security_assurance" }],
    ["compliance", { family: "capabilities", value: "Legal_and_compliance" }],
  ];
  for (const [family, values] of Object.entries(ATTRIBUTE_VALUES)) {
    for (const value of values) {
      entries.push([foldText(value.replace(/_/g, " ")), { family: family as AttributeFamily, value }]);
    }
  }
  return entries.sort((a, b) => b[0].length - a[0].length);
}

const VOCABULARY = vocabulary();
const FILLER = new Set(
  `list show give me all every the a an of for with and or in that which what are is controls control ones tagged
  by having has have attribute attributes theme themes type types value please annex related to about do does we
  our concept concepts capability capabilities domain domains property properties security`.split(/\s+/),
);

export interface ListRequest {
  filter: AttributeFilter;
  /** What was asked for, in the standard's words: "Technological · Availability". */
  label: string;
}

export function parseListRequest(text: string): ListRequest | undefined {
  let rest = ` ${foldText(text)} `;
  if (!/\bcontrols?\b/.test(rest)) return undefined;
  const themes: Theme[] = [];
  const attributes: AttributeFilter["attributes"] = {};
  for (const [phrase, target] of VOCABULARY) {
    const pattern = ` ${phrase} `;
    if (!rest.includes(pattern)) continue;
    rest = rest.replaceAll(pattern, " ");
    if ("theme" in target) {
      if (!themes.includes(target.theme)) themes.push(target.theme);
    } else {
      const values = attributes[target.family] ?? [];
      if (!values.includes(target.value)) values.push(target.value);
      attributes[target.family] = values;
    }
  }
  const leftover = rest.split(" ").filter((word) => word && !FILLER.has(word));
  const families = Object.values(attributes);
  if ((themes.length === 0 && families.length === 0) || leftover.length > 0) return undefined;
  // Within a family any value matches ("or"); across families all must match ("·" reads as "and").
  const label = [themes, ...families.map((values) => values.map((value) => `#${value}`))]
    .filter((values) => values.length > 0)
    .map((values) => values.join(" or "))
    .join(" · ");
  return { filter: { themes, attributes }, label };
}
