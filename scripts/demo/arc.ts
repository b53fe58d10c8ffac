// A mentorship from kick-off to its first periodic review, as Ana (mentee) and Ben (mentor) live
// it in Slack: the kick-off agreement, a goal with milestones, sessions logged with takeaways and
// action items, the agenda prompt and reminders, feedback, a milestone celebrated, the 12-week
// review, and what Ana's Home and journal show at the end. Every step is a signed request or a
// job run at its own moment on the demo's clock.
import { DateTime } from "luxon";
import type { Answer } from "../../test/support/modal-filler.ts";
import type { StoredView } from "../../test/support/slack-api-stand-in.ts";
import { ana, ben } from "./cast.ts";
import { type Message, narrate, type Stage, say, show, showAnswers, titleOf } from "./stage.ts";

/** What the pair set up early on, for the later scenes. */
export interface Plan {
  /** The pair's group DM (the intro), where milestones and reviews are celebrated. */
  groupDm: string;
  firstMilestone: string;
  /** The next session, planned when the first one is logged: date (Ana's) and time. */
  nextSession?: { day: string; time: string };
}

/** Answers to the form, printed as typed, then submitted. */
async function fillIn(s: Stage, userId: string, view: StoredView, answers: Record<string, Answer>) {
  showAnswers(answers);
  return s.submit(userId, view, answers);
}

/** Right after the intro: the kick-off agreement (Ana fills it in, Ben agrees) and Ana's first goal. */
export async function kickOff(s: Stage, intro: Message): Promise<Plan> {
  say(
    "Ana Ruiz",
    "clicks [ Fill in our kick-off agreement ] in the intro, and fills it in during their first call",
  );
  const form = await s.modalOpenedBy(() =>
    s.click(ana.id, { message: intro }, "Fill in our kick-off agreement"),
  );
  console.log(`Tandem › opens "${titleOf(form)}"; Ana writes:`);
  let mark = s.mark();
  await fillIn(s, ana.id, form, {
    "Purpose of our mentorship":
      "Take my first research project from question to published paper, and shape a fellowship plan.",
    "What you hope to gain":
      "Confidence with study design and statistics; an honest view of academic cardiology.",
    "What Ben Okafor hopes to gain":
      "Fresh questions from the wards, and practice mentoring a first-time researcher.",
    "How often we meet": "Every two weeks",
    "Where we meet": "Video call, and coffee after Thursday grand rounds",
    "Topics we'll focus on": "Study design, statistics, scientific writing, fellowship applications",
  });
  console.log("    End date: (left empty: no set end)");
  show("Tandem › DMs Ana:", (await s.waitForDm(ana.id, "kick-off agreement", mark)).blocks);
  const notice = await s.waitForPost(
    s.slackApi.dmChannelOf(ben.id),
    "filled in your kick-off agreement",
    mark,
  );
  show("Tandem › DMs Ben:", notice.blocks);

  say("Ben Okafor", "clicks [ Open our agreement ], reads it, and clicks [ Save and agree ]");
  const bens = await s.modalOpenedBy(() => s.click(ben.id, { message: notice }, "Open our agreement"));
  show(`Tandem › opens "${titleOf(bens)}" with Ana's answers in it, headed:`, bens.blocks.slice(0, 1));
  mark = s.mark();
  await s.submit(ben.id, bens, {});
  show("Tandem › DMs Ben:", (await s.waitForDm(ben.id, "agreed by you both", mark)).blocks);

  say("Ana Ruiz", "/mentor goals");
  const goals = await s.modalOpenedBy(() => s.command(ana.id, "goals"));
  show(`Tandem › opens "${titleOf(goals)}":`, goals.blocks);
  say("Ana Ruiz", "clicks [ Add a goal ]");
  const goalForm = await s.modalOpenedBy(() => s.click(ana.id, { view: goals }, "Add a goal"), "push");
  console.log(`Tandem › opens "${titleOf(goalForm)}" on top; Ana writes:`);
  const firstMilestone = "Draft the methods section";
  mark = s.mark();
  await fillIn(s, ana.id, goalForm, {
    Goal: "Publish my first paper",
    "Kind of goal": "Professional growth",
    "Why it matters": "A first-author paper opens the door to a research fellowship.",
    "Milestone 1": firstMilestone,
    "Target date for milestone 1": { date: s.day(ana.tz, 35) },
    "Milestone 2": "Submit to a journal",
    "Target date for milestone 2": { date: s.day(ana.tz, 126) },
  });
  show("Tandem › the goals modal underneath now reads:", (await s.updated(goals, mark)).blocks);
  const pair = await s.prisma.mentorship.findFirstOrThrow({
    where: { mentee: { slackUserId: ana.id }, status: "ACTIVE" },
  });
  if (!pair.introChannelId) throw new Error("Ana and Ben have no group DM");
  return { groupDm: pair.introChannelId, firstMilestone };
}

