// A program's pairs as a spreadsheet for its coordinators: the columns (figures, dates, statuses
// and the two people's names, never a note, comment, goal title or agreement text), and CSV that
// opens safely in Excel, Numbers and LibreOffice: RFC 4180 quoting with CRLF line ends, a UTF-8
// byte-order mark so accented names read right in Excel, and no cell a spreadsheet would run as a
// formula (a value starting with =, +, -, @, a tab or a carriage return gets a leading ').
import { stringify } from "csv-stringify/sync";
import { DateTime } from "luxon";
import { feedbackScale } from "./feedback.ts";

export type CsvCell = string | number | null | undefined;

/** Rows as RFC 4180 CSV; with `bom` the text starts with a UTF-8 byte-order mark. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  return stringify(
    rows.map((row) => [...row]),
    {
      bom: options.bom ?? false,
      // csv-stringify prefixes =, +, -, @, tab, CR (and their full-width forms) with a quote.
      escape_formulas: true,
      record_delimiter: "\r\n",
      // With a custom record delimiter csv-stringify stops quoting lone \n and \r unless told to.
      quote_record_delimiter: true,
      eof: true,
    },
  );
}

/** The mentorship statuses a pair export lists: every pair that ever started. */
export type ExportedStatus = "ACTIVE" | "PAUSED" | "COMPLETED";

/** One mentorship's figures, as the export reads them from the database. */
export interface PairFigures {
  mentorName: string;
  mentorEmail: string | null;
  menteeName: string;
  menteeEmail: string | null;
  status: ExportedStatus;
  startedAt: Date | null;
  endedAt: Date | null;
  /** As stored on the mentorship (a few words, or a code from endMentorshipsOf). */
  endReason: string | null;
  cadenceDays: number;
  sessionsHeld: number;
  /** The calendar day of the last held session (stored as midnight UTC). */
  lastSessionOn: Date | null;
  checkinsSent: number;
  checkinsAnswered: number;
  /** Goals active or achieved (dropped ones don't count). */
  goals: number;
  goalsAchieved: number;
  /** Milestones of those goals, open or done (skipped ones don't count). */
  milestones: number;
  milestonesDone: number;
  actionItemsOpen: number;
  actionItemsDone: number;
  feedbackResponses: number;
  /** Sum of the 1-4 ratings, for the average. */
  feedbackTotal: number;
  atRiskReason: string | null;
}

const statusWords: Record<ExportedStatus, string> = {
  ACTIVE: "active",
  PAUSED: "paused",
  COMPLETED: "closed",
};

/** Codes written when a mentorship ends because one person left (`partner <reason>`). */
const endReasonCodes: Record<string, string> = {
  "partner left": "one of the two left Tandem",
  "partner deleted_data": "one of the two deleted their Tandem data",
  "partner account_deactivated": "one of the two left the workspace",
  "partner closed": "closed by one of the two",
};

/** A stored end reason in words: the known codes translated, anything else as written. */
export function endReasonWords(reason: string | null): string {
  if (!reason) return "";
  return endReasonCodes[reason] ?? reason;
}

/** A share as a whole percentage ("67%"), or empty when there is nothing to divide. */
export function percentCell(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : "";
}

/** An average of 1-4 ratings with one decimal ("3.5"), or empty without any. */
export function averageCell(total: number, count: number): string {
  return count > 0 ? (Math.round((10 * total) / count) / 10).toFixed(1) : "";
}

/** A time zone luxon knows, else UTC. */
export function zoneOr(tz: string | null | undefined): string {
  return tz && DateTime.now().setZone(tz).isValid ? tz : "UTC";
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the calendar day (YYYY-MM-DD) it was in `tz`. One Intl formatter per zone,
 * reused: an export writes two dates per row for up to tens of thousands of rows.
 */
export function dayIn(instant: Date | null, tz: string): string {
  if (!instant) return "";
  let format = dayFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(tz, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A calendar day stored as midnight UTC (a DATE-like value), as YYYY-MM-DD. */
export function storedDay(day: Date | null): string {
  return day ? day.toISOString().slice(0, 10) : "";
}

interface Column {
  header: string;
  cell: (p: PairFigures, tz: string) => CsvCell;
}

/** The export's columns, in order: each heading next to how its cell is written. */
export const pairColumns: readonly Column[] = [
  { header: "Mentor", cell: (p) => p.mentorName },
  { header: "Mentor email", cell: (p) => p.mentorEmail ?? "" },
  { header: "Mentee", cell: (p) => p.menteeName },
  { header: "Mentee email", cell: (p) => p.menteeEmail ?? "" },
  { header: "Status", cell: (p) => statusWords[p.status] },
  { header: "Started", cell: (p, tz) => dayIn(p.startedAt, tz) },
  { header: "Ended", cell: (p, tz) => (p.status === "COMPLETED" ? dayIn(p.endedAt, tz) : "") },
  { header: "End reason", cell: (p) => (p.status === "COMPLETED" ? endReasonWords(p.endReason) : "") },
  { header: "Cadence (days)", cell: (p) => p.cadenceDays },
  { header: "Sessions held", cell: (p) => p.sessionsHeld },
  { header: "Last session", cell: (p) => storedDay(p.lastSessionOn) },
  { header: "Check-ins sent", cell: (p) => p.checkinsSent },
  { header: "Check-ins answered", cell: (p) => p.checkinsAnswered },
  { header: "Check-in response rate", cell: (p) => percentCell(p.checkinsAnswered, p.checkinsSent) },
  { header: "Goals", cell: (p) => p.goals },
  { header: "Goals achieved", cell: (p) => p.goalsAchieved },
  { header: "Milestones done", cell: (p) => p.milestonesDone },
  { header: "Milestones", cell: (p) => p.milestones },
  { header: "Action items open", cell: (p) => p.actionItemsOpen },
  { header: "Action items done", cell: (p) => p.actionItemsDone },
  { header: "Feedback responses", cell: (p) => p.feedbackResponses },
  { header: "Feedback average (1-4)", cell: (p) => averageCell(p.feedbackTotal, p.feedbackResponses) },
  // The flag is about running pairs: a closed or paused pair's last flag is history.
  { header: "At risk", cell: (p) => (p.status === "ACTIVE" ? (p.atRiskReason ?? "") : "") },
];

export const pairHeader: readonly string[] = pairColumns.map((c) => c.header);

/** One pair's row, dates as days in the reader's time zone `tz`. */
export function pairRow(p: PairFigures, tz: string): CsvCell[] {
  return pairColumns.map((c) => c.cell(p, tz));
}

/** The feedback scale in words, for the note that comes with the file. */
export function feedbackScaleWords(): string {
  return feedbackScale.map((s) => `${s.value} ${s.label}`).join(", ");
}

/** A file-name-safe slug of a program's name ("Résidents 2026" → "residents-2026"). */
export function slugOf(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "program";
}
