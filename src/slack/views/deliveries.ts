// The coordinator's list of messages Tandem could not deliver, with the reason in plain words.
import type { KnownBlock, ModalView } from "@slack/types";
import { DateTime } from "luxon";
import type { FailedDelivery } from "../../services/deliveries.ts";
import { escapeMrkdwn, mrkdwn, plain, truncate } from "./text.ts";

export function failedDeliveriesModal(
  programName: string,
  failures: FailedDelivery[],
  tz: string,
): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: mrkdwn(
        failures.length
          ? `The latest messages in *${escapeMrkdwn(programName)}* that Slack refused for good. Tandem stopped retrying these; everything else is retried or sent.`
          : `No failed messages in *${escapeMrkdwn(programName)}*.`,
      ),
    },
  ];
  for (const f of failures.slice(0, 40)) {
    const when = DateTime.fromJSDate(f.at, { zone: tz }).toFormat("d LLL, HH:mm");
    blocks.push({
      type: "section",
      text: mrkdwn(
        truncate(
          `*${escapeMrkdwn(f.what)}* to ${escapeMrkdwn(f.recipients)} · ${when}\n${escapeMrkdwn(f.error)}`,
          3000,
        ),
      ),
    });
  }
  return {
    type: "modal",
    title: plain("Failed messages"),
    close: plain("Done"),
    blocks,
  };
}
