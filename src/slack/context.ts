// What the middleware adds to Bolt's per-request context, read back with a type.
import type { Context } from "@slack/bolt";

/** The Tandem workspace id that the workspace middleware put on the context. */
export function workspaceIdOf(context: Context): string {
  const id = context.workspaceId;
  if (typeof id !== "string") throw new Error("workspace middleware did not run for this request");
  return id;
}
