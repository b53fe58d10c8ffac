// The people in the demo: a coordinator, two early members, and a residency cohort of ten.
export interface DemoPerson {
  id: string;
  name: string;
  real_name: string;
  tz: string;
  is_admin?: boolean;
  profile: { title: string; email: string };
}

const person = (
  id: string,
  realName: string,
  tz: string,
  title: string,
  extra: Partial<DemoPerson> = {},
): DemoPerson => ({
  id,
  name: realName.split(" ")[0]?.toLowerCase() ?? id,
  real_name: realName,
  tz,
  profile: { title, email: `${realName.split(" ")[0]?.toLowerCase()}@hospital.example` },
  ...extra,
});

export const coordinator = person(
  "U0DANA",
  "Dana Whitfield",
  "America/New_York",
  "Director of Graduate Medical Education",
  {
    is_admin: true,
  },
);
export const ana = person("U0ANA", "Ana Ruiz", "Europe/Madrid", "Resident, cardiology");
export const ben = person("U0BEN", "Ben Okafor", "America/New_York", "Attending physician");

/** Ten people joining the residency program: six residents (mentees) and four attendings (mentors). */
export const cohort: Array<DemoPerson & { role: "MENTEE" | "MENTOR" }> = [
  { ...person("U0C01", "Nia Park", "America/Los_Angeles", "PGY-1, internal medicine"), role: "MENTEE" },
  { ...person("U0C02", "Omar Haddad", "America/New_York", "PGY-2, surgery"), role: "MENTEE" },
  { ...person("U0C03", "Lena Vogel", "Europe/Berlin", "PGY-1, pediatrics"), role: "MENTEE" },
  { ...person("U0C04", "Kofi Mensah", "Africa/Accra", "PGY-3, emergency medicine"), role: "MENTEE" },
  { ...person("U0C05", "Mei Chen", "Asia/Singapore", "PGY-2, radiology"), role: "MENTEE" },
  { ...person("U0C06", "Sam Ortiz", "America/Denver", "PGY-1, family medicine"), role: "MENTEE" },
  { ...person("U0C07", "Ruth Adler", "America/New_York", "Attending, cardiology"), role: "MENTOR" },
  { ...person("U0C08", "Ivan Petrov", "Europe/London", "Attending, surgery"), role: "MENTOR" },
  { ...person("U0C09", "Grace Liu", "America/Chicago", "Attending, pediatrics"), role: "MENTOR" },
  { ...person("U0C10", "Tom Becker", "Europe/Berlin", "Associate professor, research"), role: "MENTOR" },
];
