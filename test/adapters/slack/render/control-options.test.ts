import { describe, expect, it } from "vitest";
import { controlOptions } from "../../../../adapters/slack/render/control-options.js";

describe("controlOptions", () => {
  it("shows each control as its id and title, with the id as value", () => {
    expect(controlOptions([{ id: "A.8.13", title: "Information backup" }])).toEqual({
      options: [{ text: { type: "plain_text", text: "A.8.13 Information backup" }, value: "A.8.13" }],
    });
  });

  it("offers at most 100 options", () => {
    const results = Array.from({ length: 120 }, (_, i) => ({ id: `A.5.${i + 1}`, title: "Policy" }));
    const { options } = controlOptions(results);
    expect(options).toHaveLength(100);
    expect(options.at(-1)?.value).toBe("A.5.100");
  });

  it("cuts option text to 75 characters but keeps the whole id as value", () => {
    const [option] = controlOptions([
      {
        id: "A.5.23",
        title:
          "Information security for use of cloud services, including acquisition, use, management and exit",
      },
    ]).options;
    expect(option?.text.text.length).toBeLessThanOrEqual(75);
    expect(option?.text.text.startsWith("A.5.23 Information security for use of cloud services")).toBe(true);
    expect(option?.text.text.endsWith("…")).toBe(true);
    expect(option?.value).toBe("A.5.23");
  });
});
