// The profile modal behind /mentor join and /mentor profile: who you are, what you offer or seek.
// Name, title and time zone are Slack's, shown but not typed.
import type { KnownBlock, ModalView, Option, PlainTextOption } from "@slack/types";
import {
  cadenceChoices,
  careerStageLabels,
  careerStages,
  meetingModeLabels,
  meetingModes,
  mentoringKindLabels,
  mentoringKinds,
  mergeTags,
  type ProfileField,
  splitTags,
} from "../../domain/profile.ts";
import type { ParticipantRole } from "../../domain/roles.ts";
import type { ProfileFormData } from "../../services/members.ts";
import { callbackIds } from "../ids.ts";
import { INPUT_ACTION_ID, type ModalValues } from "../modal-values.ts";
import { textInput } from "./inputs.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

/** Block ids of the profile modal, by profile field. */
export const profileBlocks = {
  role: "profile_role",
  careerStage: "profile_career_stage",
  department: "profile_department",
  team: "profile_team",
  expertise: "profile_expertise",
  expertiseOther: "profile_expertise_other",
  interests: "profile_interests",
  interestsOther: "profile_interests_other",
  mentoringKinds: "profile_kinds",
  goalsText: "profile_goals",
  mentorCapacity: "profile_capacity",
  preferredCadenceDays: "profile_cadence",
  meetingMode: "profile_meeting_mode",
  languages: "profile_languages",
  managerSlackId: "profile_manager",
  aiOptIn: "profile_ai",
} as const;

/** The AI opt-in checkbox's one option. */
export const AI_OPT_IN_VALUE = "ai_on";

/** Where each field's error is shown. */
export const profileErrorBlock: Record<ProfileField, string> = {
  role: profileBlocks.role,
  careerStage: profileBlocks.careerStage,
  department: profileBlocks.department,
  team: profileBlocks.team,
  expertise: profileBlocks.expertiseOther,
  interests: profileBlocks.interestsOther,
  mentoringKinds: profileBlocks.mentoringKinds,
  goalsText: profileBlocks.goalsText,
  mentorCapacity: profileBlocks.mentorCapacity,
  preferredCadenceDays: profileBlocks.preferredCadenceDays,
  meetingMode: profileBlocks.meetingMode,
  languages: profileBlocks.languages,
  managerSlackId: profileBlocks.managerSlackId,
  aiOptIn: profileBlocks.aiOptIn,
};

const roleLabels: Record<ParticipantRole, string> = {
  MENTEE: "Mentee: I'd like a mentor",
  MENTOR: "Mentor: I'd like to help someone grow",
  BOTH: "Both",
};

const option = (value: string, text: string): PlainTextOption => ({ text: plain(truncate(text, 75)), value });

export interface ProfileModalMetadata {
  mode: "join" | "edit";
  programId?: string;
}

export interface ProfileModalOptions {
  /** AI is set up in this deployment (a key and a budget): offer the opt-in. */
  aiConfigured?: boolean;
}

