// Registers every listener, per kind. Each module exports register(app, deps).
import type { App } from "@slack/bolt";
import { register as agreementActions } from "./actions/agreements.ts";
import { register as checkinActions } from "./actions/checkins.ts";
import { register as dashboardActions } from "./actions/dashboard.ts";
import { register as deliveryActions } from "./actions/deliveries.ts";
import { register as digestActions } from "./actions/digest.ts";
import { register as exportActions } from "./actions/exports.ts";
import { register as feedbackActions } from "./actions/feedback.ts";
import { register as goalActions } from "./actions/goals.ts";
import { register as joinActions } from "./actions/join.ts";
import { register as journalActions } from "./actions/journal.ts";
import { register as letterActions } from "./actions/letters.ts";
import { register as matchingActions } from "./actions/matching.ts";
import { register as membershipActions } from "./actions/membership.ts";
import { register as programActions } from "./actions/programs.ts";
import { register as reviewActions } from "./actions/reviews.ts";
import { register as roundActions } from "./actions/rounds.ts";
import { register as sessionActions } from "./actions/sessions.ts";
import { register as mentorCommand } from "./commands/mentor.ts";
import type { ListenerDeps } from "./deps.ts";
import { register as appHomeOpened } from "./events/app-home-opened.ts";
import { register as directoryEvents } from "./events/directory.ts";
import { register as agreementViews } from "./views/agreements.ts";
import { register as checkinViews } from "./views/checkins.ts";
import { register as deleteDataView } from "./views/delete-data.ts";
import { register as feedbackViews } from "./views/feedback.ts";
import { register as goalViews } from "./views/goals.ts";
import { register as journalViews } from "./views/journal.ts";
import { register as letterViews } from "./views/letters.ts";
import { register as matchingViews } from "./views/matching.ts";
import { register as profileView } from "./views/profile.ts";
import { register as programView } from "./views/program.ts";
import { register as reviewViews } from "./views/reviews.ts";
import { register as rosterView } from "./views/roster.ts";
import { register as roundViews } from "./views/rounds.ts";
import { register as sessionViews } from "./views/sessions.ts";

export function registerListeners(app: App, deps: ListenerDeps): void {
  const modules = [
    mentorCommand,
    joinActions,
    programActions,
    membershipActions,
    matchingActions,
    matchingViews,
    roundActions,
    roundViews,
    checkinActions,
    deliveryActions,
    digestActions,
    dashboardActions,
    checkinViews,
    agreementActions,
    agreementViews,
    goalActions,
    goalViews,
    sessionActions,
    sessionViews,
    feedbackActions,
    feedbackViews,
    reviewActions,
    reviewViews,
    journalActions,
    journalViews,
    letterActions,
    letterViews,
    exportActions,
    profileView,
    programView,
    rosterView,
    deleteDataView,
    appHomeOpened,
    directoryEvents,
  ];
  for (const register of modules) register(app, deps);
}
