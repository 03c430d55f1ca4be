import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ManifestUtil,
  type TeamsAppManifest,
  type TeamsAppManifestJSONSchema,
} from "@microsoft/teams-manifest";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamsApp, TEAMS_SURFACES } from "../../adapters/teams/teams-app.js";
import { recogniseRecordIntent } from "../../src/conversations/record-intents.js";
import { recognise } from "../../src/core/intent.js";
import { ROOT, realCatalogue } from "../support/catalogue.js";
import { readPng } from "../support/png.js";
import { runIsms } from "../support/run-cli.js";
import { tempDir } from "../support/temp.js";

const APP_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const folder = tempDir();
const zipPath = join(folder.path, "isms-bot.zip");
let files: Record<string, Buffer>;
let manifest: TeamsAppManifest;

beforeAll(async () => {
  const run = await runIsms([
    "teams-package",
    "--app-id",
    APP_ID,
    "--out",
    zipPath,
    "--host",
    "https://isms.contoso.com",
  ]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Wrote .*isms-bot\.zip \(Teams app 0f1e2d3c-[^)]*, version \d+\.\d+\.\d+\)\./);
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  files = {};
  for (const [name, entry] of Object.entries(zip.files)) files[name] = await entry.async("nodebuffer");
  manifest = JSON.parse(files["manifest.json"]?.toString("utf8") ?? "null") as TeamsAppManifest;
});
afterAll(() => folder.remove());

const schema = JSON.parse(
  readFileSync(join(ROOT, "teams", "schema", "MicrosoftTeams.v1.22.schema.json"), "utf8"),
) as TeamsAppManifestJSONSchema;

describe("isms teams-package", () => {
  it("writes a zip with manifest.json, color.png and outline.png at its root, and nothing else", () => {
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
  });

  it("writes a manifest that the official Teams manifest schema (v1.22) accepts", async () => {
    expect(manifest.$schema).toBe(
      "https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json",
    );
    expect(await ManifestUtil.validateManifestAgainstSchema(manifest, schema)).toEqual([]);
  });

  it("the validator does reject a broken manifest, so the check above means something", async () => {
    const broken = { ...manifest, id: "not-a-guid", bots: [{ ...manifest.bots?.[0], scopes: ["everyone"] }] };
    const errors = await ManifestUtil.validateManifestAgainstSchema(broken as TeamsAppManifest, schema);
    expect(errors.join("\n")).toMatch(/\/id must match pattern/);
    expect(errors.join("\n")).toMatch(/\/bots\/0\/scopes\/0 must be equal to one of the allowed values/);
  });

  it("fills in the app and bot id, the bot's domain, the name and the version from package.json", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toBe(version);
    expect(manifest.bots?.[0]?.botId).toBe(APP_ID);
    expect(manifest.composeExtensions?.[0]?.botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual(["isms.contoso.com"]);
    expect(manifest.name).toEqual({ short: "ISMS bot", full: "ISMS bot: ISO/IEC 27001:2022 assistant" });
    expect(manifest.developer.websiteUrl).toBe("https://isms.contoso.com/");
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);
  });

  it("offers the bot in personal chats, teams and group chats, with a search messaging extension", () => {
    expect(manifest.bots?.[0]?.scopes).toEqual(["personal", "team", "groupChat"]);
    const [search] = manifest.composeExtensions?.[0]?.commands ?? [];
    expect(search).toMatchObject({ id: "searchControls", type: "query", context: ["compose", "commandBox"] });
    expect(manifest.webApplicationInfo).toBeUndefined();
  });

  it("takes --name and --website", async () => {
    const out = join(folder.path, "named.zip");
    const run = await runIsms([
      "teams-package",
      "--app-id",
      APP_ID,
      "--out",
      out,
      "--name",
      "Contoso ISMS",
      "--host",
      "https://bot.contoso.com:8443/base",
      "--website",
      "https://intranet.contoso.com/isms",
    ]);
    expect(run.code).toBe(0);
    const named = JSON.parse(
      (await (await JSZip.loadAsync(readFileSync(out))).file("manifest.json")?.async("string")) ?? "",
    ) as TeamsAppManifest;
    expect(named.name.short).toBe("Contoso ISMS");
    expect(named.validDomains).toEqual(["bot.contoso.com"]);
    expect(named.developer.privacyUrl).toBe("https://intranet.contoso.com/isms");
    expect(await ManifestUtil.validateManifestAgainstSchema(named, schema)).toEqual([]);
  });

  it("takes the host from ISMS_PUBLIC_URL when --host is not given", async () => {
    const out = join(folder.path, "from-env.zip");
    const run = await runIsms(["teams-package", "--app-id", APP_ID, "--out", out], {
      env: { ISMS_PUBLIC_URL: "https://isms-bot.fabrikam.com" },
    });
    expect(run.code).toBe(0);
    const made = JSON.parse(
      (await (await JSZip.loadAsync(readFileSync(out))).file("manifest.json")?.async("string")) ?? "",
    ) as TeamsAppManifest;
    expect(made.validDomains).toEqual(["isms-bot.fabrikam.com"]);
  });

  it.each([
    [
      ["--app-id", "my-bot", "--host", "https://a.example.com"],
      2,
      /^--app-id must be the bot's Microsoft App ID/,
    ],
    [["--app-id", APP_ID, "--host", "http://a.example.com"], 2, /^--host must be an https:\/\/ address/],
    [["--app-id", APP_ID], 2, /^give --host https:\/\/<the bot's public address>/],
    [
      ["--app-id", APP_ID, "--host", "https://a.example.com", "--name", "An ISMS assistant with a long name"],
      2,
      /^--name must be 1 to 30 characters/,
    ],
    [["--host", "https://a.example.com"], 2, /required option '--app-id <id>' not specified/],
  ])("refuses %j with one line and exit code %i", async (args, code, message) => {
    const run = await runIsms(["teams-package", ...args, "--out", join(folder.path, "x.zip")]);
    expect(run.code).toBe(code);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr.replace(/^isms: /, "")).toMatch(message);
  });

  it("says so in one line when the zip cannot be written", async () => {
    const run = await runIsms([
      "teams-package",
      ...["--app-id", APP_ID, "--host", "https://a.example.com"],
      ...["--out", join(folder.path, "no-such-folder", "x.zip")],
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^isms: cannot write .*x\.zip: the folder .*no-such-folder does not exist\.\n$/,
    );
    mkdirSync(join(folder.path, "a-folder.zip"));
    const onFolder = await runIsms([
      "teams-package",
      ...["--app-id", APP_ID, "--host", "https://a.example.com", "--out", join(folder.path, "a-folder.zip")],
    ]);
    expect(onFolder.stderr).toMatch(/that is a folder\.\n$/);
  });
});

