// The program modal coordinators use to create and edit a program.
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { defaultTaxonomy } from "../../domain/profile.ts";
import {
  checkinCadences,
  DEFAULT_REVIEW_WEEKS,
  DEFAULT_WORKDAY,
  departmentRuleLabels,
  departmentRules,
  hourLabel,
  messageHours,
  type ProgramField,
  parseTaxonomy,
  programStatuses,
  programStatusLabels,
  reviewIntervals,
} from "../../domain/program.ts";
import type { Program } from "../../services/db.ts";
import { callbackIds } from "../ids.ts";
import { INPUT_ACTION_ID, type ModalValues } from "../modal-values.ts";
import { textInput } from "./inputs.ts";
import { plain, truncate } from "./text.ts";

export const programBlocks = {
  name: "program_name",
  description: "program_description",
  kind: "program_kind",
  startsOn: "program_starts_on",
  endsOn: "program_ends_on",
  status: "program_status",
  checkinCadenceDays: "program_cadence",
  midCadencePulse: "program_pulse",
  reviewEveryWeeks: "program_review_weeks",
  workdayStartMinute: "program_messages_from",
  workdayEndMinute: "program_messages_until",
  departmentRule: "program_department_rule",
  avoidSameReportingLine: "program_reporting_line",
  repeatCooldownMonths: "program_cooldown",
  minOverlapHours: "program_overlap",
  mentorCapacityCap: "program_capacity_cap",
  taxonomy: "program_taxonomy",
  aiAllowed: "program_ai",
} as const satisfies Record<ProgramField, string>;

const YES = "yes";
const option = (value: string, text: string): PlainTextOption => ({ text: plain(truncate(text, 75)), value });
const kindLabels = {
  COHORT: "Cohort: fixed start and end dates",
  EVERGREEN: "Evergreen: always running",
} as const;
const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);

export function programModal(program: Program | null): ModalView {
  const p = program;
  const cadence = checkinCadences.find((c) => c.days === (p?.checkinCadenceDays ?? 14)) ?? checkinCadences[1];
  const blocks: KnownBlock[] = [
    textInput(programBlocks.name, "Name", p?.name, { max: 80 }),
    textInput(programBlocks.description, "Description", p?.description, {
      max: 500,
      optional: true,
      multiline: true,
      hint: "Shown on the join card. Who is it for, and what do people get out of it?",
    }),
    {
      type: "input",
      block_id: programBlocks.kind,
      label: plain("Kind"),
      element: {
        type: "radio_buttons",
        action_id: INPUT_ACTION_ID,
        options: (["COHORT", "EVERGREEN"] as const).map((k) => option(k, kindLabels[k])),
        initial_option: option(p?.kind ?? "EVERGREEN", kindLabels[p?.kind ?? "EVERGREEN"]),
      },
    },
    dateInput(programBlocks.startsOn, "Start date", isoDay(p?.startsOn)),
    dateInput(programBlocks.endsOn, "End date", isoDay(p?.endsOn)),
    {
      type: "input",
      block_id: programBlocks.status,
      label: plain("Status"),
      element: {
        type: "static_select",
        action_id: INPUT_ACTION_ID,
        options: programStatuses.map((s) => option(s, programStatusLabels[s])),
        initial_option: option(
          p?.status === "DRAFT" || !p ? "OPEN" : p.status,
          programStatusLabels[p?.status === "DRAFT" || !p ? "OPEN" : p.status],
        ),
      },
    },
    { type: "header", text: plain("Rhythm") },
    {
      type: "input",
      block_id: programBlocks.checkinCadenceDays,
      label: plain("Check-in nudges"),
      element: {
        type: "static_select",
        action_id: INPUT_ACTION_ID,
        options: checkinCadences.map((c) => option(String(c.days), c.label)),
        ...(cadence ? { initial_option: option(String(cadence.days), cadence.label) } : {}),
      },
    },
    checkbox(
      programBlocks.midCadencePulse,
      "Pulse",
      "Also send a short how-are-you pulse between check-ins",
      p?.midCadencePulse ?? false,
    ),
    reviewSelect(p?.reviewEveryWeeks ?? DEFAULT_REVIEW_WEEKS),
    hourSelect(
      programBlocks.workdayStartMinute,
      "Messages from",
      p?.workdayStartMinute ?? DEFAULT_WORKDAY.startMinute,
    ),
    hourSelect(
      programBlocks.workdayEndMinute,
      "Messages until",
      p?.workdayEndMinute ?? DEFAULT_WORKDAY.endMinute,
      "Check-ins, reviews and reminders reach each person inside these hours, in their own time zone (and inside their own working hours).",
    ),
    { type: "header", text: plain("Matching rules") },
    {
      type: "input",
      block_id: programBlocks.departmentRule,
      label: plain("Departments"),
      element: {
        type: "static_select",
        action_id: INPUT_ACTION_ID,
        options: departmentRules.map((r) => option(r, departmentRuleLabels[r])),
        initial_option: option(
          p?.departmentRule ?? "PREFERRED",
          departmentRuleLabels[p?.departmentRule ?? "PREFERRED"],
        ),
      },
    },
    checkbox(
      programBlocks.avoidSameReportingLine,
      "Reporting line",
      "Never pair someone with their manager or their manager's reports",
      p?.avoidSameReportingLine ?? true,
    ),
    numberInput(
      programBlocks.repeatCooldownMonths,
      "No repeat pairs within (months)",
      p?.repeatCooldownMonths ?? 12,
      0,
      60,
    ),
    numberInput(programBlocks.minOverlapHours, "Minimum shared working hours", p?.minOverlapHours ?? 2, 0, 8),
    numberInput(programBlocks.mentorCapacityCap, "Most mentees per mentor", p?.mentorCapacityCap ?? 3, 1, 5),
    textInput(
      programBlocks.taxonomy,
      "Areas of expertise people can choose",
      (p?.taxonomy ?? [...defaultTaxonomy]).join("\n"),
      {
        max: 3000,
        optional: true,
        multiline: true,
        hint: "One per line, up to 100. People can also add their own.",
      },
    ),
    checkbox(
      programBlocks.aiAllowed,
      "AI assistance",
      "Allow optional AI suggestions in this program",
      p?.aiAllowed ?? false,
    ),
  ];
  return {
    type: "modal",
    callback_id: callbackIds.program,
    private_metadata: JSON.stringify({ programId: p?.id ?? null }),
    title: plain(p ? "Edit program" : "New program"),
    submit: plain(p ? "Save" : "Create"),
    close: plain("Cancel"),
    blocks,
  };
}

