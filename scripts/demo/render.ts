// Renders Block Kit as plain text for the demo: roughly what a person sees in Slack.
type Obj = Record<string, unknown>;

const textOf = (t: unknown): string => {
  const o = t as Obj | undefined;
  return typeof o?.text === "string" ? o.text : "";
};

let names: Record<string, string> = {};
/** Who the user ids are, so a mention reads "@Ana Ruiz" as in Slack. */
export function setNames(byId: Record<string, string>): void {
  names = byId;
}

/** The few emoji Tandem uses, as a terminal shows them. */
const EMOJI: Record<string, string> = {
  white_check_mark: "✅",
  tada: "🎉",
  trophy: "🏆",
  dart: "🎯",
  lock: "🔒",
  white_square: "☐",
  white_large_square: "☐",
  heavy_minus_sign: "➖",
};

/** Slack's mrkdwn, made readable in a terminal: *bold* stays, mentions, emoji and entities are decoded. */
const clean = (s: string) =>
  s
    .replace(/<@([UW][A-Z0-9]+)>/g, (m, id: string) => (names[id] ? `@${names[id]}` : m))
    .replace(/<#[CG][A-Z0-9]+\|([^>]+)>/g, "#$1")
    .replace(/:([a-z_]+):/g, (m, name: string) => EMOJI[name] ?? m)
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

export function renderBlocks(blocks: unknown, indent = "    "): string {
  const lines: string[] = [];
  for (const block of Array.isArray(blocks) ? (blocks as Obj[]) : []) {
    switch (block.type) {
      case "header":
        lines.push(`${indent}${clean(textOf(block.text)).toUpperCase()}`);
        break;
      case "section":
        for (const line of clean(textOf(block.text)).split("\n")) lines.push(`${indent}${line}`);
        for (const field of (block.fields as unknown[]) ?? [])
          lines.push(`${indent}  ${clean(textOf(field))}`);
        if (block.accessory) lines.push(`${indent}${renderElements([block.accessory])}`);
        break;
      case "context":
        lines.push(`${indent}(${(block.elements as unknown[]).map((e) => clean(textOf(e))).join(" · ")})`);
        break;
      case "actions":
        lines.push(`${indent}${renderElements(block.elements as unknown[])}`);
        break;
      case "divider":
        lines.push(`${indent}${"─".repeat(40)}`);
        break;
      case "input":
        lines.push(`${indent}${clean(textOf(block.label))}: ____`);
        break;
      default:
        lines.push(`${indent}[${String(block.type)}]`);
    }
  }
  return lines.join("\n");
}

function renderElements(elements: unknown[]): string {
  return elements
    .map((e) => {
      const el = e as Obj;
      return el.type === "button" ? `[ ${textOf(el.text)} ]` : `[${String(el.type)}]`;
    })
    .join("  ");
}
