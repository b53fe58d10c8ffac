// The kick-off agreement a pair writes together: purpose, what each hopes to gain, cadence,
// channel, topics, confidentiality and an end date. Either person can fill it in or revise it;
// a change is shown to the other, who agrees by saving it in turn. Its cadence drives the
// check-ins and its end date the end-of-mentorship question.

import { DateTime } from "luxon";
import {
  type AgreementField,
  type AgreementInput,
  type AgreementTerms,
  agreementCadences,
  agreementChanges,
  agreementInputSchema,
  DEFAULT_CONFIDENTIALITY,
} from "../domain/agreement.ts";
import { dayLabel, isoDateOf, localDate } from "../domain/dates.ts";
import { displayNameOf } from "../domain/members.ts";
import { deliveryTime, programWindow } from "../domain/schedule.ts";
import { planRound } from "./checkins.ts";
import type { PrismaClient } from "./db.ts";
import { FieldError } from "./errors.ts";
import { enqueue, type JobsEnqueued } from "./outbox.ts";
import { type PairView, requirePair, runningPairsOf } from "./pair-access.ts";

/** The agreement as the form shows it: stored values, or sensible first-time defaults. */
export interface AgreementForm {
  mentorshipId: string;
  role: "mentor" | "mentee";
  partnerName: string;
  mentorName: string;
  menteeName: string;
  programName: string;
  /** Today in the viewer's time zone (YYYY-MM-DD): the end date must come after it. */
  today: string;
  values: Record<AgreementField, string | number | null>;
  /** null until someone saves the first version. */
  revision: number | null;
  updatedByName: string | null;
  /** When it was last saved, in the viewer's time zone ("3 June"). */
  updatedOn: string | null;
  agreedByMe: boolean;
  agreedByPartner: boolean;
}

export interface SavedAgreement {
  revision: number;
  partnerName: string;
  partnerSlackUserId: string;
  /** What changed from the version before (empty for the first version or a plain "I agree"). */
  changes: string[];
  agreedByBoth: boolean;
  /** Set when the cadence changed: the next check-in, in the saver's time zone. */
  nextCheckin: string | null;
}

const DAY = 24 * 60 * 60 * 1000;

function dateOnly(d: Date | null): string | null {
  return d ? isoDateOf(d) : null;
}

function nearestCadence(days: number): number {
  let best: number = agreementCadences[0].days;
  for (const c of agreementCadences) if (Math.abs(c.days - days) < Math.abs(best - days)) best = c.days;
  return best;
}

