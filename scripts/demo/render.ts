// Renders Block Kit as plain text for the demo: roughly what a person sees in Slack.
type Obj = Record<string, unknown>;

const textOf = (t: unknown): string => {
  const o = t as Obj | undefined;
  return typeof o?.text === "string" ? o.text : "";
};

/** Slack's mrkdwn, made readable in a terminal: *bold* stays, &lt; entities are decoded. */
const clean = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

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
