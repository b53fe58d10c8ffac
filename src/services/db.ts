// The Prisma types services share, re-exported from the generated client in one place.
export type {
  MatchingRound,
  Member,
  Mentorship,
  Prisma,
  PrismaClient,
  Program,
  Workspace,
} from "../generated/prisma/client.ts";

import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

/** A client or an interactive transaction: service helpers accept either. */
export type Db = PrismaClient | Prisma.TransactionClient;