export class AgreementService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly jobsEnqueued: JobsEnqueued = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The running mentorships whose agreement this person can open. */
  pairsOf(workspaceId: string, slackUserId: string): Promise<PairView[]> {
    return runningPairsOf(this.prisma, workspaceId, slackUserId);
  }

  /** The agreement form for one of the pair; anyone else is refused. */
  async form(workspaceId: string, slackUserId: string, mentorshipId: string): Promise<AgreementForm> {
    const pair = await requirePair(this.prisma, workspaceId, slackUserId, mentorshipId);
    const { m, person, partner, role } = pair;
    const a = await this.prisma.agreement.findUnique({ where: { mentorshipId: m.id } });
    const updatedBy =
      a?.updatedById && a.updatedById === person.id ? person : a?.updatedById ? partner : null;
    const cadence = m.cadenceDays ?? m.program.checkinCadenceDays;
    return {
      mentorshipId: m.id,
      role,
      partnerName: displayNameOf(partner),
      mentorName: displayNameOf(m.mentor),
      menteeName: displayNameOf(m.mentee),
      programName: m.program.name,
      today: localDate(this.now(), person.tz),
      values: a
        ? {
            purpose: a.purpose,
            mentorHopes: a.mentorHopes,
            menteeHopes: a.menteeHopes,
            cadenceDays: a.cadenceDays ?? nearestCadence(cadence),
            channel: a.channel,
            topics: a.topics,
            confidentiality: a.confidentiality,
            endsOn: dateOnly(a.endsOn),
          }
        : {
            purpose: null,
            mentorHopes: null,
            menteeHopes: null,
            cadenceDays: nearestCadence(cadence),
            channel: null,
            topics: null,
            confidentiality: DEFAULT_CONFIDENTIALITY,
            endsOn: dateOnly(m.program.endsOn),
          },
      revision: a?.revision ?? null,
      updatedByName: updatedBy ? displayNameOf(updatedBy) : null,
      updatedOn: a ? DateTime.fromJSDate(a.updatedAt, { zone: person.tz }).toFormat("d LLLL") : null,
      agreedByMe: Boolean(role === "mentor" ? a?.mentorAgreedAt : a?.menteeAgreedAt),
      agreedByPartner: Boolean(role === "mentor" ? a?.menteeAgreedAt : a?.mentorAgreedAt),
    };
  }

  /**
   * Saves the form. Saving is agreeing: a version with changes becomes the next revision and
   * asks the partner to look again (they are told what changed); saving it unchanged adds one's
   * agreement to it. A new cadence re-plans the check-ins; a new end date plans the end question.
   */
  async save(
    workspaceId: string,
    slackUserId: string,
    mentorshipId: string,
    input: AgreementInput,
  ): Promise<SavedAgreement> {
    const parsed = agreementInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new FieldError(String(issue?.path[0] ?? "purpose"), issue?.message ?? "Check this field.");
    }
    const terms = parsed.data;
    const now = this.now();
    const pair = await requirePair(this.prisma, workspaceId, slackUserId, mentorshipId);
    this.checkEndDate(pair, terms, now);
    const { m, person, partner, role } = pair;

    const result = await this.prisma.$transaction(async (tx) => {
      // Lock the mentorship: two people saving at once get consecutive revisions.
      await tx.$queryRaw`SELECT id FROM "Mentorship" WHERE id = ${m.id} FOR UPDATE`;
      const before = await tx.agreement.findUnique({ where: { mentorshipId: m.id } });
      const after: Record<AgreementField, string | number | null> = { ...terms };
      const previous = before
        ? {
            purpose: before.purpose,
            mentorHopes: before.mentorHopes,
            menteeHopes: before.menteeHopes,
            cadenceDays: before.cadenceDays,
            channel: before.channel,
            topics: before.topics,
            confidentiality: before.confidentiality,
            endsOn: dateOnly(before.endsOn),
          }
        : null;
      const changes = agreementChanges(previous, after);
      const changed = !before || changes.length > 0;
      const revision = before ? before.revision + (changed ? 1 : 0) : 1;
      const mine = role === "mentor" ? "mentorAgreedAt" : "menteeAgreedAt";
      const theirs = role === "mentor" ? "menteeAgreedAt" : "mentorAgreedAt";
      const data = {
        ...terms,
        endsOn: terms.endsOn ? new Date(`${terms.endsOn}T00:00:00.000Z`) : null,
        revision,
        updatedById: changed ? person.id : (before?.updatedById ?? person.id),
        [mine]: now,
        ...(changed ? { [theirs]: null } : {}),
      };
      const saved = await tx.agreement.upsert({
        where: { mentorshipId: m.id },
        create: { mentorshipId: m.id, ...data },
        update: data,
      });

      let nextCheckinAt: Date | null = null;
      if ((m.cadenceDays ?? m.program.checkinCadenceDays) !== terms.cadenceDays) {
        await tx.mentorship.update({ where: { id: m.id }, data: { cadenceDays: terms.cadenceDays } });
        if (m.status === "ACTIVE") {
          // Older cycle jobs turn into no-ops: nextCheckinAt is the plan's one source of truth.
          nextCheckinAt = await planRound(
            tx,
            { ...m, cadenceDays: terms.cadenceDays },
            { at: m.lastCheckinAt ?? m.startedAt ?? now, kind: "START" },
            m.checkinRounds + 1,
            now,
          );
        }
      }

      if (terms.endsOn && terms.endsOn !== dateOnly(before?.endsOn ?? null)) {
        const endsOn = new Date(`${terms.endsOn}T00:00:00.000Z`);
        for (const who of [m.mentor, m.mentee]) {
          await enqueue(
            tx,
            {
              workspaceId: m.program.workspaceId,
              programId: m.programId,
              kind: "checkin",
              key: `checkin:${m.id}:end:${terms.endsOn}:${who.id}`,
              payload: { mentorshipId: m.id, memberId: who.id, kind: "END_OF_ROUND", endsOn: terms.endsOn },
              dueAt: deliveryTime(endsOn, who, now, programWindow(m.program)),
            },
            now,
          );
        }
      }

      if (changed) {
        await enqueue(
          tx,
          {
            workspaceId: m.program.workspaceId,
            programId: m.programId,
            kind: "dm",
            key: `agreement_updated:${m.id}:${revision}:${partner.slackUserId}`,
            payload: {
              recipient: partner.slackUserId,
              notice: {
                type: "agreement_updated",
                mentorshipId: m.id,
                partnerName: displayNameOf(person),
                revision,
                changes: before ? changes.slice(0, 10) : [],
              },
            },
          },
          now,
        );
      }
      return {
        revision,
        changes: before ? changes : [],
        agreedByBoth: Boolean(saved.mentorAgreedAt && saved.menteeAgreedAt),
        nextCheckinAt,
      };
    });
    this.jobsEnqueued();
    return {
      revision: result.revision,
      partnerName: displayNameOf(partner),
      partnerSlackUserId: partner.slackUserId,
      changes: result.changes,
      agreedByBoth: result.agreedByBoth,
      nextCheckin: result.nextCheckinAt
        ? dayLabel(deliveryTime(result.nextCheckinAt, person, now, programWindow(m.program)), person.tz)
        : null,
    };
  }

  /** The end date comes after today and no later than the program's own end. */
  private checkEndDate(pair: PairView, terms: AgreementTerms, now: Date): void {
    if (!terms.endsOn) return;
    const end = DateTime.fromISO(terms.endsOn, { zone: pair.person.tz });
    const today = DateTime.fromJSDate(now, { zone: pair.person.tz }).startOf("day");
    if (!end.isValid) throw new FieldError("endsOn", "Choose a date.");
    if (end <= today) throw new FieldError("endsOn", "Choose an end date after today.");
    const programEnd = pair.m.program.endsOn;
    if (programEnd && new Date(`${terms.endsOn}T00:00:00.000Z`).getTime() > programEnd.getTime() + DAY / 2) {
      throw new FieldError(
        "endsOn",
        `${pair.m.program.name} ends on ${DateTime.fromJSDate(programEnd, { zone: "UTC" }).toFormat("d LLLL yyyy")}. Choose a date up to then.`,
      );
    }
  }
}
