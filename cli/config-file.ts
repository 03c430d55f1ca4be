/**
 * The organisation's settings file (YAML): ISMS_CONFIG, or isms.config.yml in the package folder when present. It
 * holds the reminder settings under `reminders:` (see isms.config.example.yml); admins' changes in chat or with
 * `isms remind --set` are stored in the database and win over the file. A wrong value stops start-up with its name.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "yaml";
import {
  type ConfigLayer,
  crossCheck,
  effectiveConfig,
  parseLayer,
} from "../src/scheduling/reminder-config.js";
import { ConfigError } from "./config-error.js";

export function readConfigFile(path: string, required: boolean): { reminders: ConfigLayer } {
  if (!existsSync(path)) {
    if (required) throw new ConfigError(`${path}: no such file (ISMS_CONFIG names it).`);
    return { reminders: {} };
  }
  const name = basename(path);
  let document: unknown;
  try {
    document = parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`${name}: not valid YAML (${(error as Error).message.split("\n")[0]}).`);
  }
  if (document === null || document === undefined) return { reminders: {} };
  if (typeof document !== "object" || Array.isArray(document))
    throw new ConfigError(`${name}: expected sections such as "reminders:".`);
  const { reminders, ...others } = document as Record<string, unknown>;
  const unknown = Object.keys(others);
  if (unknown.length > 0)
    throw new ConfigError(`${name}: unknown section "${unknown[0]}" (known: reminders).`);
  if (reminders === undefined || reminders === null) return { reminders: {} };
  if (typeof reminders !== "object" || Array.isArray(reminders))
    throw new ConfigError(`${name}: "reminders" must hold settings such as "digest-day: monday".`);
  const { layer, problems } = parseLayer(reminders as Record<string, unknown>);
  const [first] = Object.entries({
    ...problems,
    ...(Object.keys(problems).length ? {} : crossCheck(effectiveConfig(layer))),
  });
  if (first) throw new ConfigError(`${name}: reminders.${first[0]}: ${first[1]}`);
  return { reminders: layer };
}