export function profileModal(
  data: ProfileFormData,
  metadata: ProfileModalMetadata,
  options: ProfileModalOptions = {},
): ModalView {
  const c = data.current;
  const taxonomy = data.taxonomy.slice(0, 100);
  const inTaxonomy = (tag: string) => taxonomy.includes(tag);
  const chosen = (tags: string[] | undefined) => (tags ?? []).filter(inTaxonomy).map((t) => option(t, t));
  const other = (tags: string[] | undefined) => (tags ?? []).filter((t) => !inTaxonomy(t)).join(", ");
  const role = c?.role ?? data.suggestedRole;
  const cadence = cadenceChoices.find((choice) => choice.days === c?.preferredCadenceDays);
  const intro = data.programName
    ? `Joining *${escapeMrkdwn(data.programName)}*. Tandem uses this to find you a good match; your partner sees it too.`
    : "Tandem uses this to find you a good match; your partner sees it too.";

  const blocks: KnownBlock[] = [
    { type: "section", text: mrkdwn(intro) },
    {
      type: "context",
      elements: [
        mrkdwn(
          `From your Slack profile: *${escapeMrkdwn(truncate(data.slack.name, 80))}*` +
            `${data.slack.title ? `, ${escapeMrkdwn(truncate(data.slack.title, 80))}` : ""}` +
            ` · time zone ${escapeMrkdwn(data.slack.tz)}. Change these in Slack.`,
        ),
      ],
    },
    {
      type: "input",
      block_id: profileBlocks.role,
      label: plain("How would you like to take part?"),
      element: {
        type: "radio_buttons",
        action_id: INPUT_ACTION_ID,
        options: (Object.keys(roleLabels) as ParticipantRole[]).map((r) => option(r, roleLabels[r])),
        ...(role ? { initial_option: option(role, roleLabels[role]) } : {}),
      },
    },
    {
      type: "input",
      block_id: profileBlocks.careerStage,
      label: plain("Career stage"),
      element: {
        type: "static_select",
        action_id: INPUT_ACTION_ID,
        placeholder: plain("Choose a stage"),
        options: careerStages.map((s) => option(s, careerStageLabels[s])),
        ...(c?.careerStage
          ? { initial_option: option(c.careerStage, careerStageLabels[c.careerStage]) }
          : {}),
      },
    },
    textInput(profileBlocks.department, "Department", c?.department, { optional: true, max: 80 }),
    textInput(profileBlocks.team, "Team", c?.team, { optional: true, max: 80 }),
    { type: "header", text: plain("What you offer as a mentor") },
    multiSelect(profileBlocks.expertise, "Expertise you can share", taxonomy, chosen(c?.expertise)),
    textInput(profileBlocks.expertiseOther, "Other expertise", other(c?.expertise), {
      optional: true,
      max: 500,
      hint: "Anything not in the list, separated by commas. Mentors need at least one area.",
    }),
    {
      type: "input",
      block_id: profileBlocks.mentoringKinds,
      optional: true,
      label: plain("Kinds of mentoring you offer"),
      element: {
        type: "checkboxes",
        action_id: INPUT_ACTION_ID,
        options: mentoringKinds.map((k) => option(k, mentoringKindLabels[k])),
        ...(c?.mentoringKinds.length
          ? { initial_options: c.mentoringKinds.map((k) => option(k, mentoringKindLabels[k])) }
          : {}),
      },
    },
    {
      type: "input",
      block_id: profileBlocks.mentorCapacity,
      label: plain("How many mentees can you take at once?"),
      hint: plain("Only used if you mentor."),
      element: {
        type: "static_select",
        action_id: INPUT_ACTION_ID,
        options: [1, 2, 3, 4, 5].map((n) => option(String(n), String(n))),
        initial_option: option(String(c?.mentorCapacity ?? 2), String(c?.mentorCapacity ?? 2)),
      },
    },
    { type: "header", text: plain("What you're looking for as a mentee") },
    multiSelect(profileBlocks.interests, "Areas you'd like help with", taxonomy, chosen(c?.interests)),
    textInput(profileBlocks.interestsOther, "Other areas", other(c?.interests), {
      optional: true,
      max: 500,
      hint: "Anything not in the list, separated by commas. Mentees need at least one area.",
    }),
    textInput(profileBlocks.goalsText, "Your goals, in your own words", c?.goalsText, {
      optional: true,
      max: 1000,
      multiline: true,
      placeholder: "e.g. Lead my first research project within a year",
    }),
    { type: "header", text: plain("How you like to meet") },
    {
      type: "input",
      block_id: profileBlocks.preferredCadenceDays,
      optional: true,
      label: plain("How often would you like to meet?"),
      element: {
        type: "static_select",
        action_id: INPUT_ACTION_ID,
        placeholder: plain("Choose a rhythm"),
        options: cadenceChoices.map((choice) => option(String(choice.days), choice.label)),
        ...(cadence ? { initial_option: option(String(cadence.days), cadence.label) } : {}),
      },
    },
    {
      type: "input",
      block_id: profileBlocks.meetingMode,
      label: plain("Preferred way to meet"),
      element: {
        type: "static_select",
        action_id: INPUT_ACTION_ID,
        options: meetingModes.map((m) => option(m, meetingModeLabels[m])),
        initial_option: option(c?.meetingMode ?? "ANY", meetingModeLabels[c?.meetingMode ?? "ANY"]),
      },
    },
    textInput(profileBlocks.languages, "Languages you can mentor in", c?.languages.join(", "), {
      optional: true,
      max: 300,
      hint: "Separated by commas, e.g. English, Spanish.",
    }),
    {
      type: "input",
      block_id: profileBlocks.managerSlackId,
      optional: true,
      label: plain("Your manager"),
      hint: plain("Optional. Tandem avoids pairing you with someone in your own reporting line."),
      element: {
        type: "users_select",
        action_id: INPUT_ACTION_ID,
        placeholder: plain("Choose a person"),
        ...(c?.managerSlackId ? { initial_user: c.managerSlackId } : {}),
      },
    },
    ...(options.aiConfigured ? [aiOptInBlock(c?.aiOptIn ?? false)] : []),
  ];

  return {
    type: "modal",
    callback_id: callbackIds.profile,
    private_metadata: JSON.stringify(metadata),
    title: plain(metadata.mode === "join" ? "Join Tandem" : "Your profile"),
    submit: plain(metadata.mode === "join" ? "Join" : "Save"),
    close: plain("Cancel"),
    blocks,
  };
}

