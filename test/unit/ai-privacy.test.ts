// What may leave for the AI service, and what may come back: identifiers out of prompts, Slack
// control sequences and links out of suggestions, and the two consent rules.
import { describe, expect, it } from "vitest";
import { cleanSuggestion, namePartsOf, scrub } from "../../src/ai/privacy.ts";
import { pairConsent, personConsent } from "../../src/domain/ai-consent.ts";

describe("scrub: personal data out of prompts", () => {
  const names = namePartsOf("Mia Santos", "mia.s", "Walt Writer");

  it("replaces the pair's names in any case, the full name before its parts", () => {
    expect(scrub("Mia Santos said Walt would review it; mia agreed. SANTOS too.", names)).toBe(
      "[name] said [name] would review it; [name] agreed. [name] too.",
    );
  });

  it("leaves words that only contain a name alone", () => {
    expect(scrub("Miami conference, Walter's notes", namePartsOf("Mia Santos", "Walt Writer"))).toBe(
      "Miami conference, Walter's notes",
    );
  });

  it("replaces emails, phone numbers, links and Slack mentions, and drops @channel pings", () => {
    const text =
      "Email mia@example.org or call +1 (415) 555-0134, see https://docs.example.com/x?id=9 and " +
      "<https://drive.example.com/cv|my CV>, ask <@U0WALT|walt> in <#C0LAB|lab> <!channel> www.example.com";
    expect(scrub(text)).toBe(
      "Email [email] or call [phone], see [link] and [link], ask [person] in [channel] [link]",
    );
  });

  it("keeps dates, years and short numbers", () => {
    expect(scrub("Submit 2 abstracts by 2026-03-01 or 01/03/2026, 3 pages each, 2019-2024 work")).toBe(
      "Submit 2 abstracts by 2026-03-01 or 01/03/2026, 3 pages each, 2019-2024 work",
    );
    expect(scrub("call 555-0134 or 020 7946 0958")).toBe("call [phone] or [phone]");
  });

  it("tidies whitespace and cuts long text", () => {
    expect(scrub("a   b\n\n\n\nc")).toBe("a b\n\nc");
    const long = scrub("word ".repeat(2000), [], 100);
    expect(long).toHaveLength(100);
    expect(long.endsWith("…")).toBe(true);
  });

  it("takes names of 2 letters or more as parts, and ignores empty ones", () => {
    expect(namePartsOf("Jo Li Wu-Chen", null, undefined, "  ")).toEqual([
      "Jo Li Wu-Chen",
      "Wu-Chen",
      "Jo",
      "Li",
    ]);
  });

  it("hides short names as written, without eating the words they spell", () => {
    const pair = namePartsOf("Li Wei", "An Kim");
    expect(
      scrub("Jo told Li the plan; An will send an outline to li.", [...pair, ...namePartsOf("Jo Park")]),
    ).toBe("[name] told [name] the plan; [name] will send an outline to li.");
  });
});

describe("cleanSuggestion: a model's text made safe to show", () => {
  it("removes mentions, channel pings, links and list markers", () => {
    expect(cleanSuggestion("- <!channel> Ask <@U123> @here to review https://evil.example/x now", 200)).toBe(
      "Ask to review now",
    );
    expect(cleanSuggestion("2. Draft the aims page", 200)).toBe("Draft the aims page");
    expect(cleanSuggestion("## Heading", 200)).toBe("Heading");
  });

  it("is one line, cut to the limit", () => {
    expect(cleanSuggestion("Line one\nline two", 200)).toBe("Line one line two");
    expect(cleanSuggestion("x".repeat(300), 50)).toHaveLength(50);
  });

  it("is empty when nothing usable is left", () => {
    expect(cleanSuggestion("<!everyone> <https://x.example|click>", 100)).toBe("");
  });
});

describe("consent", () => {
  const on = { aiOptIn: true };
  const off = { aiOptIn: false };

  it("a person's own text: some program of theirs allows AI, and they turned it on", () => {
    expect(personConsent(on, [{ aiAllowed: false }, { aiAllowed: true }])).toEqual({ allowed: true });
    expect(personConsent(on, [{ aiAllowed: false }])).toEqual({
      allowed: false,
      reason: "your program doesn't use AI suggestions",
    });
    expect(personConsent(on, [])).toMatchObject({ allowed: false });
    expect(personConsent(off, [{ aiAllowed: true }])).toEqual({
      allowed: false,
      reason: "you haven't turned on AI suggestions in your profile",
    });
  });

  it("a pair's text: the program allows AI and both people turned it on", () => {
    expect(pairConsent({ aiAllowed: true }, on, on)).toEqual({ allowed: true });
    expect(pairConsent({ aiAllowed: false }, on, on)).toMatchObject({ allowed: false });
    expect(pairConsent({ aiAllowed: true }, off, on)).toMatchObject({ allowed: false });
    expect(pairConsent({ aiAllowed: true }, on, { ...off, displayName: "Walt" })).toEqual({
      allowed: false,
      reason: "Walt hasn't turned on AI suggestions",
    });
    expect(pairConsent({ aiAllowed: true }, on, off)).toEqual({
      allowed: false,
      reason: "your partner hasn't turned on AI suggestions",
    });
  });
});
