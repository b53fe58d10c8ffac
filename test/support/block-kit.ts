// Pure checker of Slack's Block Kit limits for messages, modals and Home tabs (no I/O, no Slack calls).
// Owns the limits table; each violation reads like Slack's own: "<what is wrong> [json-pointer:/blocks/0/text]".

export type Surface = "message" | "modal" | "home";

/** The limits Slack enforces (characters unless stated otherwise). */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  textObject: 3000,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  id: 255,
  plainTextInputMaxLength: 3000,
  placeholder: 150,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  selectOptions: 100,
  optionGroups: 100,
  overflowOptions: 5,
  checkboxOptions: 10,
  radioOptions: 10,
  altText: 2000,
  imageTitle: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  viewTitle: 24,
  viewButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
  viewBytes: 250_000,
} as const;

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Counts characters the way a person does (code points), not UTF-16 units. */
function charCount(text: string): number {
  return [...text].length;
}

class Report {
  readonly issues: string[] = [];
  readonly blockIds = new Set<string>();
  constructor(readonly surface: Surface) {}

  add(path: string, message: string): void {
    this.issues.push(`${message} [json-pointer:${path}]`);
  }
}

// ---------- generic field checks ----------

function checkKeys(r: Report, obj: Obj, path: string, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) r.add(`${path}/${key}`, `${what} has invalid additional property "${key}"`);
  }
}

interface StringRule {
  max: number;
  min?: number;
  required?: boolean;
  what: string;
}

function checkString(r: Report, value: unknown, path: string, rule: StringRule): void {
  if (value === undefined) {
    if (rule.required) r.add(path, `${rule.what} is required`);
    return;
  }
  if (typeof value !== "string") {
    r.add(path, `${rule.what} must be a string`);
    return;
  }
  const n = charCount(value);
  if (n < (rule.min ?? 0)) r.add(path, `${rule.what} must be at least ${rule.min} characters (got ${n})`);
  if (n > rule.max) r.add(path, `${rule.what} must be at most ${rule.max} characters (got ${n})`);
}

function checkBoolean(r: Report, value: unknown, path: string, what: string): void {
  if (value !== undefined && typeof value !== "boolean") r.add(path, `${what} must be a boolean`);
}

function checkArray(
  r: Report,
  value: unknown,
  path: string,
  what: string,
  bounds: { min: number; max: number },
): unknown[] {
  if (!Array.isArray(value)) {
    r.add(path, `${what} must be an array`);
    return [];
  }
  if (value.length < bounds.min) r.add(path, `${what} must have at least ${bounds.min} item(s)`);
  if (value.length > bounds.max) {
    r.add(path, `${what} must have at most ${bounds.max} items (got ${value.length})`);
  }
  return value;
}

// ---------- composition objects ----------

interface TextRule {
  what: string;
  max: number;
  plainOnly: boolean;
  required?: boolean;
}

function checkText(r: Report, value: unknown, path: string, rule: TextRule): void {
  if (value === undefined) {
    if (rule.required !== false) r.add(path, `${rule.what} is required`);
    return;
  }
  if (!isObj(value)) {
    r.add(path, `${rule.what} must be a text object`);
    return;
  }
  const type = value.type;
  if (type !== "plain_text" && type !== "mrkdwn") {
    r.add(`${path}/type`, `${rule.what} type must be plain_text or mrkdwn (got ${JSON.stringify(type)})`);
  } else if (rule.plainOnly && type !== "plain_text") {
    r.add(`${path}/type`, `${rule.what} must be a plain_text object, not ${type}`);
  }
  const allowed = type === "mrkdwn" ? ["type", "text", "verbatim"] : ["type", "text", "emoji"];
  checkKeys(r, value, path, allowed, `${rule.what} (${String(type)})`);
  const max = Math.min(rule.max, LIMITS.textObject);
  checkString(r, value.text, `${path}/text`, { what: `${rule.what} text`, min: 1, max, required: true });
}

const plain = (what: string, max: number, required = true): TextRule => ({
  what,
  max,
  plainOnly: true,
  required,
});
const anyText = (what: string, max: number, required = true): TextRule => ({
  what,
  max,
  plainOnly: false,
  required,
});

