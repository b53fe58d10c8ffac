// Posting a program's join card in a channel: `/mentor program announce` and Home's "Announce"
// both do it, and both tell the coordinator the same way when Tandem isn't in the channel.
import type { WebClient } from "@slack/web-api";
import type { Program } from "../../services/db.ts";
import { joinCardMessage } from "../views/programs.ts";

/** Posts the join card; false when Tandem can't post there (not invited, or the channel is gone). */
export async function postJoinCard(client: WebClient, channelId: string, program: Program): Promise<boolean> {
  try {
    await client.chat.postMessage({ channel: channelId, ...joinCardMessage(program) });
    return true;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === "not_in_channel" || code === "channel_not_found") return false;
    throw error;
  }
}
