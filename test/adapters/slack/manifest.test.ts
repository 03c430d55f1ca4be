import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLACK_SURFACES } from "../../../adapters/slack/surfaces.js";
import { ROOT } from "../../support/catalogue.js";

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean };
    slash_commands: { command: string; url: string }[];
    shortcuts: { type: "global" | "message"; callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url: string };
  };
}

const manifest = parse(readFileSync(join(ROOT, "manifest.yml"), "utf8")) as Manifest;
const sorted = (list: readonly string[]) => [...list].sort();

describe("manifest.yml and the handlers agree, both ways", () => {
  it("declares exactly the slash commands the app handles", () => {
    expect(sorted(manifest.features.slash_commands.map((c) => c.command))).toEqual(
      sorted(SLACK_SURFACES.commands),
    );
  });

  it("declares exactly the shortcuts the app handles", () => {
    const of = (type: string) =>
      sorted(manifest.features.shortcuts.filter((s) => s.type === type).map((s) => s.callback_id));
    expect(of("global")).toEqual(sorted(SLACK_SURFACES.shortcuts.global));
    expect(of("message")).toEqual(sorted(SLACK_SURFACES.shortcuts.message));
  });

  it("subscribes to exactly the events the app listens to", () => {
    expect(sorted(manifest.settings.event_subscriptions.bot_events)).toEqual(sorted(SLACK_SURFACES.events));
  });

  it("asks for exactly the scopes the code uses, no more", () => {
    expect(sorted(manifest.oauth_config.scopes.bot)).toEqual(
      sorted([...new Set(Object.values(SLACK_SURFACES.scopes))]),
    );
  });

  it("turns on interactivity, the options load and the Home tab, all at /slack/events", () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(SLACK_SURFACES.interactivity);
    expect(manifest.features.app_home.home_tab_enabled).toBe(SLACK_SURFACES.homeTab);
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      manifest.settings.interactivity.message_menu_options_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe("/slack/events");
  });

  it("registers a listener for every surface it lists", () => {
    const listeners = ["messages", "command", "actions", "views", "shortcuts", "options", "home"]
      .map((file) => readFileSync(join(ROOT, "adapters", "slack", "listeners", `${file}.ts`), "utf8"))
      .join("\n");
    expect(listeners).toMatch(/SLACK_SURFACES\.commands\[0\]/);
    expect(listeners).toMatch(/SLACK_SURFACES\.shortcuts\.global\[0\]/);
    expect(listeners).toMatch(/SLACK_SURFACES\.shortcuts\.message\[0\]/);
    for (const event of SLACK_SURFACES.events) {
      const registered = event === "message.im" ? /app\.message\(/ : new RegExp(`app\\.event\\("${event}"`);
      expect(listeners, event).toMatch(registered);
    }
    expect(listeners).toMatch(/app\.options/);
    expect(listeners).toMatch(/app\.view\(/);
  });

  it("registers nothing that the manifest does not declare", () => {
    const listeners = readdirSync(join(ROOT, "adapters", "slack", "listeners"))
      .map((file) => readFileSync(join(ROOT, "adapters", "slack", "listeners", file), "utf8"))
      .join("\n");
    const events = [...listeners.matchAll(/app\.event\(\s*"([^"]+)"/g)].map((match) => match[1]);
    for (const event of events) expect(SLACK_SURFACES.events, `app.event("${event}")`).toContain(event);
    // Commands and shortcuts are registered only through SLACK_SURFACES, never by a name typed in a listener.
    expect(listeners).not.toMatch(/app\.(?:command|shortcut)(?:<[^>]*>)?\(\s*["'`]/);
    expect([...listeners.matchAll(/app\.(command|shortcut)(?:<[^>]*>)?\(/g)]).toHaveLength(3);
  });
});