function checkConfirm(r: Report, value: unknown, path: string): void {
  if (value === undefined) return;
  if (!isObj(value)) {
    r.add(path, "confirm must be a confirmation dialog object");
    return;
  }
  checkKeys(r, value, path, ["title", "text", "confirm", "deny", "style"], "confirm");
  checkText(r, value.title, `${path}/title`, plain("confirm title", LIMITS.confirmTitle));
  checkText(r, value.text, `${path}/text`, anyText("confirm text", LIMITS.confirmText));
  checkText(r, value.confirm, `${path}/confirm`, plain("confirm button", LIMITS.confirmButton));
  checkText(r, value.deny, `${path}/deny`, plain("deny button", LIMITS.confirmButton));
  checkStyle(r, value.style, `${path}/style`);
}

function checkStyle(r: Report, value: unknown, path: string): void {
  if (value !== undefined && value !== "primary" && value !== "danger") {
    r.add(path, `style must be "primary" or "danger" (got ${JSON.stringify(value)})`);
  }
}

function checkOption(r: Report, value: unknown, path: string, opts: { mrkdwn: boolean; url: boolean }): void {
  if (!isObj(value)) {
    r.add(path, "option must be an object");
    return;
  }
  checkKeys(
    r,
    value,
    path,
    opts.url ? ["text", "value", "description", "url"] : ["text", "value", "description"],
    "option",
  );
  const textRule = { what: "option text", max: LIMITS.optionText, plainOnly: !opts.mrkdwn };
  checkText(r, value.text, `${path}/text`, textRule);
  checkString(r, value.value, `${path}/value`, {
    what: "option value",
    max: LIMITS.optionValue,
    required: true,
  });
  const descRule = {
    ...textRule,
    what: "option description",
    max: LIMITS.optionDescription,
    required: false,
  };
  checkText(r, value.description, `${path}/description`, descRule);
  checkString(r, value.url, `${path}/url`, { what: "option url", max: LIMITS.url });
}

function optionKey(option: unknown): string {
  if (!isObj(option)) return "";
  const text = isObj(option.text) ? option.text.text : undefined;
  return JSON.stringify([text, option.value]);
}

function checkOptionList(
  r: Report,
  el: Obj,
  path: string,
  bounds: { min: number; max: number; mrkdwn: boolean; url: boolean },
): string[] {
  const options = checkArray(r, el.options, `${path}/options`, "options", bounds);
  options.forEach((o, i) => {
    checkOption(r, o, `${path}/options/${i}`, bounds);
  });
  return options.map(optionKey);
}

function checkOptionGroups(r: Report, el: Obj, path: string): string[] {
  const groups = checkArray(r, el.option_groups, `${path}/option_groups`, "option_groups", {
    min: 1,
    max: LIMITS.optionGroups,
  });
  return groups.flatMap((group, i) => {
    const groupPath = `${path}/option_groups/${i}`;
    if (!isObj(group)) {
      r.add(groupPath, "option group must be an object");
      return [];
    }
    checkKeys(r, group, groupPath, ["label", "options"], "option group");
    checkText(r, group.label, `${groupPath}/label`, plain("option group label", LIMITS.optionText));
    return checkOptionList(r, group, groupPath, {
      min: 1,
      max: LIMITS.selectOptions,
      mrkdwn: false,
      url: false,
    });
  });
}

/** Slack rejects an initial option that is not one of the options, field for field. */
function checkInitialOptions(r: Report, el: Obj, path: string, known: string[]): void {
  const check = (value: unknown, at: string) => {
    if (isObj(value) && !known.includes(optionKey(value))) {
      r.add(at, "initial option must exactly match one of the options");
    }
  };
  if (el.initial_option !== undefined) check(el.initial_option, `${path}/initial_option`);
  if (Array.isArray(el.initial_options)) {
    el.initial_options.forEach((o, i) => {
      check(o, `${path}/initial_options/${i}`);
    });
  }
}

// ---------- elements ----------

const COMMON = ["type", "action_id", "confirm", "focus_on_load"] as const;
const SELECT = [...COMMON, "placeholder"] as const;
const TEXT_INPUT = [
  "type",
  "action_id",
  "initial_value",
  "dispatch_action_config",
  "focus_on_load",
  "placeholder",
];

