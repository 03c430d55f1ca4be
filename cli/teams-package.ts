/**
 * `isms teams-package`: the Teams app package to upload in Teams. It fills teams/manifest.template.json (app and bot
 * id, names, the bot's domain, the version from package.json) and zips it with the two icons, all at the zip root.
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import JSZip from "jszip";
import { packageRoot } from "./config.js";
import { NotFoundError, UsageError } from "./errors.js";

export interface TeamsPackageOptions {
  /** The bot's Microsoft App ID; also the Teams app's id. */
  appId: string;
  /** The short name people see in Teams (at most 30 characters). */
  name: string;
  /** The bot's public HTTPS address: its domain becomes the valid domain, and the default website. */
  host: string;
  /** The page about the bot (also used for the privacy and terms links); the host by default. */
  website?: string;
  version: string;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
export const DEFAULT_NAME = "ISMS bot";

export function teamsFolder(): string {
  return join(packageRoot(), "teams");
}

function httpsUrl(raw: string, option: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${option} must be an https:// address, not "${raw}".`);
  }
  if (url.protocol !== "https:") throw new UsageError(`${option} must be an https:// address, not "${raw}".`);
  return url;
}

/** Replaces each "{{NAME}}" in the template's strings; the values are placed after parsing, so they need no escaping. */
function fill(node: unknown, values: Record<string, string>): unknown {
  if (typeof node === "string")
    return node.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => values[key] ?? whole);
  if (Array.isArray(node)) return node.map((item) => fill(item, values));
  if (node && typeof node === "object")
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, values)]));
  return node;
}

/** The manifest for these options, checked for what the schema alone would let through. */
export function teamsManifest(options: TeamsPackageOptions): Record<string, unknown> {
  if (!GUID.test(options.appId))
    throw new UsageError(
      `--app-id must be the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000, not "${options.appId}".`,
    );
  const name = options.name.trim();
  if (name === "" || name.length > 30)
    throw new UsageError(`--name must be 1 to 30 characters (Teams' limit), not "${options.name}".`);
  const host = httpsUrl(options.host, "--host");
  const website = httpsUrl(options.website ?? host.origin, "--website");
  const template = JSON.parse(readFileSync(join(teamsFolder(), "manifest.template.json"), "utf8")) as unknown;
  const manifest = fill(template, {
    APP_ID: options.appId.toLowerCase(),
    VERSION: options.version,
    NAME: name,
    FULL_NAME: `${name}: ISO/IEC 27001:2022 assistant`.slice(0, 100),
    HOST: host.hostname,
    WEBSITE: website.href,
  }) as Record<string, unknown>;
  const left = /\{\{[A-Z_]+\}\}/.exec(JSON.stringify(manifest));
  if (left) throw new Error(`teams/manifest.template.json has an unknown placeholder ${left[0]}`);
  return manifest;
}

/** The zip Teams takes: manifest.json, color.png and outline.png at its root. */
export async function buildTeamsPackage(options: TeamsPackageOptions): Promise<Buffer> {
  const manifest = teamsManifest(options);
  const zip = new JSZip();
  // A fixed date keeps the package the same byte for byte when nothing in it changed.
  const date = new Date("2024-01-01T00:00:00Z");
  zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const icon of ["color.png", "outline.png"])
    zip.file(icon, readFileSync(join(teamsFolder(), icon)), { date });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

export function addTeamsPackageCommand(
  program: Command,
  { publicUrl, print }: { publicUrl: string | undefined; print: (text: string) => void },
): void {
  program
    .command("teams-package")
    .description("write the Teams app package (manifest and icons) to upload in Teams")
    .requiredOption("--app-id <id>", "the bot's Microsoft App ID (a GUID)")
    .requiredOption("--out <file>", "the .zip file to write")
    .option("--name <name>", "the app's name in Teams (at most 30 characters)", DEFAULT_NAME)
    .option("--host <url>", "the bot's public https:// address (default: ISMS_PUBLIC_URL)")
    .option("--website <url>", "the page about the bot, also for privacy and terms (default: the host)")
    .action(
      async (options: { appId: string; out: string; name: string; host?: string; website?: string }) => {
        if (!/\.zip$/i.test(options.out))
          throw new UsageError(`--out must name a .zip file, not "${options.out}".`);
        const host = options.host ?? publicUrl;
        if (!host)
          throw new UsageError(
            "give --host https://<the bot's public address> (the host of its messaging endpoint), or set ISMS_PUBLIC_URL.",
          );
        const { version } = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as {
          version: string;
        };
        const zip = await buildTeamsPackage({
          appId: options.appId,
          name: options.name,
          host,
          ...(options.website ? { website: options.website } : {}),
          version,
        });
        const out = resolve(options.out);
        try {
          await writeFile(out, zip);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          throw new NotFoundError(
            `cannot write ${options.out}: ${
              code === "ENOENT"
                ? `the folder ${dirname(out)} does not exist`
                : code === "EISDIR"
                  ? "that is a folder"
                  : code === "EACCES" || code === "EPERM"
                    ? "permission denied"
                    : (error as Error).message
            }.`,
          );
        }
        print(
          `Wrote ${options.out} (Teams app ${options.appId}, version ${version}). In Teams: Apps → Manage your apps → Upload an app → Upload a custom app.`,
        );
      },
    );
}
