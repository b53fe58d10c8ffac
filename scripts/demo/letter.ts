// A letter of recommendation, as Ana (mentee) and Ben (her mentor) live it after their review: Ana
// asks for a strong fellowship letter with her packet and Tandem's summary of their work, Ben
// says yes, the one reminder reaches him 10 days before the deadline at the start of his working
// day, he marks it submitted, and Ana thanks him in her own words.
import type { StoredView } from "../../test/support/slack-api-stand-in.ts";
import { ana, ben } from "./cast.ts";
import { narrate, type Stage, type SubmitResult, say, show, showAnswers, titleOf } from "./stage.ts";

/** The modal a submit turned into (response_action "update"), ready to be filled in turn. */
function nextModal(before: StoredView, result: SubmitResult): StoredView {
  if (result.response_action !== "update" || !result.view) {
    throw new Error(`"${titleOf(before)}" did not lead on: ${JSON.stringify(result.errors ?? result)}`);
  }
  return { ...before, ...(result.view as Partial<StoredView>), id: before.id } as StoredView;
}

export async function letterOfRecommendation(s: Stage): Promise<void> {
  await s.passTime(s.nextWorkingMoment(ana.tz));
  const deadline = s.day(ana.tz, 75);
  say("Ana Ruiz", `(${s.localTime(ana.tz)} in Madrid) /mentor letter`);
  const request = await s.modalOpenedBy(() => s.command(ana.id, "letter"));
  const answers = {
    "What is it for?": "Fellowship application",
    Deadline: { date: deadline },
    "Where does it go?": `Cardiology Fellowship, Hospital Clínic\nInterventional Fellowship, St Mary's, ${s.day(ana.tz, 90)}`,
    "How to submit": "Through the ERAS letter portal: letter ID 4417-22.",
  };
  console.log(`Tandem › opens "${titleOf(request)}"; Ana answers:`);
  showAnswers(answers);
  const packet = nextModal(request, await s.submit(ana.id, request, answers));
  show(`Tandem › turns it into "${titleOf(packet)}", with a summary of their work to review:`, packet.blocks);
  const packetAnswers = {
    "Link to your CV": "https://drive.example/ana-ruiz-cv.pdf",
    "Link to your personal statement": "https://drive.example/ana-ruiz-statement.pdf",
    "Your goals": "Become an interventional cardiologist who also runs clinical research.",
    "Why this program": "Its cath-lab research group works on the questions of my first project.",
    "A note to Ben Okafor": "You've seen my research grow since the spring: would you write for me?",
  };
  showAnswers(packetAnswers);
  show("Tandem ›", (await s.submit(ana.id, packet, packetAnswers)).view?.blocks);

  const sent = s.mark();
  const ask = await s.untilDm(ben.id, "strong letter", 3, sent);
  narrate(`Ben gets the ask ${ask.at ? `on ${s.localTime(ben.tz, ask.at)} New York time` : "at once"}`);
  show("Tandem › DMs Ben:", ask.blocks);
  say("Ben Okafor", "clicks [ Yes, gladly ]");
  const clicked = s.mark();
  await s.click(ben.id, { message: ask }, "Yes, gladly");
  show("Tandem › replaces the ask:", (await s.replaced(ask, clicked)).blocks);
  show("Tandem › DMs Ana:", (await s.untilDm(ana.id, "said yes", 3, clicked)).blocks);

  const reminder = await s.untilDm(ben.id, "A gentle reminder", 80, clicked);
  narrate(
    `${reminder.at ? s.localTime(ben.tz, reminder.at) : "later"} in New York: 10 days before the deadline`,
  );
  show("Tandem › DMs Ben, once:", reminder.blocks);
  say("Ben Okafor", "clicks [ Mark as submitted ] and leaves both programs ticked");
  const submitted = await s.modalOpenedBy(() => s.click(ben.id, { message: reminder }, "Mark as submitted"));
  const done = s.mark();
  await s.submit(ben.id, submitted, {});
  const news = await s.untilDm(ana.id, "submitted your letter", 3, done);
  show("Tandem › DMs Ana:", news.blocks);

  say("Ana Ruiz", "clicks [ Send a thank-you ]");
  const thanks = await s.modalOpenedBy(() => s.click(ana.id, { message: news }, "Send a thank-you"));
  const thanked = s.mark();
  await s.submit(ana.id, thanks, {
    "Your thank-you to Ben Okafor": "Thank you, Ben. Your support this year has meant a great deal.",
  });
  show("Tandem › DMs Ben:", (await s.untilDm(ben.id, "A thank-you from", 3, thanked)).blocks);
}
