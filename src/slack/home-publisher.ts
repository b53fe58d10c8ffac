// Publishes a member's Home tab: called when the tab opens and after every change that affects it.
import type { WebClient } from "@slack/web-api";
import type { Services } from "../services/index.ts";
import { homeView } from "./views/home.ts";

export async function publishHome(
  client: WebClient,
  services: Services,
  workspaceId: string,
  slackUserId: string,
  /** Coordinators: the dashboard's program and page of pairs at risk (else the last one picked). */
  view: { programId?: string; atRiskPage?: number } = {},
): Promise<void> {
  const data = await services.home.forMember(workspaceId, slackUserId, view);
  await client.views.publish({ user_id: slackUserId, view: homeView(data) });
}
