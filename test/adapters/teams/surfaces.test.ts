/** The bot's command menu only offers what the core understands. */
import { afterAll, describe, expect, it } from "vitest";
import { TEAMS_SURFACES } from "../../../adapters/teams/surfaces.js";
import { testBot } from "../../support/bot.js";

describe("the Teams command menu", () => {
  const t = testBot();
  afterAll(() => t.close());

  it.each(TEAMS_SURFACES.botCommands.map((command) => command.title))("'%s' is understood", async (title) => {
    const reply = await t.ask("alice", title);
    expect(JSON.stringify(reply)).not.toMatch(/I found nothing about|I'm not sure what/);
  });

  it("keeps within Teams' limits: ten commands, 32-character titles, 128-character descriptions", () => {
    expect(TEAMS_SURFACES.botCommands.length).toBeLessThanOrEqual(10);
    for (const command of [...TEAMS_SURFACES.botCommands, ...TEAMS_SURFACES.messagingExtension]) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
  });
});
