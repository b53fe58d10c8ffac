// Fills a modal the way a person does: finds each input by its visible label, picks options by
// their visible text, and leaves untouched inputs at their initial values (as Slack reports them).
type Obj = Record<string, unknown>;

export type Answer =
  | string
  | string[]
  | number
  | boolean
  | { user: string }
  | { date: string }
  | { conversation: string };

const textOf = (t: unknown) => ((t as Obj | undefined)?.text as string | undefined) ?? "";

function optionByText(options: Obj[], text: string, label: string): Obj {
  const found = options.find((o) => textOf(o.text) === text);
  if (!found) {
    throw new Error(
      `"${label}" has no option "${text}"; options: ${options.map((o) => textOf(o.text)).join(" | ")}`,
    );
  }
  return { text: found.text, value: found.value };
}

function initialState(el: Obj): Obj {
  const type = String(el.type);
  switch (type) {
    case "plain_text_input":
    case "number_input":
    case "email_text_input":
    case "url_text_input":
      return { type, value: (el.initial_value as string | undefined) ?? null };
    case "static_select":
    case "radio_buttons":
      return { type, selected_option: el.initial_option ?? null };
    case "multi_static_select":
    case "checkboxes":
      return { type, selected_options: el.initial_options ?? [] };
    case "users_select":
      return { type, selected_user: el.initial_user ?? null };
    case "datepicker":
      return { type, selected_date: el.initial_date ?? null };
    case "conversations_select":
      return { type, selected_conversation: el.initial_conversation ?? null };
    default:
      return { type };
  }
}

function answerState(el: Obj, answer: Answer, label: string): Obj {
  const type = String(el.type);
  const options = (el.options as Obj[] | undefined) ?? [];
  switch (type) {
    case "plain_text_input":
    case "email_text_input":
    case "url_text_input":
    case "number_input":
      return { type, value: String(answer) };
    case "static_select":
    case "radio_buttons":
      return { type, selected_option: optionByText(options, String(answer), label) };
    case "multi_static_select":
    case "checkboxes": {
      const texts = Array.isArray(answer)
        ? answer
        : typeof answer === "boolean"
          ? answer
            ? options.map((o) => textOf(o.text))
            : []
          : [String(answer)];
      return { type, selected_options: texts.map((t) => optionByText(options, t, label)) };
    }
    case "users_select":
      return { type, selected_user: (answer as { user: string }).user };
    case "datepicker":
      return { type, selected_date: (answer as { date: string }).date };
    case "conversations_select":
      return { type, selected_conversation: (answer as { conversation: string }).conversation };
    default:
      throw new Error(`the filler doesn't know how to answer a ${type} ("${label}")`);
  }
}

/** The inputs of a modal by label: what a person sees when reading the form. */
export function inputLabels(view: { blocks?: unknown }): string[] {
  return ((view.blocks as Obj[] | undefined) ?? [])
    .filter((b) => b.type === "input")
    .map((b) => textOf(b.label));
}

/** state.values for a modal, with `answers` keyed by input label; unknown labels throw. */
export function fillModal(
  view: { blocks?: unknown },
  answers: Record<string, Answer>,
): Record<string, Record<string, Obj>> {
  const values: Record<string, Record<string, Obj>> = {};
  const used = new Set<string>();
  for (const block of (view.blocks as Obj[] | undefined) ?? []) {
    if (block.type !== "input") continue;
    const el = block.element as Obj;
    const label = textOf(block.label);
    const blockId = String(block.block_id);
    const actionId = String(el.action_id);
    const answer = answers[label];
    if (answer !== undefined) used.add(label);
    values[blockId] = {
      [actionId]: answer === undefined ? initialState(el) : answerState(el, answer, label),
    };
  }
  const unknown = Object.keys(answers).filter((l) => !used.has(l));
  if (unknown.length)
    throw new Error(
      `no input labelled ${unknown.map((l) => `"${l}"`).join(", ")}; inputs: ${inputLabels(view).join(" | ")}`,
    );
  return values;
}

/** Tandem's inline errors keyed by the label of the input they belong to, as a person reads them. */
export function errorsByLabel(
  view: { blocks?: unknown },
  errors: Record<string, string> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of (view.blocks as Obj[] | undefined) ?? []) {
    const id = String(block.block_id ?? "");
    const message = errors?.[id];
    if (message) out[block.type === "input" ? textOf(block.label) : id] = message;
  }
  return out;
}
