// Checks test/support/block-kit.ts: realistic valid surfaces pass, and each Slack limit it encodes is caught
// with a message that names the rule and points at the offending field.

import { describe, expect, it } from "vitest";
import { checkBlocks, checkView, LIMITS } from "../support/block-kit.ts";

const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const x = (n: number) => "x".repeat(n);
const section = (text = "Hello") => ({ type: "section", text: mrkdwn(text) });
const button = (extra: Record<string, unknown> = {}) => ({
  type: "button",
  action_id: "go",
  text: plain("Go"),
  value: "v",
  ...extra,
});
const option = (text: string, value: string) => ({ text: plain(text), value });
const select = (extra: Record<string, unknown> = {}) => ({
  type: "static_select",
  action_id: "pick",
  placeholder: plain("Choose"),
  options: [option("A", "a"), option("B", "b")],
  ...extra,
});
const input = (element: unknown, extra: Record<string, unknown> = {}) => ({
  type: "input",
  block_id: "in",
  label: plain("Your goal"),
  element,
  ...extra,
});
const textInput = (extra: Record<string, unknown> = {}) => ({
  type: "plain_text_input",
  action_id: "goal",
  ...extra,
});
const modal = (extra: Record<string, unknown> = {}) => ({
  type: "modal",
  callback_id: "signup",
  title: plain("Join Tandem"),
  submit: plain("Save"),
  close: plain("Cancel"),
  blocks: [input(textInput())],
  ...extra,
});

describe("checkBlocks: valid surfaces", () => {
  it("accepts a realistic mentorship message", () => {
    const blocks = [
      { type: "header", text: plain("You have a new mentee :tada:") },
      {
        type: "section",
        text: mrkdwn("*Alice* wants to learn *SQL*"),
        accessory: button({ style: "primary" }),
      },
      { type: "section", fields: [mrkdwn("*Track*\nData"), mrkdwn("*Cadence*\nWeekly")] },
      { type: "divider" },
      {
        type: "context",
        elements: [
          mrkdwn("Matched by Tandem"),
          { type: "image", image_url: "https://x.test/a.png", alt_text: "logo" },
        ],
      },
      {
        type: "actions",
        block_id: "decide",
        elements: [
          button({ action_id: "accept", text: plain("Accept") }),
          button({
            action_id: "decline",
            text: plain("Decline"),
            style: "danger",
            confirm: {
              title: plain("Sure?"),
              text: mrkdwn("This cannot be undone"),
              confirm: plain("Yes"),
              deny: plain("No"),
            },
          }),
          { type: "overflow", action_id: "more", options: [option("Snooze", "snooze")] },
        ],
      },
    ];
    expect(checkBlocks(blocks, "message")).toEqual([]);
  });

  it("accepts a realistic sign-up modal", () => {
    const view = modal({
      private_metadata: JSON.stringify({ programId: 1 }),
      blocks: [
        input(
          textInput({ multiline: true, max_length: 500, placeholder: plain("What do you want to learn?") }),
        ),
        input(select({ initial_option: option("B", "b") }), { block_id: "track", hint: plain("Pick one") }),
        input(
          { type: "checkboxes", action_id: "days", options: [{ text: mrkdwn("*Mon*"), value: "mon" }] },
          {
            block_id: "days",
            optional: true,
          },
        ),
        input({ type: "datepicker", action_id: "start", initial_date: "2025-01-31" }, { block_id: "start" }),
        input({ type: "users_select", action_id: "who" }, { block_id: "who" }),
      ],
    });
    expect(checkView(view)).toEqual([]);
  });

  it("accepts a Home tab", () => {
    expect(
      checkView({ type: "home", blocks: [section(), { type: "actions", elements: [button()] }] }),
    ).toEqual([]);
  });

  it("accepts limits exactly at the boundary", () => {
    const blocks = [
      { type: "section", text: mrkdwn(x(LIMITS.sectionText)) },
      { type: "header", text: plain(x(LIMITS.header)) },
      {
        type: "actions",
        elements: [button({ text: plain(x(LIMITS.buttonText)), value: x(LIMITS.buttonValue) })],
      },
    ];
    expect(checkBlocks(blocks, "message")).toEqual([]);
  });
});