describe("the Teams icons", () => {
  it("are a 192×192 colour icon and a 32×32 outline icon, valid PNGs with alpha", () => {
    const color = readPng(files["color.png"] ?? Buffer.alloc(0));
    const outline = readPng(files["outline.png"] ?? Buffer.alloc(0));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colorType).toBe(6);
  });

  it("draw the outline in white on a transparent background", () => {
    const { pixels } = readPng(files["outline.png"] ?? Buffer.alloc(0));
    if (!pixels) throw new Error("outline.png is not 8-bit RGBA");
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
      if (a === 0) transparent++;
      else {
        drawn++;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    // The corners are empty, and the shape is more than a speck.
    expect(pixels[3]).toBe(0);
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(drawn).toBeGreaterThan(32 * 32 * 0.1);
  });

  it("fill the colour icon edge to edge with the manifest's accent colour", () => {
    const { pixels } = readPng(files["color.png"] ?? Buffer.alloc(0));
    if (!pixels) throw new Error("color.png is not 8-bit RGBA");
    const hex = `#${[pixels[0], pixels[1], pixels[2]].map((c) => (c ?? 0).toString(16).padStart(2, "0")).join("")}`;
    expect(hex.toUpperCase()).toBe(manifest.accentColor.toUpperCase());
    for (let i = 3; i < pixels.length; i += 4) expect(pixels[i]).toBe(255);
  });
});

describe("the manifest and the Teams app's handlers agree, both ways", () => {
  const app = createTeamsApp(
    {
      handle: async () => ({ text: "", blocks: [], visibility: "public" }),
      lookup: () => [],
      claimDelivery: () => true,
      references: { save: () => undefined, get: () => undefined },
    },
    { appType: "MultiTenant", allowUnauthenticated: true, log: () => undefined },
  );
  const sorted = (list: readonly string[]) => [...new Set(list)].sort();

  it("lists exactly the bot commands the app handles, with the same descriptions", () => {
    const lists = manifest.bots?.[0]?.commandLists ?? [];
    const commands = lists.flatMap((list) => list.commands);
    expect(sorted(commands.map((command) => command.title))).toEqual(sorted(app.commands.bot));
    for (const command of commands) {
      expect(TEAMS_SURFACES.botCommands).toContainEqual({
        title: command.title,
        description: command.description,
      });
    }
    expect(sorted(lists.flatMap((list) => list.scopes))).toEqual(sorted(TEAMS_SURFACES.scopes));
    expect(manifest.bots?.[0]?.scopes).toEqual([...TEAMS_SURFACES.scopes]);
  });

  it("declares exactly the messaging-extension commands the app handles, with the parameter it reads", () => {
    const commands = manifest.composeExtensions?.[0]?.commands ?? [];
    expect(sorted(commands.map((command) => command.id))).toEqual(sorted(app.commands.messagingExtension));
    for (const handled of TEAMS_SURFACES.messagingExtension) {
      const declared = commands.find((command) => command.id === handled.id);
      expect(declared).toMatchObject({
        type: handled.type,
        title: handled.title,
        description: handled.description,
      });
      expect(declared?.parameters?.map((parameter) => parameter.name)).toEqual([handled.parameter.name]);
    }
  });
});

describe("the manifest's bot commands", () => {
  it("are each something the core answers as a command, not a guess (or a search example that finds its answer)", () => {
    const { catalogue, search } = realCatalogue();
    const titles = (manifest.bots?.[0]?.commandLists ?? []).flatMap((list) =>
      list.commands.map((c) => c.title),
    );
    expect(titles.length).toBeGreaterThan(5);
    for (const title of new Set(titles)) {
      const intent = recogniseRecordIntent(title) ?? recognise(catalogue, title);
      if (intent.type !== "search") continue;
      const [best] = search.search(title, 1);
      expect(best?.score, `"${title}" finds a confident answer`).toBeGreaterThan(0.5);
    }
  });
});
