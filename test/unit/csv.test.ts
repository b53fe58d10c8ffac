// The CSV a coordinator opens in a spreadsheet: quoting per RFC 4180, a UTF-8 byte-order mark,
// no cell that runs as a formula, and the export's columns and their cells.
import { describe, expect, it } from "vitest";
import {
  averageCell,
  endReasonWords,
  type PairFigures,
  pairHeader,
  pairRow,
  percentCell,
  slugOf,
  toCsv,
} from "../../src/domain/csv.ts";
import { parseCsv } from "../support/csv.ts";

describe("CSV text", () => {
  it("quotes commas, quotes and line breaks, and ends every record with CRLF", () => {
    const csv = toCsv([
      ["plain", "a, b", 'say "hi"', "two\nlines", "cr\rhere"],
      [1, 2.5, null, undefined, ""],
    ]);
    expect(csv).toBe('plain,"a, b","say ""hi""","two\nlines","cr\rhere"\r\n1,2.5,,,\r\n');
  });

  it("starts with a UTF-8 byte-order mark only when asked, so Excel reads accents", () => {
    expect(toCsv([["Zoë Ñúñez"]], { bom: true })).toBe("\uFEFFZoë Ñúñez\r\n");
    expect(toCsv([["Zoë"]])).toBe("Zoë\r\n");
    expect(Buffer.from(toCsv([["é"]], { bom: true }), "utf8").subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
  });

  it("neutralises cells that a spreadsheet would run as a formula", () => {
    const risky = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"];
    const csv = toCsv([risky]);
    const [cells] = parseCsv(csv);
    for (const cell of cells ?? []) expect(cell.startsWith("'")).toBe(true);
    expect(cells?.[0]).toBe('\'=HYPERLINK("http://evil.example","click")');
    // Numbers stay numbers, negative ones included; a dash inside a name is harmless.
    expect(toCsv([[-3, "Anne-Marie"]])).toBe("-3,Anne-Marie\r\n");
  });

  it("reads back exactly what was written", () => {
    const rows = [
      ["Name, with comma", 'He said "no"', "multi\r\nline"],
      ["Ærøskøbing", "", "=1+1"],
    ];
    const parsed = parseCsv(toCsv(rows, { bom: true }));
    expect(parsed).toEqual([rows[0], ["Ærøskøbing", "", "'=1+1"]]);
  });
});

describe("the pairs export", () => {
  const pair: PairFigures = {
    mentorName: "Marta Madrid",
    mentorEmail: "marta@example.org",
    menteeName: "Taro Tokyo",
    menteeEmail: null,
    status: "COMPLETED",
    startedAt: new Date("2026-01-05T23:30:00Z"),
    endedAt: new Date("2026-03-01T12:00:00Z"),
    endReason: "partner left",
    cadenceDays: 14,
    sessionsHeld: 2,
    lastSessionOn: new Date("2026-02-20T00:00:00Z"),
    checkinsSent: 3,
    checkinsAnswered: 2,
    goals: 2,
    goalsAchieved: 1,
    milestones: 5,
    milestonesDone: 3,
    actionItemsOpen: 1,
    actionItemsDone: 4,
    feedbackResponses: 2,
    feedbackTotal: 7,
    atRiskReason: "no session in 30 days",
  };

  it("has one heading per cell", () => {
    expect(pairRow(pair, "UTC")).toHaveLength(pairHeader.length);
    expect(pairHeader.slice(0, 5)).toEqual(["Mentor", "Mentor email", "Mentee", "Mentee email", "Status"]);
  });

  it("writes dates as days in the reader's time zone, and figures as a person reads them", () => {
    const row = Object.fromEntries(pairHeader.map((h, i) => [h, pairRow(pair, "Asia/Tokyo")[i]]));
    expect(row).toMatchObject({
      Status: "closed",
      Started: "2026-01-06",
      Ended: "2026-03-01",
      "End reason": "one of the two left Tandem",
      "Last session": "2026-02-20",
      "Check-in response rate": "67%",
      "Feedback average (1-4)": "3.5",
      "Mentee email": "",
      // A closed pair's last flag is history.
      "At risk": "",
    });
    expect(pairRow(pair, "America/New_York")[pairHeader.indexOf("Started")]).toBe("2026-01-05");
  });

  it("leaves a rate or an average empty when there is nothing to divide", () => {
    expect(percentCell(0, 0)).toBe("");
    expect(percentCell(1, 3)).toBe("33%");
    expect(averageCell(0, 0)).toBe("");
    expect(averageCell(12, 4)).toBe("3.0");
    expect(averageCell(10, 3)).toBe("3.3");
  });

  it("translates known end-reason codes and keeps other reasons as written", () => {
    expect(endReasonWords("partner account_deactivated")).toBe("one of the two left the workspace");
    expect(endReasonWords("closed at the 12-week review by Ana")).toBe("closed at the 12-week review by Ana");
    expect(endReasonWords(null)).toBe("");
  });

  it("names the file after the program", () => {
    expect(slugOf("Résidents 2026: Cardiology!")).toBe("residents-2026-cardiology");
    expect(slugOf("日本語")).toBe("program");
  });
});
