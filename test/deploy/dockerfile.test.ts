/** Docker is not run here, so these keep the Dockerfile's key facts from drifting away from the code. */
import { readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../cli/config.js";
import { HEALTH_PATH } from "../../cli/health.js";
import { startPlatforms } from "../../cli/start-platforms.js";
import { DATA_DIR, ROOT } from "../support/catalogue.js";
import { memoryLogger } from "../support/log.js";
import { tempDir } from "../support/temp.js";

const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8").replace(/\\\n\s*/g, " ");
const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
const instructions = (name: string) =>
  [...finalStage.matchAll(new RegExp(`^${name}\\s+(.+)$`, "gm"))].map((found) => found[1]?.trim() ?? "");
const env = Object.fromEntries(
  instructions("ENV")
    .flatMap((line) => [...line.matchAll(/(\w+)=(\S+)/g)])
    .map((found) => [found[1], found[2]]),
);
const packageJson = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  bin: Record<string, string>;
};

describe("the Dockerfile", () => {
  it("builds on node:20-slim in two stages, installing with npm ci and dropping dev dependencies", () => {
    expect([...dockerfile.matchAll(/^FROM (\S+)/gm)].map((found) => found[1])).toEqual([
      "node:20-slim",
      "node:20-slim",
    ]);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it("runs as a user that is not root", () => {
    const users = instructions("USER");
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it("keeps the database on the volume, which the user may write", () => {
    expect(env.ISMS_DB_PATH).toBeDefined();
    const volume = JSON.parse(instructions("VOLUME")[0] ?? "[]") as string[];
    expect(volume).toEqual([posix.dirname(env.ISMS_DB_PATH ?? "")]);
    expect(env.ISMS_EXPORT_DIR?.startsWith(`${volume[0]}/`)).toBe(true);
    expect(finalStage).toMatch(new RegExp(`chown node:node ${volume[0]}`));
    expect(instructions("USER").at(-1)).toBe("node");
  });

  it("exposes the port the bot listens on, and starts the package's own executable", () => {
    expect(instructions("EXPOSE")).toEqual([env.PORT]);
    expect(readConfig({}).port).toBe(Number(env.PORT));
    expect(JSON.parse(instructions("CMD")[0] ?? "[]")).toEqual(["node", packageJson.bin.isms, "start"]);
    // What the executable reads at run time: package.json (to find its folder), the catalogue, the Teams templates.
    for (const copied of ["package.json", "dist", "data", "teams"])
      expect(finalStage).toMatch(new RegExp(`^COPY .*\\s\\./${copied}$`, "m"));
    expect(dirname(DATA_DIR)).toBe(ROOT);
  });

  it("checks health at a path the bot serves, and the bot answers it there", async () => {
    const check = instructions("HEALTHCHECK")[0] ?? "";
    const path = check.match(/\/\w+(?=')/)?.[0];
    expect(path).toBe(HEALTH_PATH);
    expect(check).not.toMatch(/curl|wget/);

    const folder = tempDir();
    const log = memoryLogger();
    const stop = await startPlatforms(
      {
        ...readConfig({ TEAMS_ALLOW_UNAUTHENTICATED: "true" }),
        dbPath: join(folder.path, "isms.db"),
        exportDir: join(folder.path, "exports"),
        port: 0,
      },
      { logger: log.logger, host: "127.0.0.1" },
    );
    try {
      const port = log.lines().find((line) => line.msg === "isms-bot started")?.port;
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "ok", database: "writable" });
    } finally {
      await stop();
      folder.remove();
    }
  });
});