const ELEMENT_KEYS: Record<string, readonly string[]> = {
  button: ["type", "text", "action_id", "url", "value", "style", "confirm", "accessibility_label"],
  workflow_button: ["type", "text", "workflow", "action_id", "style", "accessibility_label"],
  static_select: [...SELECT, "options", "option_groups", "initial_option"],
  multi_static_select: [...SELECT, "options", "option_groups", "initial_options", "max_selected_items"],
  external_select: [...SELECT, "initial_option", "min_query_length"],
  multi_external_select: [...SELECT, "initial_options", "min_query_length", "max_selected_items"],
  users_select: [...SELECT, "initial_user"],
  multi_users_select: [...SELECT, "initial_users", "max_selected_items"],
  conversations_select: [
    ...SELECT,
    "initial_conversation",
    "default_to_current_conversation",
    "response_url_enabled",
    "filter",
  ],
  multi_conversations_select: [
    ...SELECT,
    "initial_conversations",
    "default_to_current_conversation",
    "max_selected_items",
    "filter",
  ],
  channels_select: [...SELECT, "initial_channel", "response_url_enabled"],
  multi_channels_select: [...SELECT, "initial_channels", "max_selected_items"],
  overflow: ["type", "action_id", "options", "confirm"],
  datepicker: [...SELECT, "initial_date"],
  timepicker: [...SELECT, "initial_time", "timezone"],
  datetimepicker: [...COMMON, "initial_date_time"],
  checkboxes: [...COMMON, "options", "initial_options"],
  radio_buttons: [...COMMON, "options", "initial_option"],
  plain_text_input: [...TEXT_INPUT, "multiline", "min_length", "max_length"],
  email_text_input: TEXT_INPUT,
  url_text_input: TEXT_INPUT,
  number_input: [...TEXT_INPUT, "is_decimal_allowed", "min_value", "max_value"],
  rich_text_input: TEXT_INPUT,
  file_input: ["type", "action_id", "filetypes", "max_files"],
  image: ["type", "image_url", "slack_file", "alt_text"],
};

const SELECTS = Object.keys(ELEMENT_KEYS).filter((t) => t.endsWith("_select"));
const PICKERS = ["datepicker", "timepicker", "datetimepicker"];
const CHOICES = ["checkboxes", "radio_buttons", "overflow"];

/** Element types Slack accepts in each place. */
export const ELEMENTS_IN = {
  accessory: ["button", "workflow_button", "image", ...SELECTS, ...PICKERS, ...CHOICES],
  actions: ["button", "workflow_button", ...SELECTS, ...PICKERS, ...CHOICES],
  input: [
    ...SELECTS,
    ...PICKERS,
    "checkboxes",
    "radio_buttons",
    "plain_text_input",
    "email_text_input",
    "url_text_input",
    "number_input",
    "rich_text_input",
    "file_input",
  ],
  context: ["image", "plain_text", "mrkdwn"],
} as const;

function checkElement(
  r: Report,
  el: unknown,
  path: string,
  allowed: readonly string[],
  actionIds: Set<string>,
) {
  if (!isObj(el)) {
    r.add(path, "element must be an object");
    return;
  }
  const type = typeof el.type === "string" ? el.type : "";
  const keys = ELEMENT_KEYS[type];
  if (!keys) {
    r.add(`${path}/type`, `unknown element type ${JSON.stringify(el.type)}`);
    return;
  }
  if (!allowed.includes(type)) r.add(`${path}/type`, `element type ${type} is not allowed here`);
  checkKeys(r, el, path, keys, type);
  checkActionId(r, el.action_id, `${path}/action_id`, actionIds);
  checkConfirm(r, el.confirm, `${path}/confirm`);
  checkBoolean(r, el.focus_on_load, `${path}/focus_on_load`, "focus_on_load");
  if (el.placeholder !== undefined) {
    checkText(r, el.placeholder, `${path}/placeholder`, plain("placeholder", LIMITS.placeholder));
  }
  ELEMENT_CHECKS[type]?.(r, el, path);
}

function checkActionId(r: Report, value: unknown, path: string, seen: Set<string>): void {
  checkString(r, value, path, { what: "action_id", min: 1, max: LIMITS.id });
  if (typeof value !== "string") return;
  if (seen.has(value)) r.add(path, `action_id "${value}" is used more than once in this block`);
  seen.add(value);
}

function checkButton(r: Report, el: Obj, path: string): void {
  checkText(r, el.text, `${path}/text`, plain("button text", LIMITS.buttonText));
  checkString(r, el.value, `${path}/value`, { what: "button value", max: LIMITS.buttonValue });
  checkString(r, el.url, `${path}/url`, { what: "button url", max: LIMITS.url });
  checkString(r, el.accessibility_label, `${path}/accessibility_label`, {
    what: "accessibility_label",
    max: LIMITS.buttonText,
  });
  checkStyle(r, el.style, `${path}/style`);
}