/** The opt-in: off until the person turns it on; what goes out, and what never does. */
function aiOptInBlock(on: boolean): KnownBlock {
  const choice: PlainTextOption = {
    text: plain("Turn on AI suggestions for me"),
    value: AI_OPT_IN_VALUE,
    description: plain("Optional. You can turn it off here any time."),
  };
  return {
    type: "input",
    block_id: profileBlocks.aiOptIn,
    optional: true,
    label: plain("AI suggestions"),
    hint: plain(
      "Where a program allows it, Tandem sends your profile text and goals (and a pair's session notes, " +
        "only when both of you turned this on) to an AI service for matching and suggestions you can edit. " +
        "Never your name or email. Turning it off deletes what was computed from your profile.",
    ),
    element: {
      type: "checkboxes",
      action_id: INPUT_ACTION_ID,
      options: [choice],
      ...(on ? { initial_options: [choice] } : {}),
    },
  };
}

/**
 * The raw profile answers from a submitted modal, for domain validation. `aiShown`: the modal
 * had the AI checkbox (else the member's choice stays as it was).
 */
export function profileInputFrom(values: ModalValues, aiShown = false): Record<string, unknown> {
  const cadence = values.option(profileBlocks.preferredCadenceDays);
  return {
    role: values.option(profileBlocks.role),
    careerStage: values.option(profileBlocks.careerStage),
    department: values.text(profileBlocks.department),
    team: values.text(profileBlocks.team),
    expertise: mergeTags(values.options(profileBlocks.expertise), values.text(profileBlocks.expertiseOther)),
    interests: mergeTags(values.options(profileBlocks.interests), values.text(profileBlocks.interestsOther)),
    mentoringKinds: values.options(profileBlocks.mentoringKinds),
    goalsText: values.text(profileBlocks.goalsText),
    mentorCapacity: Number(values.option(profileBlocks.mentorCapacity) ?? 2),
    preferredCadenceDays: cadence ? Number(cadence) : undefined,
    meetingMode: values.option(profileBlocks.meetingMode) ?? "ANY",
    languages: splitTags(values.text(profileBlocks.languages)),
    managerSlackId: values.user(profileBlocks.managerSlackId),
    ...(aiShown ? { aiOptIn: values.options(profileBlocks.aiOptIn).includes(AI_OPT_IN_VALUE) } : {}),
  };
}

function multiSelect(blockId: string, label: string, taxonomy: string[], initial: Option[]): KnownBlock {
  if (taxonomy.length === 0) {
    return { type: "context", block_id: blockId, elements: [mrkdwn(`${label}: add them below.`)] };
  }
  return {
    type: "input",
    block_id: blockId,
    optional: true,
    label: plain(label),
    element: {
      type: "multi_static_select",
      action_id: INPUT_ACTION_ID,
      placeholder: plain("Choose from the list"),
      options: taxonomy.map((t) => option(t, t)),
      ...(initial.length ? { initial_options: initial as PlainTextOption[] } : {}),
    },
  };
}

/** What a person reads after saving: welcomed into a program, or simply saved. */
export function profileSavedModal(
  saved: { firstTime: boolean; program: { name: string } | null },
  role: string,
): ModalView {
  const program = saved.program ? escapeMrkdwn(saved.program.name) : null;
  const blocks = (text: string): ModalView => ({
    type: "modal",
    title: plain(saved.firstTime ? "Welcome to Tandem" : "Profile saved"),
    close: plain("Done"),
    blocks: [{ type: "section", text: mrkdwn(text) }],
  });
  if (saved.firstTime && program) {
    return blocks(
      `You've joined *${program}* as ${role}. Tandem will look for a good match and introduce you.\n\nYour Home tab shows where you stand.`,
    );
  }
  if (saved.firstTime) {
    return blocks(
      `Your profile is saved: you take part as ${role}. No program is open for joining right now; a coordinator will invite you, or join one from \`/mentor programs\`.`,
    );
  }
  return blocks(
    program ? `You're in *${program}* as ${role}.` : `Your profile is saved. You take part as ${role}.`,
  );
}