interface Case {
  rule: string;
  blocks?: unknown[];
  surface?: "message" | "modal" | "home";
  view?: unknown;
  expected: RegExp;
}

const many = (n: number, make: (i: number) => unknown) => Array.from({ length: n }, (_, i) => make(i));

const cases: Case[] = [
  {
    rule: "blocks per message ≤ 50",
    blocks: many(51, () => ({ type: "divider" })),
    expected: /at most 50 items/,
  },
  {
    rule: "blocks per modal ≤ 100",
    view: modal({ blocks: many(101, () => ({ type: "divider" })) }),
    expected: /at most 100 items/,
  },
  {
    rule: "blocks per home ≤ 100",
    blocks: many(101, () => ({ type: "divider" })),
    surface: "home",
    expected: /at most 100 items/,
  },
  { rule: "blocks must be an array", blocks: "nope" as unknown as unknown[], expected: /must be an array/ },
  { rule: "unknown block type", blocks: [{ type: "carousel" }], expected: /unknown block type "carousel"/ },
  {
    rule: "unknown block property",
    blocks: [{ type: "divider", text: plain("x") }],
    expected: /invalid additional property "text"/,
  },
  {
    rule: "text object not empty",
    blocks: [section("")],
    expected: /at least 1 characters.*\/blocks\/0\/text\/text/,
  },
  {
    rule: "text object type",
    blocks: [{ type: "section", text: { type: "markdown", text: "x" } }],
    expected: /plain_text or mrkdwn/,
  },
  {
    rule: "text object ≤ 3000",
    blocks: [{ type: "context", elements: [mrkdwn(x(3001))] }],
    expected: /at most 3000/,
  },
  {
    rule: "emoji not allowed on mrkdwn",
    blocks: [{ type: "section", text: { ...mrkdwn("x"), emoji: true } }],
    expected: /"emoji"/,
  },
  {
    rule: "section text ≤ 3000",
    blocks: [section(x(3001))],
    expected: /section text text must be at most 3000/,
  },
  { rule: "section needs text or fields", blocks: [{ type: "section" }], expected: /needs text or fields/ },
  {
    rule: "section fields ≤ 10",
    blocks: [{ type: "section", fields: many(11, () => mrkdwn("f")) }],
    expected: /section fields must have at most 10/,
  },
  {
    rule: "section field ≤ 2000",
    blocks: [{ type: "section", fields: [mrkdwn(x(2001))] }],
    expected: /section field text must be at most 2000/,
  },
  {
    rule: "header ≤ 150",
    blocks: [{ type: "header", text: plain(x(151)) }],
    expected: /header text text must be at most 150/,
  },
  {
    rule: "header is plain_text",
    blocks: [{ type: "header", text: mrkdwn("*hi*") }],
    expected: /header text must be a plain_text/,
  },
  {
    rule: "context elements ≤ 10",
    blocks: [{ type: "context", elements: many(11, () => mrkdwn("c")) }],
    expected: /context elements must have at most 10/,
  },
  {
    rule: "actions elements ≤ 25",
    blocks: [{ type: "actions", elements: many(26, (i) => button({ action_id: `a${i}` })) }],
    expected: /actions elements must have at most 25/,
  },
  {
    rule: "actions cannot hold a text input",
    blocks: [{ type: "actions", elements: [textInput()] }],
    expected: /plain_text_input is not allowed here/,
  },
  {
    rule: "unknown element type",
    blocks: [{ type: "actions", elements: [{ type: "slider" }] }],
    expected: /unknown element type "slider"/,
  },
  {
    rule: "input label ≤ 2000",
    blocks: [input(textInput(), { label: plain(x(2001)) })],
    surface: "modal",
    expected: /input label text must be at most 2000/,
  },
  {
    rule: "input label is plain_text",
    blocks: [input(textInput(), { label: mrkdwn("x") })],
    surface: "modal",
    expected: /input label must be a plain_text/,
  },
  {
    rule: "input hint ≤ 2000",
    blocks: [input(textInput(), { hint: plain(x(2001)) })],
    surface: "modal",
    expected: /input hint text must be at most 2000/,
  },
  {
    rule: "input needs an element",
    blocks: [{ type: "input", label: plain("L") }],
    surface: "modal",
    expected: /input element is required/,
  },
  {
    rule: "input cannot hold a button",
    blocks: [input(button())],
    surface: "modal",
    expected: /button is not allowed here/,
  },
  {
    rule: "block_id ≤ 255",
    blocks: [{ type: "divider", block_id: x(256) }],
    expected: /block_id must be at most 255/,
  },
  {
    rule: "block_id unique",
    blocks: [
      { type: "divider", block_id: "same" },
      { type: "divider", block_id: "same" },
    ],
    expected: /block_id "same" is used more than once.*\/blocks\/1\/block_id/,
  },
  {
    rule: "action_id ≤ 255",
    blocks: [{ type: "actions", elements: [button({ action_id: x(256) })] }],
    expected: /action_id must be at most 255/,
  },
  {
    rule: "action_id unique in a block",
    blocks: [{ type: "actions", elements: [button(), button()] }],
    expected: /action_id "go" is used more than once/,
  },
  {
    rule: "max_length ≥ 1",
    blocks: [input(textInput({ max_length: 0 }))],
    surface: "modal",
    expected: /max_length must be an integer from 1 to 3000/,
  },
  {
    rule: "max_length ≤ 3000",
    blocks: [input(textInput({ max_length: 3001 }))],
    surface: "modal",
    expected: /max_length must be an integer from 1 to 3000/,
  },
  {
    rule: "min_length ≤ max_length",
    blocks: [input(textInput({ min_length: 10, max_length: 5 }))],
    surface: "modal",
    expected: /min_length must not exceed max_length/,
  },
  {
    rule: "placeholder ≤ 150",
    blocks: [input(textInput({ placeholder: plain(x(151)) }))],
    surface: "modal",
    expected: /placeholder text must be at most 150/,
  },
  {
    rule: "placeholder is plain_text",
    blocks: [input(textInput({ placeholder: mrkdwn("x") }))],
    surface: "modal",
    expected: /placeholder must be a plain_text/,
  },
  {
    rule: "button text ≤ 75",
    blocks: [{ type: "actions", elements: [button({ text: plain(x(76)) })] }],
    expected: /button text text must be at most 75/,
  },
  {
    rule: "button text is plain_text",
    blocks: [{ type: "actions", elements: [button({ text: mrkdwn("*Go*") })] }],
    expected: /button text must be a plain_text/,
  },
  {
    rule: "button value ≤ 2000",
    blocks: [{ type: "actions", elements: [button({ value: x(2001) })] }],
    expected: /button value must be at most 2000/,
  },
  {
    rule: "button url ≤ 3000",
    blocks: [{ type: "actions", elements: [button({ url: `https://${x(3000)}` })] }],
    expected: /button url must be at most 3000/,
  },
  {
    rule: "button style",
    blocks: [{ type: "actions", elements: [button({ style: "secondary" })] }],
    expected: /style must be "primary" or "danger"/,
  },
  {
    rule: "option text ≤ 75",
    blocks: [{ type: "actions", elements: [select({ options: [option(x(76), "a")] })] }],
    expected: /option text text must be at most 75/,
  },
  {
    rule: "option text plain_text in selects",
    blocks: [{ type: "actions", elements: [select({ options: [{ text: mrkdwn("a"), value: "a" }] })] }],
    expected: /option text must be a plain_text/,
  },
  {
    rule: "option value ≤ 150",
    blocks: [{ type: "actions", elements: [select({ options: [option("A", x(151))] })] }],
    expected: /option value must be at most 150/,
  },
  {
    rule: "static_select options ≤ 100",
    blocks: [
      { type: "actions", elements: [select({ options: many(101, (i) => option(`o${i}`, `v${i}`)) })] },
    ],
    expected: /options must have at most 100/,
  },
  {
    rule: "initial_option must be one of the options",
    blocks: [{ type: "actions", elements: [select({ initial_option: option("C", "c") })] }],
    expected: /initial option must exactly match/,
  },
  {
    rule: "static_select needs options or option_groups",
    blocks: [{ type: "actions", elements: [select({ options: undefined })] }],
    expected: /needs exactly one of options or option_groups/,
  },
  {
    rule: "overflow options ≤ 5",
    blocks: [
      {
        type: "actions",
        elements: [{ type: "overflow", action_id: "o", options: many(6, (i) => option(`o${i}`, `v${i}`)) }],
      },
    ],
    expected: /options must have at most 5/,
  },
  {
    rule: "confirm title ≤ 100",
    blocks: [
      {
        type: "actions",
        elements: [
          button({
            confirm: { title: plain(x(101)), text: plain("t"), confirm: plain("y"), deny: plain("n") },
          }),
        ],
      },
    ],
    expected: /confirm title text must be at most 100/,
  },
  {
    rule: "confirm text ≤ 300",
    blocks: [
      {
        type: "actions",
        elements: [
          button({
            confirm: { title: plain("T"), text: plain(x(301)), confirm: plain("y"), deny: plain("n") },
          }),
        ],
      },
    ],
    expected: /confirm text text must be at most 300/,
  },
  {
    rule: "confirm button ≤ 30",
    blocks: [
      {
        type: "actions",
        elements: [
          button({
            confirm: { title: plain("T"), text: plain("t"), confirm: plain(x(31)), deny: plain("n") },
          }),
        ],
      },
    ],
    expected: /confirm button text must be at most 30/,
  },
  {
    rule: "deny button ≤ 30",
    blocks: [
      {
        type: "actions",
        elements: [
          button({
            confirm: { title: plain("T"), text: plain("t"), confirm: plain("y"), deny: plain(x(31)) },
          }),
        ],
      },
    ],
    expected: /deny button text must be at most 30/,
  },
  {
    rule: "image needs alt_text",
    blocks: [{ type: "image", image_url: "https://x.test/a.png" }],
    expected: /alt_text is required/,
  },
  {
    rule: "datepicker date format",
    blocks: [
      { type: "actions", elements: [{ type: "datepicker", action_id: "d", initial_date: "31/01/2025" }] },
    ],
    expected: /YYYY-MM-DD/,
  },
  {
    rule: "modal title ≤ 24",
    view: modal({ title: plain(x(25)) }),
    expected: /modal title text must be at most 24/,
  },
  { rule: "modal title required", view: modal({ title: undefined }), expected: /modal title is required/ },
  {
    rule: "modal title is plain_text",
    view: modal({ title: mrkdwn("Hi") }),
    expected: /modal title must be a plain_text/,
  },
  {
    rule: "modal submit ≤ 24",
    view: modal({ submit: plain(x(25)) }),
    expected: /modal submit text must be at most 24/,
  },
  {
    rule: "modal close ≤ 24",
    view: modal({ close: plain(x(25)) }),
    expected: /modal close text must be at most 24/,
  },
  {
    rule: "modal with input needs submit",
    view: modal({ submit: undefined }),
    expected: /must have a submit button/,
  },
  {
    rule: "callback_id ≤ 255",
    view: modal({ callback_id: x(256) }),
    expected: /callback_id must be at most 255/,
  },
  {
    rule: "private_metadata ≤ 3000",
    view: modal({ private_metadata: x(3001) }),
    expected: /private_metadata must be at most 3000/,
  },
  {
    rule: "view JSON < 250 kB",
    view: modal({
      blocks: many(90, (i) => ({ type: "section", block_id: `s${i}`, text: mrkdwn(x(2999)) })),
      submit: undefined,
    }),
    expected: /view is too large/,
  },
  {
    rule: "view type",
    view: { type: "dialog", blocks: [] },
    expected: /view type must be "modal" or "home"/,
  },
  {
    rule: "home view has no title",
    view: { type: "home", title: plain("Home"), blocks: [] },
    expected: /invalid additional property "title"/,
  },
];

describe("checkBlocks / checkView: one failing case per rule", () => {
  it.each(cases)("$rule", (c) => {
    const issues = c.view === undefined ? checkBlocks(c.blocks, c.surface ?? "message") : checkView(c.view);
    expect(issues.join("\n")).toMatch(c.expected);
    for (const issue of issues) expect(issue).toMatch(/\[json-pointer:\/(blocks|view)[^\]]*\]$/);
  });
});
