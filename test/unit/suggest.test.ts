import { describe, expect, it } from "vitest";
import { closestWord, editDistance } from "../../src/domain/suggest.ts";

describe("editDistance", () => {
  it.each([
    ["join", "join", 0],
    ["jion", "join", 1],
    ["jon", "join", 1],
    ["joins", "join", 1],
    ["help", "join", 4],
    ["", "find", 4],
  ])("%s -> %s is %i", (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe("closestWord", () => {
  const known = ["help", "join", "find", "profile", "pause", "resume"];
  it("suggests a typo's intended command", () => {
    expect(closestWord("jion", known)).toBe("join");
    expect(closestWord("HLEP", known)).toBe("help");
    expect(closestWord("profle", known)).toBe("profile");
  });
  it("completes a prefix", () => expect(closestWord("res", known)).toBe("resume"));
  it("stays quiet when nothing is close", () => {
    expect(closestWord("banana", known)).toBeUndefined();
    expect(closestWord("x", known)).toBeUndefined();
  });
});
