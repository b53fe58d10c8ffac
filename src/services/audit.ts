// The audit log: who changed a role, a program or a relationship, and when.
import type { Db, Prisma } from "./db.ts";

export interface AuditInput {
  workspaceId: string;
  actorSlackId: string | undefined;
  action: string;
  subjectType: string;
  subjectId?: string;
  data?: Prisma.InputJsonValue;
}

export async function recordAudit(db: Db, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      workspaceId: entry.workspaceId,
      actorSlackId: entry.actorSlackId ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      ...(entry.data === undefined ? {} : { data: entry.data }),
    },
  });
}