/** The first working day, at least a week after `from`, that isn't a Monday (its agenda comes the day before). */
function sessionDay(from: string, tz: string): string {
  let day = DateTime.fromISO(from, { zone: tz }).plus({ days: 7 });
  while (day.weekday === 1 || day.weekday > 5) day = day.plus({ days: 1 });
  return day.toISODate() ?? from;
}

/** The session log opened from the check-in, with every part filled in, and the next session planned. */
export async function logFirstSession(s: Stage, plan: Plan, logModal: StoredView, nudge: Message) {
  const day = sessionDay(s.day(ana.tz), ana.tz);
  plan.nextSession = { day, time: "15:00" };
  say("Ana Ruiz", "keeps today's date and fills in the session:");
  const mark = s.mark();
  await fillIn(s, ana.id, logModal, {
    "How long?": "45 minutes",
    "Agenda covered": "Where my research question stands\nWhich journals take first papers from residents",
    "Private notes":
      "Told Ben I'm anxious about the statistics; he'll introduce me to his lab's statistician.",
    "Key takeaways": "Draft the research question in one sentence\nAsk Dr. Okafor's lab about data access",
    "Action item 1": "Send Ben my one-sentence research question",
    "Who owns item 1?": "Me",
    "Due date for item 1": { date: day },
    "Next session": { date: day },
    "Time of the next session": plan.nextSession.time,
  });
  show("Tandem › replaces the check-in:", (await s.replaced(nudge, mark)).blocks);
}

/** A little after the log (in Ana's working hours): feedback on the session, shared with Ben. */
export async function feedbackOnSession(s: Stage) {
  const mark = s.mark();
  const request = await s.untilDm(ana.id, "How was your session with Ben Okafor", 3, mark);
  narrate(`${s.localTime(ana.tz)} in Madrid: Tandem asks how the session went`);
  show("Tandem › DMs Ana:", request.blocks);
  say("Ana Ruiz", "clicks [ Give feedback ]");
  const form = await s.modalOpenedBy(() => s.click(ana.id, { message: request }, "Give feedback"));
  console.log(`Tandem › opens "${titleOf(form)}"; Ana answers:`);
  const answered = s.mark();
  await fillIn(s, ana.id, form, {
    "How helpful was it?": "Very helpful",
    "Anything specific?":
      "Turning my vague idea into one sentence unblocked me. Thank you for the statistician intro!",
    "Who sees this": ["Share this with Ben Okafor"],
  });
  show("Tandem › replaces the request:", (await s.replaced(request, answered)).blocks);
  show(
    "Tandem › DMs Ben:",
    (await s.waitForPost(s.slackApi.dmChannelOf(ben.id), "shared feedback with you", answered)).blocks,
  );
}

/** The working day before the next session (the agenda), and the action item's due date. */
export async function beforeNextSession(s: Stage) {
  let mark = s.mark();
  const agenda = await s.untilDm(ana.id, "you meet Ben Okafor", 14, mark);
  narrate(`the day before the next session (${s.localTime(ana.tz)} in Madrid)`);
  show("Tandem › DMs Ana:", agenda.blocks);

  mark = s.mark();
  const reminder = await s.untilDm(ana.id, "Due today", 3, mark);
  narrate(`the day of the session (${s.localTime(ana.tz)} in Madrid): the action item is due`);
  show("Tandem › DMs Ana:", reminder.blocks);
  say("Ana Ruiz", "sent the question last night, and clicks [ Mark done ]");
  const clicked = s.mark();
  await s.click(ana.id, { message: reminder }, "Mark done");
  show("Tandem › updates the reminder:", (await s.replaced(reminder, clicked)).blocks);
}

