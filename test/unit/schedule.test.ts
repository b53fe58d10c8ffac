import { describe, expect, it } from "vitest";
import { awayUntil, deliveryTime, nextCheckin, type Recipient, riskOf } from "../../src/domain/schedule.ts";

const now = new Date("2026-03-04T15:00:00Z"); // a Wednesday
const person = (over: Partial<Recipient> = {}): Recipient => ({
  tz: "Europe/London",
  workdayStartMinute: 540,
  workdayEndMinute: 1020,
  status: "ACTIVE",
  pausedUntil: null,
  statusText: null,
  statusEmoji: null,
  statusExpiresAt: null,
  ...over,
});

describe("awayUntil", () => {
  it("reads holidays and sick leave from the Slack status, until it expires", () => {
    const back = new Date("2026-03-10T00:00:00Z");
    expect(awayUntil({ statusText: "", statusEmoji: ":palm_tree:", statusExpiresAt: back }, now)).toEqual(
      back,
    );
    expect(
      awayUntil({ statusText: "Out of office until Monday", statusEmoji: null, statusExpiresAt: back }, now),
    ).toEqual(back);
    expect(
      awayUntil({ statusText: "Sick", statusEmoji: null, statusExpiresAt: null }, now)?.toISOString(),
    ).toBe("2026-03-05T15:00:00.000Z");
  });
  it("ignores ordinary statuses and expired ones", () => {
    expect(
      awayUntil(
        { statusText: "In a meeting", statusEmoji: ":spiral_calendar_pad:", statusExpiresAt: null },
        now,
      ),
    ).toBeUndefined();
    expect(
      awayUntil(
        { statusText: "", statusEmoji: ":palm_tree:", statusExpiresAt: new Date("2026-03-01T00:00:00Z") },
        now,
      ),
    ).toBeUndefined();
  });
});

describe("deliveryTime", () => {
  it("delivers a due message at once inside working hours", () => {
    expect(deliveryTime(now, person(), now).toISOString()).toBe(now.toISOString());
  });

  it("never at night: a message due at 3 a.m. in Sydney waits for 9:00 there", () => {
    const due = new Date("2026-03-04T16:00:00Z"); // 03:00 Thursday in Sydney (AEDT, UTC+11)
    const at = deliveryTime(due, person({ tz: "Australia/Sydney" }), due);
    expect(at.toISOString()).toBe("2026-03-04T22:00:00.000Z"); // 09:00 Thursday in Sydney
  });

  it("a message that fell due while Tandem was down goes out in the next window, not at once at night", () => {
    const due = new Date("2026-03-03T10:00:00Z");
    const late = new Date("2026-03-04T22:30:00Z"); // 22:30 in London
    expect(deliveryTime(due, person(), late).toISOString()).toBe("2026-03-05T09:00:00.000Z");
  });

  it("waits for the end of a pause and of an away status, then for working hours", () => {
    const paused = person({ status: "PAUSED", pausedUntil: new Date("2026-03-07T00:00:00Z") }); // a Saturday
    expect(deliveryTime(now, paused, now).toISOString()).toBe("2026-03-09T09:00:00.000Z");
    const away = person({ statusEmoji: ":airplane:", statusExpiresAt: new Date("2026-03-05T12:30:00Z") });
    expect(deliveryTime(now, away, now).toISOString()).toBe("2026-03-05T12:30:00.000Z");
  });

  it("narrows to the program's window, and handles the DST change", () => {
    const due = new Date("2026-03-27T07:30:00Z"); // Friday; London is still on GMT
    expect(deliveryTime(due, person(), due, { startMinute: 600, endMinute: 960 }).toISOString()).toBe(
      "2026-03-27T10:00:00.000Z",
    );
    const afterDst = new Date("2026-03-30T07:30:00Z"); // Monday after BST began: 08:30 local
    expect(deliveryTime(afterDst, person(), afterDst).toISOString()).toBe("2026-03-30T08:00:00.000Z"); // 09:00 BST
  });
});

describe("nextCheckin", () => {
  const start = new Date("2026-03-02T09:00:00Z");
  it("nudges every cadence", () => {
    expect(nextCheckin({ at: start, kind: "START" }, 14, false)).toEqual({
      kind: "NUDGE",
      at: new Date("2026-03-16T09:00:00Z"),
    });
  });
  it("with a pulse, alternates a half-way pulse and the nudge", () => {
    const pulse = nextCheckin({ at: start, kind: "START" }, 30, true);
    expect(pulse).toEqual({ kind: "PULSE", at: new Date("2026-03-17T09:00:00Z") });
    expect(nextCheckin({ at: pulse.at, kind: "PULSE" }, 30, true)).toEqual({
      kind: "NUDGE",
      at: new Date("2026-04-01T09:00:00Z"),
    });
  });
});

describe("riskOf", () => {
  const started = new Date("2026-01-01T00:00:00Z");
  it("flags a pair with no session for twice its cadence, or three unanswered check-ins", () => {
    expect(
      riskOf(
        {
          startedAt: started,
          lastSessionAt: new Date("2026-02-01T00:00:00Z"),
          cadenceDays: 14,
          unansweredCheckins: 0,
        },
        now,
      ),
    ).toBe("no session in 31 days");
    // 22 days is less than twice a 14-day cadence: not yet at risk.
    expect(
      riskOf(
        {
          startedAt: started,
          lastSessionAt: new Date("2026-02-10T00:00:00Z"),
          cadenceDays: 14,
          unansweredCheckins: 0,
        },
        now,
      ),
    ).toBeUndefined();
    expect(
      riskOf({ startedAt: started, lastSessionAt: null, cadenceDays: 30, unansweredCheckins: 0 }, now),
    ).toBe("no session since the start, 62 days ago");
    expect(riskOf({ startedAt: now, lastSessionAt: null, cadenceDays: 14, unansweredCheckins: 3 }, now)).toBe(
      "3 check-ins in a row unanswered",
    );
  });
  it("leaves a pair on track alone", () => {
    expect(
      riskOf(
        {
          startedAt: started,
          lastSessionAt: new Date("2026-02-25T00:00:00Z"),
          cadenceDays: 14,
          unansweredCheckins: 1,
        },
        now,
      ),
    ).toBeUndefined();
  });
});
