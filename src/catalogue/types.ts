/**
 * The catalogue's domain types: ISO/IEC 27001:2022 clauses, Annex A controls, the 2013 controls they replaced, and the
 * concept topics people ask about.
 */

export const THEMES = ["Organizational", "People", "Physical", "Technological"] as const;
export type Theme = (typeof THEMES)[number];

/** The five attribute families of ISO/IEC 27002:2022 clause 4.2, with their values as the standard spells them. */
export const ATTRIBUTE_VALUES = {
  controlType: ["Preventive", "Detective", "Corrective"],
  properties: ["Confidentiality", "Integrity", "Availability"],
  concepts: ["Identify", "Protect", "Detect", "Respond", "Recover"],
  capabilities: [
    "Governance",
    "Asset_management",
    "Information_protection",
    "Human_resource_security",
    "Physical_security",
    "System_and_network_security",
    "Application_security",
    "Secure_configuration",
    "Identity_and_access_management",
    "Threat_and_vulnerability_management",
    "Continuity",
    "Supplier_relationships_security",
    "Legal_and_compliance",
    "Information_security_event_management",
    "Information_security_assurance",
  ],
  domains: ["Governance_and_Ecosystem", "Protection", "Defence", "Resilience"],
} as const;

export type AttributeFamily = keyof typeof ATTRIBUTE_VALUES;
export type Attributes = { [F in AttributeFamily]: string[] };

export const ATTRIBUTE_FAMILY_NAMES: Record<AttributeFamily, string> = {
  controlType: "Control type",
  properties: "Information security properties",
  concepts: "Cybersecurity concepts",
  capabilities: "Operational capabilities",
  domains: "Security domains",
};

/** A control of ISO/IEC 27001:2013 Annex A and the 2022 control(s) that took its place. */
export interface LegacyControl {
  kind: "legacy";
  id: string; // "A.12.1.2"
  title: string;
  replacedBy: string[]; // ["A.8.32"]
}

export interface Control {
  kind: "control";
  id: string; // "A.8.9"
  number: string; // "8.9"
  title: string;
  titleVariants: string[];
  theme: Theme;
  newIn2022: boolean;
  attributes: Attributes;
  summary: string;
  purpose: string;
  guidance: string[];
  evidence: string[];
  keywords: string[];
  related: string[];
  replaces: LegacyControl[];
}

export interface Clause {
  kind: "clause";
  id: string; // "6.1.3"
  title: string;
  parent: string | undefined;
  children: string[];
  summary: string;
  purpose: string;
  documentedInformation: string[];
  keywords: string[];
  related: string[];
}

export interface Changes2022 {
  headline: string;
  points: string[];
}

export type Entry = Control | Clause;

/**
 * A concept people ask about that is not one clause or control: "27001 vs 27002", "what is an SoA", "do we need all 93
 * controls". Written in our own words; `links` are the clauses and controls the answer mentions.
 */
export interface Topic {
  kind: "topic";
  id: string; // "27001-vs-27002"
  title: string;
  summary: string;
  points: string[];
  keywords: string[];
  /** Clause and control ids the answer mentions, shown as links. */
  links: string[];
  /** Other topics' ids. */
  related: string[];
}

/** Anything search can find: a control, a clause or a topic. */
export type Searchable = Entry | Topic;
