// Registers every listener, per kind. Each module exports register(app, deps).
import type { App } from "@slack/bolt";
import { register as joinActions } from "./actions/join.ts";
import { register as mentorCommand } from "./commands/mentor.ts";
import type { ListenerDeps } from "./deps.ts";
import { register as appHomeOpened } from "./events/app-home-opened.ts";

export function registerListeners(app: App, deps: ListenerDeps): void {
  for (const register of [mentorCommand, joinActions, appHomeOpened]) register(app, deps);
}