/** After the second session: `/mentor log`, then the first milestone done and celebrated. */
export async function secondSession(s: Stage, plan: Plan) {
  if (!plan.nextSession) throw new Error("no next session was planned");
  const after = DateTime.fromISO(`${plan.nextSession.day}T16:30`, { zone: ana.tz }).toJSDate();
  await s.passTime(after);
  narrate(`${s.localTime(ana.tz)} in Madrid: Ana and Ben met at ${plan.nextSession.time}`);
  say("Ana Ruiz", "/mentor log");
  const form = await s.modalOpenedBy(() => s.command(ana.id, "log"));
  console.log(`Tandem › opens "${titleOf(form)}" (the same form as before); Ana writes:`);
  const saved = await fillIn(s, ana.id, form, {
    "How long?": "1 hour",
    "Agenda covered": "The research question, sharpened\nOutline of the methods section",
    "Key takeaways":
      "Pre-register the analysis plan before collecting data\nWrite methods first, results second",
    "Action item 1": "Write up the analysis plan and pre-register it",
    "Who owns item 1?": "Me",
    "Due date for item 1": { date: s.day(ana.tz, 70) },
    "Action item 2": "Introduce Ana to the lab's statistician",
    "Who owns item 2?": "Ben Okafor",
  });
  show("Tandem ›", saved.view?.blocks);

  say("Ana Ruiz", `/mentor goals, then [ Mark done ] next to "${plan.firstMilestone}"`);
  const goals = await s.modalOpenedBy(() => s.command(ana.id, "goals"));
  const mark = s.mark();
  await s.click(ana.id, { view: goals }, "Mark done");
  show("Tandem › updates the goals modal:", (await s.updated(goals, mark)).blocks.slice(0, 4));
  show(
    "Tandem › in the group DM with Ana and Ben:",
    (await s.waitForPost(plan.groupDm, "Milestone reached", mark)).blocks,
  );
}

/** Ana's DMs from `since` on (but the last one, shown in full next), one line each. */
function listDms(s: Stage, since: number, heading: string) {
  const dms = s.between(ana.id, since).slice(0, -1);
  if (!dms.length) return;
  console.log(`\n${heading}`);
  for (const dm of dms) {
    const when = DateTime.fromJSDate(dm.at, { zone: ana.tz }).toFormat("ccc d LLL HH:mm");
    const text = dm.text.length > 90 ? `${dm.text.slice(0, 89)}…` : dm.text;
    console.log(`    ${when} · ${text}`);
  }
}

/**
 * The weeks until the review: Tandem keeps the rhythm (feedback requests, check-ins, reflection
 * prompts). Ana answers the first reflection prompt, and "keep going?" if Tandem asks it after
 * check-ins went unanswered. Returns the review invitation once it arrives.
 */
async function untilReview(s: Stage, reviewEveryWeeks: number): Promise<Message> {
  const REFLECT = "A question to reflect on";
  const KEEP_GOING = "Would you like to keep going";
  const REVIEW = "Time to look back";
  const waitingFor = [REFLECT, KEEP_GOING, REVIEW];
  let since = s.mark();
  let heading = "Meanwhile Tandem keeps the rhythm. Ana's DMs after the second session:";
  for (;;) {
    const end = new Date(s.clock.now().getTime() + reviewEveryWeeks * 7 * 86_400_000);
    const got = await s.passTime(end, () => {
      for (const phrase of waitingFor) {
        const dm = s.dmTo(ana.id, phrase, since);
        if (dm) return { phrase, dm };
      }
      return undefined;
    });
    if (!got) throw new Error("no review invitation arrived");
    listDms(s, since, heading);
    heading = "Then:";
    if (got.phrase === REVIEW) return got.dm;
    waitingFor.splice(waitingFor.indexOf(got.phrase), 1);
    narrate(`${s.localTime(ana.tz)} in Madrid`);
    show("Tandem › DMs Ana:", got.dm.blocks);
    since = s.mark();
    if (got.phrase === REFLECT) {
      say("Ana Ruiz", "clicks [ Write my reflection ] and writes a few lines");
      const form = await s.modalOpenedBy(() => s.click(ana.id, { message: got.dm }, "Write my reflection"));
      await fillIn(s, ana.id, form, {
        "Your reflection":
          "He asked what I would do if the data said nothing. I had no answer; now I plan for a null result.",
      });
      show("Tandem › replaces the prompt:", (await s.replaced(got.dm, since)).blocks);
    } else {
      say("Ana Ruiz", "has been busy with night shifts, not gone: clicks [ Keep going ]");
      await s.click(ana.id, { message: got.dm }, "Keep going");
      show("Tandem › replaces the question:", (await s.replaced(got.dm, since)).blocks);
    }
    since = s.mark();
  }
}

