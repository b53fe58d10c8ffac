// Opening Tandem's modals, shared by commands, buttons and Home.
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { ParticipantRole } from "../domain/roles.ts";
import type { Services } from "../services/index.ts";
import { type ProfileModalMetadata, profileModal } from "./views/profile-modal.ts";

export async function openProfileModal(
  client: WebClient,
  services: Services,
  args: {
    workspaceId: string;
    userId: string;
    triggerId: string;
    programId?: string;
    suggestedRole?: ParticipantRole;
  },
): Promise<void> {
  const form = await services.members.profileForm(args.workspaceId, args.userId, {
    ...(args.programId ? { programId: args.programId } : {}),
    ...(args.suggestedRole ? { suggestedRole: args.suggestedRole } : {}),
  });
  const metadata: ProfileModalMetadata = {
    mode: form.current?.joined && !args.programId ? "edit" : "join",
    ...(args.programId ? { programId: args.programId } : {}),
  };
  await client.views.open({
    trigger_id: args.triggerId,
    view: profileModal(form, metadata, { aiConfigured: services.ai.configured }),
  });
}

/** private_metadata comes back from Slack untouched, but it is still input: parse it. */
export function parseMetadata<T extends z.ZodType>(schema: T, raw: string | undefined): z.infer<T> {
  let json: unknown = {};
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    json = {};
  }
  return schema.parse(json);
}

export const profileMetadataSchema = z.object({
  mode: z.enum(["join", "edit"]).default("join"),
  programId: z.string().optional(),
});

export const programMetadataSchema = z.object({ programId: z.string().nullable().default(null) });
export const rosterMetadataSchema = z.object({ programId: z.string() });

export const askMetadataSchema = z.object({
  mentor: z.string(),
  program: z.string(),
  name: z.string().default("this mentor"),
});
export const declineMetadataSchema = z.object({ mentorship: z.string() });
export const roundMetadataSchema = z.object({
  roundId: z.string(),
  page: z.number().int().min(0).default(0),
});
export const swapMetadataSchema = z.object({ roundId: z.string(), pair: z.string() });

/** Where the message a modal was opened from lives, to update it after the submit. */
const messageRef = { channel: z.string().optional(), ts: z.string().optional() };
export const checkinMetadataSchema = z.object({ checkIn: z.string(), ...messageRef });
export const reflectionValueSchema = z.object({
  mentorship: z.string(),
  key: z.string(),
  prompt: z.string(),
});
export const reflectionMetadataSchema = reflectionValueSchema.extend(messageRef);
