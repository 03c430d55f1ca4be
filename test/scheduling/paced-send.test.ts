import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.js";
import { DeliveryError } from "../../src/scheduling/delivery-error.js";
import { pacedSend } from "../../src/scheduling/paced-send.js";

const reply: Reply = { text: "Evidence for A.8.13 is due in 14 days.", visibility: "private", blocks: [] };

/** A clock that only moves when the sender sleeps, and a record of every wait. */
function fakeTime() {
  let now = Date.parse("2027-03-17T09:00:00Z");
  const waits: number[] = [];
  return {
    waits,
    clock: () => new Date(now),
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    elapsed: () => now - Date.parse("2027-03-17T09:00:00Z"),
  };
}

/** A platform that fails with the given errors first, then delivers; it notes when each attempt arrived. */
function platform(time: ReturnType<typeof fakeTime>, failures: DeliveryError[] = []) {
  const attempts: { to: string; at: number }[] = [];
  const delivered: string[] = [];
  const queue = [...failures];
  return {
    attempts,
    delivered,
    send: async (to: string) => {
      attempts.push({ to, at: time.elapsed() });
      const failure = queue.shift();
      if (failure) throw failure;
      delivered.push(to);
    },
  };
}

describe("retrying a reminder send", () => {
  it("waits exactly the Retry-After of a rate limit, then delivers once", async () => {
    const time = fakeTime();
    const slack = platform(time, [new DeliveryError("rate-limited", "rate limited", { retryAfterMs: 3000 })]);
    await pacedSend(slack.send, time)("slack:U1", reply);
    expect(time.waits).toEqual([3000]);
    expect(slack.delivered).toEqual(["slack:U1"]);
    expect(slack.attempts.map((a) => a.at)).toEqual([0, 3000]);
  });

  it("backs off longer and longer after server errors, then delivers", async () => {
    const time = fakeTime();
    const down = () => new DeliveryError("server", "Slack answered HTTP 500");
    const slack = platform(time, [down(), down(), down()]);
    await pacedSend(slack.send, time)("slack:U1", reply);
    expect(time.waits).toEqual([1000, 2000, 4000]);
    expect(slack.delivered).toEqual(["slack:U1"]);
  });

  it("gives up after the last retry when the server keeps failing, and says why", async () => {
    const time = fakeTime();
    const slack = platform(
      time,
      Array.from({ length: 10 }, () => new DeliveryError("server", "Slack answered HTTP 500")),
    );
    const send = pacedSend(slack.send, { ...time, maxRetries: 4 });
    await expect(send("slack:U1", reply)).rejects.toThrow("Slack answered HTTP 500");
    expect(slack.attempts).toHaveLength(5);
    expect(time.waits).toEqual([1000, 2000, 4000, 8000]);
    expect(slack.delivered).toEqual([]);
  });

  it("does not retry a person who cannot be reached, nor an error it does not know", async () => {
    const time = fakeTime();
    const slack = platform(time, [new DeliveryError("unreachable", "Slack refused: user_not_found")]);
    const send = pacedSend(slack.send, time);
    await expect(send("slack:U1", reply)).rejects.toThrow("user_not_found");
    expect(slack.attempts).toHaveLength(1);

    const broken = pacedSend(async () => Promise.reject(new Error("bug")), time);
    await expect(broken("slack:U2", reply)).rejects.toThrow("bug");
    expect(time.waits).toEqual([]);
  });

  it("makes everyone wait out a rate limit, not only the person it hit", async () => {
    const time = fakeTime();
    const slack = platform(time, [new DeliveryError("rate-limited", "rate limited", { retryAfterMs: 5000 })]);
    const send = pacedSend(slack.send, time);
    await send("slack:U1", reply);
    await send("slack:U2", reply);
    expect(slack.attempts).toEqual([
      { to: "slack:U1", at: 0 },
      { to: "slack:U1", at: 5000 },
      { to: "slack:U2", at: 5000 },
    ]);
  });
});

describe("pacing reminder sends", () => {
  it("keeps two sends to one person at least a second apart, without holding up anyone else", async () => {
    const time = fakeTime();
    const slack = platform(time);
    const send = pacedSend(slack.send, time);
    await send("slack:U1", reply);
    await send("slack:U2", reply);
    await send("slack:U3", reply);
    await send("slack:U1", reply);
    expect(slack.attempts).toEqual([
      { to: "slack:U1", at: 0 },
      { to: "slack:U2", at: 0 },
      { to: "slack:U3", at: 0 },
      { to: "slack:U1", at: 1000 },
    ]);
  });

  it("queues sends started together to one person a second apart", async () => {
    const waits: number[] = [];
    const at = new Date("2027-03-17T09:00:00Z");
    const send = pacedSend(async () => {}, { clock: () => at, sleep: async (ms) => void waits.push(ms) });
    await Promise.all([send("slack:U1", reply), send("slack:U1", reply), send("slack:U1", reply)]);
    expect(waits).toEqual([1000, 2000]);
  });

  it("spaces all sends by a global interval when asked", async () => {
    const time = fakeTime();
    const teams = platform(time);
    const send = pacedSend(teams.send, { ...time, minIntervalMs: 250 });
    for (const to of ["teams:A", "teams:B", "teams:C"]) await send(to, reply);
    expect(teams.attempts.map((a) => a.at)).toEqual([0, 250, 500]);
  });
});