function checkStaticSelect(r: Report, el: Obj, path: string): void {
  const hasOptions = el.options !== undefined;
  const hasGroups = el.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    r.add(path, `${String(el.type)} needs exactly one of options or option_groups`);
  }
  const known = hasGroups
    ? checkOptionGroups(r, el, path)
    : checkOptionList(r, el, path, { min: 1, max: LIMITS.selectOptions, mrkdwn: false, url: false });
  checkInitialOptions(r, el, path, known);
  checkMaxSelected(r, el, path);
}

function checkMaxSelected(r: Report, el: Obj, path: string): void {
  const max = el.max_selected_items;
  if (max !== undefined && !(Number.isInteger(max) && typeof max === "number" && max >= 1)) {
    r.add(`${path}/max_selected_items`, "max_selected_items must be an integer of at least 1");
  }
}

function checkChoices(r: Report, el: Obj, path: string): void {
  const isOverflow = el.type === "overflow";
  const max = isOverflow
    ? LIMITS.overflowOptions
    : el.type === "checkboxes"
      ? LIMITS.checkboxOptions
      : LIMITS.radioOptions;
  const known = checkOptionList(r, el, path, { min: 1, max, mrkdwn: !isOverflow, url: isOverflow });
  checkInitialOptions(r, el, path, known);
}

function checkPlainTextInput(r: Report, el: Obj, path: string): void {
  const { min_length: min, max_length: max } = el;
  const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
  if (max !== undefined && !(isInt(max) && max >= 1 && max <= LIMITS.plainTextInputMaxLength)) {
    r.add(`${path}/max_length`, `max_length must be an integer from 1 to ${LIMITS.plainTextInputMaxLength}`);
  }
  if (min !== undefined && !(isInt(min) && min >= 0 && min <= LIMITS.plainTextInputMaxLength)) {
    r.add(`${path}/min_length`, `min_length must be an integer from 0 to ${LIMITS.plainTextInputMaxLength}`);
  }
  if (isInt(min) && isInt(max) && min > max)
    r.add(`${path}/min_length`, "min_length must not exceed max_length");
  const limit = isInt(max) ? max : LIMITS.plainTextInputMaxLength;
  checkString(r, el.initial_value, `${path}/initial_value`, { what: "initial_value", max: limit });
  checkBoolean(r, el.multiline, `${path}/multiline`, "multiline");
}

function checkDatepicker(r: Report, el: Obj, path: string): void {
  const date = el.initial_date;
  if (date !== undefined && !(typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date))) {
    r.add(`${path}/initial_date`, "initial_date must be YYYY-MM-DD");
  }
}

function checkTimepicker(r: Report, el: Obj, path: string): void {
  const time = el.initial_time;
  if (time !== undefined && !(typeof time === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(time))) {
    r.add(`${path}/initial_time`, "initial_time must be HH:mm (24-hour)");
  }
}

function checkImageElement(r: Report, el: Obj, path: string): void {
  if (el.image_url === undefined && el.slack_file === undefined) {
    r.add(path, "image needs image_url or slack_file");
  }
  checkString(r, el.image_url, `${path}/image_url`, { what: "image_url", min: 1, max: LIMITS.url });
  checkString(r, el.alt_text, `${path}/alt_text`, {
    what: "alt_text",
    min: 1,
    max: LIMITS.altText,
    required: true,
  });
}

const ELEMENT_CHECKS: Record<string, (r: Report, el: Obj, path: string) => void> = {
  button: checkButton,
  workflow_button: checkButton,
  static_select: checkStaticSelect,
  multi_static_select: checkStaticSelect,
  multi_external_select: checkMaxSelected,
  multi_users_select: checkMaxSelected,
  multi_conversations_select: checkMaxSelected,
  multi_channels_select: checkMaxSelected,
  overflow: checkChoices,
  checkboxes: checkChoices,
  radio_buttons: checkChoices,
  plain_text_input: checkPlainTextInput,
  datepicker: checkDatepicker,
  timepicker: checkTimepicker,
  image: checkImageElement,
};

// ---------- blocks ----------

const BLOCK_KEYS: Record<string, readonly string[]> = {
  section: ["type", "block_id", "text", "fields", "accessory", "expand"],
  divider: ["type", "block_id"],
  header: ["type", "block_id", "text"],
  context: ["type", "block_id", "elements"],
  actions: ["type", "block_id", "elements"],
  input: ["type", "block_id", "label", "element", "dispatch_action", "hint", "optional"],
  image: ["type", "block_id", "image_url", "slack_file", "alt_text", "title"],
  rich_text: ["type", "block_id", "elements"],
  file: ["type", "block_id", "external_id", "source", "file_id", "file"],
  video: [
    "type",
    "block_id",
    "alt_text",
    "author_name",
    "description",
    "provider_icon_url",
    "provider_name",
    "title",
    "title_url",
    "thumbnail_url",
    "video_url",
  ],
};