/** Twelve weeks (the program's review interval) after the start: the review, answered by both. */
export async function periodicReview(s: Stage, plan: Plan, reviewEveryWeeks: number) {
  const start = s.mark();
  const invite = await untilReview(s, reviewEveryWeeks);
  narrate(`${reviewEveryWeeks} weeks after the start (${s.localTime(ana.tz)} in Madrid)`);
  show("Tandem › DMs Ana:", invite.blocks);
  say("Ana Ruiz", "clicks [ Start the review ]");
  const form = await s.modalOpenedBy(() => s.click(ana.id, { message: invite }, "Start the review"));
  console.log(`Tandem › opens "${titleOf(form)}"; Ana writes:`);
  const answered = s.mark();
  await fillIn(s, ana.id, form, {
    "Wins to celebrate":
      "The methods section is drafted, and I finally understand my sample-size calculation.",
    "What should change?": "Meet in person once a month, and always bring a draft.",
    "What would you like to do next?": "Keep going as we are",
  });
  show("Tandem › replaces the invitation:", (await s.replaced(invite, answered)).blocks);

  // Each invitation goes out in its person's working hours: Ben's may come before Ana's or after.
  const bens = await s.untilDm(ben.id, "Time to look back", 3, start);
  narrate(
    `Ben's invitation reached him on ${s.localTime(ben.tz, bens.at)} New York time, in his working hours`,
  );
  await s.passTime(s.nextWorkingMoment(ben.tz));
  say(
    "Ben Okafor",
    `(${s.localTime(ben.tz)} in New York) clicks [ Start the review ]: “Keep going as we are”`,
  );
  const bensForm = await s.modalOpenedBy(() => s.click(ben.id, { message: bens }, "Start the review"));
  const done = s.mark();
  await s.submit(ben.id, bensForm, {
    "Wins to celebrate": "Ana owns her project now: she came with a draft every time.",
    "What would you like to do next?": "Keep going as we are",
  });
  show(
    "Tandem › in the group DM with Ana and Ben:",
    (await s.untilPost(plan.groupDm, "review", 3, done)).blocks,
  );
}

/** Where it all lands: Ana's Home tab and her learning journal. */
export async function homeAndJournal(s: Stage) {
  say("Ana Ruiz", "opens Tandem's Home tab");
  const before = s.mark();
  await s.slack.event({ type: "app_home_opened", user: ana.id, channel: "D0ANA", tab: "home" });
  const home = await s.slackApi.waitFor(
    "views.publish",
    (a, c) => a.user_id === ana.id && s.slackApi.calls.indexOf(c) >= before,
  );
  const blocks = (home.args.view as { blocks: unknown[] }).blocks;
  // The command list at the bottom is the same as in /mentor help: the scene ends before it.
  const commands = blocks.findIndex((b) => JSON.stringify(b).includes("*Commands*"));
  show("Tandem › Ana's Home tab:", commands > 0 ? blocks.slice(0, commands) : blocks);

  say("Ana Ruiz", "/mentor journal");
  const journal = await s.modalOpenedBy(() => s.command(ana.id, "journal"));
  show(`Tandem › opens "${titleOf(journal)}" (only Ana can read it):`, journal.blocks);
}
