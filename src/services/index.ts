// Builds every service from its dependencies: the one place they are wired together.
import type { PrismaClient } from "./db.ts";
import { HomeService } from "./home.ts";
import { MemberService } from "./members.ts";
import type { SlackDirectory } from "./slack-port.ts";
import { WorkspaceService } from "./workspaces.ts";

export interface ServiceDeps {
  prisma: PrismaClient;
  directory: SlackDirectory;
  now?: () => Date;
}

export interface Services {
  workspaces: WorkspaceService;
  members: MemberService;
  home: HomeService;
}

export function createServices({ prisma, directory, now }: ServiceDeps): Services {
  const workspaces = new WorkspaceService(prisma);
  const members = new MemberService(prisma, directory, now);
  return { workspaces, members, home: new HomeService(prisma, members) };
}