export const KNOWN_BLOCK_TYPES: readonly string[] = Object.keys(BLOCK_KEYS);

function checkSection(r: Report, b: Obj, path: string): void {
  if (b.text === undefined && b.fields === undefined) r.add(path, "section needs text or fields");
  if (b.text !== undefined) checkText(r, b.text, `${path}/text`, anyText("section text", LIMITS.sectionText));
  if (b.fields !== undefined) {
    const fields = checkArray(r, b.fields, `${path}/fields`, "section fields", {
      min: 1,
      max: LIMITS.sectionFields,
    });
    fields.forEach((f, i) => {
      checkText(r, f, `${path}/fields/${i}`, anyText("section field", LIMITS.sectionField));
    });
  }
  if (b.accessory !== undefined)
    checkElement(r, b.accessory, `${path}/accessory`, ELEMENTS_IN.accessory, new Set());
  checkBoolean(r, b.expand, `${path}/expand`, "expand");
}

function checkHeader(r: Report, b: Obj, path: string): void {
  checkText(r, b.text, `${path}/text`, plain("header text", LIMITS.header));
}

function checkContext(r: Report, b: Obj, path: string): void {
  const elements = checkArray(r, b.elements, `${path}/elements`, "context elements", {
    min: 1,
    max: LIMITS.contextElements,
  });
  elements.forEach((el, i) => {
    const at = `${path}/elements/${i}`;
    if (isObj(el) && el.type === "image") checkElement(r, el, at, ELEMENTS_IN.context, new Set());
    else checkText(r, el, at, anyText("context element", LIMITS.textObject));
  });
}

function checkActions(r: Report, b: Obj, path: string): void {
  const elements = checkArray(r, b.elements, `${path}/elements`, "actions elements", {
    min: 1,
    max: LIMITS.actionsElements,
  });
  const actionIds = new Set<string>();
  elements.forEach((el, i) => {
    checkElement(r, el, `${path}/elements/${i}`, ELEMENTS_IN.actions, actionIds);
  });
}

function checkInput(r: Report, b: Obj, path: string): void {
  checkText(r, b.label, `${path}/label`, plain("input label", LIMITS.inputLabel));
  if (b.hint !== undefined) checkText(r, b.hint, `${path}/hint`, plain("input hint", LIMITS.inputHint));
  if (b.element === undefined) r.add(`${path}/element`, "input element is required");
  else checkElement(r, b.element, `${path}/element`, ELEMENTS_IN.input, new Set());
  checkBoolean(r, b.optional, `${path}/optional`, "optional");
  checkBoolean(r, b.dispatch_action, `${path}/dispatch_action`, "dispatch_action");
}

function checkImageBlock(r: Report, b: Obj, path: string): void {
  checkImageElement(r, b, path);
  if (b.title !== undefined) checkText(r, b.title, `${path}/title`, plain("image title", LIMITS.imageTitle));
}

function checkRichText(r: Report, b: Obj, path: string): void {
  const elements = checkArray(r, b.elements, `${path}/elements`, "rich_text elements", { min: 1, max: 1000 });
  const types = ["rich_text_section", "rich_text_list", "rich_text_preformatted", "rich_text_quote"];
  elements.forEach((el, i) => {
    if (!isObj(el) || !types.includes(String(el.type))) {
      r.add(`${path}/elements/${i}`, `rich_text element type must be one of ${types.join(", ")}`);
    }
  });
}

function checkVideo(r: Report, b: Obj, path: string): void {
  checkString(r, b.alt_text, `${path}/alt_text`, {
    what: "alt_text",
    min: 1,
    max: LIMITS.altText,
    required: true,
  });
  checkText(r, b.title, `${path}/title`, plain("video title", 200));
  checkString(r, b.video_url, `${path}/video_url`, {
    what: "video_url",
    min: 1,
    max: LIMITS.url,
    required: true,
  });
  checkString(r, b.thumbnail_url, `${path}/thumbnail_url`, {
    what: "thumbnail_url",
    min: 1,
    max: LIMITS.url,
    required: true,
  });
}

function checkFile(r: Report, b: Obj, path: string): void {
  checkString(r, b.external_id, `${path}/external_id`, {
    what: "external_id",
    min: 1,
    max: LIMITS.id,
    required: true,
  });
  if (b.source !== "remote") r.add(`${path}/source`, 'file source must be "remote"');
}

