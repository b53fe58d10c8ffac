// The profile text semantic matching embeds: what a mentee NEEDS (their areas and goals) and what
// a mentor OFFERS (their expertise and job title). Scrubbed of the person's names, emails, links
// and phone numbers before it leaves; its hash (with the model) tells a cached vector is current.
import { createHash } from "node:crypto";
import { namePartsOf, scrub } from "./privacy.ts";

export const embeddingPurposes = ["needs", "offers"] as const;
export type EmbeddingPurpose = (typeof embeddingPurposes)[number];

export interface ProfileTextSource {
  role: "MENTEE" | "MENTOR" | "BOTH" | null;
  interests: readonly string[];
  goalsText: string | null;
  expertise: readonly string[];
  title: string | null;
  realName: string | null;
  displayName: string | null;
}

/** The most a profile text may hold (a few hundred tokens at most). */
const MAX_TEXT = 2000;

/** Which texts a member has: mentees NEED, mentors OFFER, people doing both have both. */
export function purposesOf(role: ProfileTextSource["role"]): EmbeddingPurpose[] {
  if (role === "MENTEE") return ["needs"];
  if (role === "MENTOR") return ["offers"];
  if (role === "BOTH") return ["needs", "offers"];
  return [];
}

/** The exact text sent to the embedding model for one purpose ("" when there is nothing to send). */
export function profileEmbeddingText(member: ProfileTextSource, purpose: EmbeddingPurpose): string {
  const names = namePartsOf(member.realName, member.displayName);
  const parts =
    purpose === "needs"
      ? [
          member.interests.length ? `Wants help with: ${member.interests.join(", ")}.` : "",
          member.goalsText?.trim() ? `Goals: ${member.goalsText.trim()}` : "",
        ]
      : [
          member.expertise.length ? `Can help with: ${member.expertise.join(", ")}.` : "",
          member.title?.trim() ? `Role: ${member.title.trim()}` : "",
        ];
  return scrub(parts.filter(Boolean).join("\n"), names, MAX_TEXT);
}

/** sha256 of the text, hex: stored with the vector, so an edited profile means a stale vector. */
export function textHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A unit vector as stored: float32, little-endian. */
export function encodeVector(vector: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < vector.length; i++) view.setFloat32(i * 4, vector[i] ?? 0, true);
  return bytes;
}

/** The stored bytes back as a vector; null when they can't be one. */
export function decodeVector(bytes: Uint8Array): Float32Array | null {
  if (bytes.length === 0 || bytes.length % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) {
    const v = view.getFloat32(i * 4, true);
    if (!Number.isFinite(v)) return null;
    out[i] = v;
  }
  return out;
}