/** The raw program answers from a submitted modal, for domain validation. */
export function programInputFrom(values: ModalValues): Record<string, unknown> {
  return {
    name: values.text(programBlocks.name) ?? "",
    description: values.text(programBlocks.description),
    kind: values.option(programBlocks.kind),
    startsOn: values.date(programBlocks.startsOn),
    endsOn: values.date(programBlocks.endsOn),
    status: values.option(programBlocks.status) ?? "OPEN",
    checkinCadenceDays: Number(values.option(programBlocks.checkinCadenceDays)),
    midCadencePulse: values.options(programBlocks.midCadencePulse).includes(YES),
    reviewEveryWeeks: optionalNumber(values.option(programBlocks.reviewEveryWeeks)),
    workdayStartMinute: optionalNumber(values.option(programBlocks.workdayStartMinute)),
    workdayEndMinute: optionalNumber(values.option(programBlocks.workdayEndMinute)),
    departmentRule: values.option(programBlocks.departmentRule),
    avoidSameReportingLine: values.options(programBlocks.avoidSameReportingLine).includes(YES),
    repeatCooldownMonths: values.number(programBlocks.repeatCooldownMonths),
    minOverlapHours: values.number(programBlocks.minOverlapHours),
    mentorCapacityCap: values.number(programBlocks.mentorCapacityCap),
    taxonomy: parseTaxonomy(values.text(programBlocks.taxonomy)),
    aiAllowed: values.options(programBlocks.aiAllowed).includes(YES),
  };
}

const optionalNumber = (value: string | undefined) => (value === undefined ? undefined : Number(value));

const weeksLabel = (weeks: number) => `${weeks} weeks`;

/** The review interval: the usual choices, plus the program's own value when it is another. */
function reviewSelect(current: number): KnownBlock {
  const weeks: number[] = [...reviewIntervals];
  if (!weeks.includes(current)) weeks.push(current);
  weeks.sort((a, b) => a - b);
  return {
    type: "input",
    block_id: programBlocks.reviewEveryWeeks,
    label: plain("Periodic review every"),
    hint: plain("Both people look back together, celebrate wins and decide whether to keep going."),
    element: {
      type: "static_select",
      action_id: INPUT_ACTION_ID,
      options: weeks.map((w) => option(String(w), weeksLabel(w))),
      initial_option: option(String(current), weeksLabel(current)),
    },
  };
}

function hourSelect(blockId: string, label: string, current: number, hint?: string): KnownBlock {
  const hours = messageHours.includes(current)
    ? messageHours
    : [...messageHours, current].sort((a, b) => a - b);
  return {
    type: "input",
    block_id: blockId,
    label: plain(label),
    ...(hint ? { hint: plain(hint) } : {}),
    element: {
      type: "static_select",
      action_id: INPUT_ACTION_ID,
      options: hours.map((m) => option(String(m), hourLabel(m))),
      initial_option: option(String(current), hourLabel(current)),
    },
  };
}

function dateInput(blockId: string, label: string, initial: string | undefined): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: true,
    label: plain(label),
    hint: plain("Needed for a cohort."),
    element: {
      type: "datepicker",
      action_id: INPUT_ACTION_ID,
      ...(initial ? { initial_date: initial } : {}),
    },
  };
}

function numberInput(blockId: string, label: string, initial: number, min: number, max: number): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label),
    element: {
      type: "number_input",
      action_id: INPUT_ACTION_ID,
      is_decimal_allowed: false,
      min_value: String(min),
      max_value: String(max),
      initial_value: String(initial),
    },
  };
}

function checkbox(blockId: string, label: string, text: string, checked: boolean): KnownBlock {
  const yes = option(YES, text);
  return {
    type: "input",
    block_id: blockId,
    optional: true,
    label: plain(label),
    element: {
      type: "checkboxes",
      action_id: INPUT_ACTION_ID,
      options: [yes],
      ...(checked ? { initial_options: [yes] } : {}),
    },
  };
}