const BLOCK_CHECKS: Record<string, (r: Report, b: Obj, path: string) => void> = {
  section: checkSection,
  header: checkHeader,
  context: checkContext,
  actions: checkActions,
  input: checkInput,
  image: checkImageBlock,
  rich_text: checkRichText,
  video: checkVideo,
  file: checkFile,
};

function checkBlockId(r: Report, value: unknown, path: string): void {
  checkString(r, value, path, { what: "block_id", min: 1, max: LIMITS.id });
  if (typeof value !== "string") return;
  if (r.blockIds.has(value)) r.add(path, `block_id "${value}" is used more than once`);
  r.blockIds.add(value);
}

function checkBlock(r: Report, block: unknown, path: string): void {
  if (!isObj(block)) {
    r.add(path, "block must be an object");
    return;
  }
  const type = typeof block.type === "string" ? block.type : "";
  const keys = BLOCK_KEYS[type];
  if (!keys) {
    r.add(`${path}/type`, `unknown block type ${JSON.stringify(block.type)}`);
    return;
  }
  checkKeys(r, block, path, keys, `${type} block`);
  checkBlockId(r, block.block_id, `${path}/block_id`);
  BLOCK_CHECKS[type]?.(r, block, path);
}

function checkBlockList(r: Report, blocks: unknown, path: string): void {
  const max = r.surface === "message" ? LIMITS.blocksPerMessage : LIMITS.blocksPerView;
  const list = checkArray(r, blocks, path, `blocks in a ${r.surface}`, { min: 0, max });
  list.forEach((b, i) => {
    checkBlock(r, b, `${path}/${i}`);
  });
}

/** Checks a `blocks` array for the given surface; returns one message per violation (empty = valid). */
export function checkBlocks(blocks: unknown, surface: Surface): string[] {
  const r = new Report(surface);
  checkBlockList(r, blocks, "/blocks");
  return r.issues;
}

// ---------- views ----------

const VIEW_KEYS = {
  modal: [
    "type",
    "title",
    "blocks",
    "close",
    "submit",
    "private_metadata",
    "callback_id",
    "clear_on_close",
    "notify_on_close",
    "external_id",
    "submit_disabled",
  ],
  home: ["type", "blocks", "private_metadata", "callback_id", "external_id"],
} as const;

function checkModalChrome(r: Report, view: Obj): void {
  checkText(r, view.title, "/view/title", plain("modal title", LIMITS.viewTitle));
  if (view.submit !== undefined)
    checkText(r, view.submit, "/view/submit", plain("modal submit", LIMITS.viewButton));
  if (view.close !== undefined)
    checkText(r, view.close, "/view/close", plain("modal close", LIMITS.viewButton));
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === "input");
  if (hasInput && view.submit === undefined) {
    r.add("/view/submit", "a modal with input blocks must have a submit button");
  }
  checkBoolean(r, view.clear_on_close, "/view/clear_on_close", "clear_on_close");
  checkBoolean(r, view.notify_on_close, "/view/notify_on_close", "notify_on_close");
}

/** Checks a modal or Home tab view object, including its blocks; returns violations (empty = valid). */
export function checkView(view: unknown): string[] {
  if (!isObj(view)) return ["view must be an object [json-pointer:/view]"];
  const type = view.type;
  if (type !== "modal" && type !== "home") {
    return [`view type must be "modal" or "home" (got ${JSON.stringify(type)}) [json-pointer:/view/type]`];
  }
  const r = new Report(type);
  checkKeys(r, view, "/view", VIEW_KEYS[type], `${type} view`);
  if (type === "modal") checkModalChrome(r, view);
  checkString(r, view.callback_id, "/view/callback_id", { what: "callback_id", max: LIMITS.callbackId });
  checkString(r, view.external_id, "/view/external_id", { what: "external_id", min: 1, max: LIMITS.id });
  checkString(r, view.private_metadata, "/view/private_metadata", {
    what: "private_metadata",
    max: LIMITS.privateMetadata,
  });
  if (view.blocks === undefined) r.add("/view/blocks", "view blocks are required");
  else checkBlockList(r, view.blocks, "/view/blocks");
  const bytes = Buffer.byteLength(JSON.stringify(view), "utf8");
  if (bytes >= LIMITS.viewBytes)
    r.add("/view", `view is too large: ${bytes} bytes (limit ${LIMITS.viewBytes})`);
  return r.issues;
}
