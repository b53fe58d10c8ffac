// Seeded, program-like people for the matching benchmark (bench/matching/run.ts).
//
// An organisation of departments (Zipf-sized), each with its own 5-10 areas plus ~15 shared
// cross-cutting areas; people in a department mostly sit in its home region's time zones, with
// some spread; reporting lines inside departments (managers are more senior, so some mentees'
// managers are mentors and some mentees share a manager with a mentor); career stages skewed
// (mentees junior, mentors senior); ~10 % speak a language besides English (about 1 % list only
// that language); meeting modes; mentor capacity 1-5. The output is plain MatchPersonInput, so the
// product's own preparePerson / buildInstance / scorePair decide eligibility and scores.
import type { PastMentorship } from "../../src/domain/matching/history.ts";
import type { MatchPersonInput } from "../../src/domain/matching/person.ts";
import type { CareerStage, MeetingMode, MentoringKind } from "../../src/domain/profile.ts";

/** mulberry32: small, fast, good enough for synthetic data, and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

/** When every benchmark round runs (time-zone offsets and the cooldown are taken at this instant). */
export const ROUND_AT = new Date("2025-03-12T12:00:00Z");
/** The programs' cooldown before a pair may be matched again. */
export const COOLDOWN_MONTHS = 6;
const DAY = 24 * 60 * 60 * 1000;

const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function pick<T>(r: Rand, items: readonly T[]): T {
  const item = items[Math.floor(r() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function weighted<T>(r: Rand, items: ReadonlyArray<readonly [T, number]>): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = r() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error("weighted pick from an empty list");
  return last[0];
}

/** Index in [0, n) with Zipf-like popularity (s ~ 1): the first items are asked for most. */
function zipfIndex(r: Rand, n: number, s = 1): number {
  // Inverse-CDF on the continuous approximation; good enough for skew.
  if (n <= 1) return 0;
  if (s === 1) return Math.min(n - 1, Math.floor(Math.exp(r() * Math.log(n + 1)) - 1));
  const a = 1 - s;
  const x = ((n + 1) ** a - 1) * r() + 1;
  return Math.min(n - 1, Math.floor(x ** (1 / a) - 1));
}

/** Departments with their own areas (the first 5-10 of each list are used). */
const DEPARTMENTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    "Cardiology",
    [
      "Heart failure",
      "Interventional cardiology",
      "Cardiac imaging",
      "Electrophysiology",
      "Preventive cardiology",
      "Cardio-oncology",
      "Structural heart disease",
      "Cardiac rehabilitation",
    ],
  ],
  [
    "Oncology",
    [
      "Breast cancer",
      "Immunotherapy",
      "Radiation oncology",
      "Clinical trials design",
      "Hematologic malignancies",
      "Palliative care",
      "Tumor genomics",
      "Pediatric oncology",
      "Survivorship care",
    ],
  ],
  [
    "Neurology",
    [
      "Stroke care",
      "Epilepsy",
      "Movement disorders",
      "Neuroimaging",
      "Multiple sclerosis",
      "Dementia care",
      "Neuromuscular disease",
    ],
  ],
  [
    "Pediatrics",
    [
      "Neonatology",
      "Adolescent health",
      "Pediatric emergency",
      "Child development",
      "Pediatric infectious disease",
      "Vaccination programs",
    ],
  ],
  [
    "Emergency Medicine",
    ["Trauma care", "Triage", "Toxicology", "Point-of-care ultrasound", "Disaster medicine", "Resuscitation"],
  ],
  [
    "Surgery",
    [
      "Minimally invasive surgery",
      "Transplant surgery",
      "Surgical education",
      "Robotic surgery",
      "Trauma surgery",
      "Perioperative care",
      "Vascular surgery",
    ],
  ],
  [
    "Nursing",
    [
      "Critical care nursing",
      "Nurse leadership",
      "Patient safety",
      "Wound care",
      "Nursing informatics",
      "Infection control",
      "Evidence-based practice",
    ],
  ],
  [
    "Psychiatry",
    [
      "Mood disorders",
      "Addiction medicine",
      "Child psychiatry",
      "Psychotherapy",
      "Consultation-liaison",
      "Digital mental health",
    ],
  ],
  [
    "Radiology",
    [
      "MRI physics",
      "Interventional radiology",
      "Breast imaging",
      "AI in imaging",
      "Musculoskeletal imaging",
      "Nuclear medicine",
    ],
  ],
  [
    "Public Health",
    [
      "Epidemiology",
      "Health equity",
      "Global health",
      "Health policy",
      "Outbreak response",
      "Health economics",
      "Community health",
    ],
  ],
  [
    "Genomics",
    [
      "Genome sequencing",
      "Bioinformatics pipelines",
      "Gene therapy",
      "Single-cell analysis",
      "CRISPR screening",
      "Genetic counseling",
      "Population genetics",
    ],
  ],
  [
    "Immunology",
    ["Vaccine development", "Autoimmunity", "Allergy", "Flow cytometry", "Transplant immunology"],
  ],
  [
    "Pharmacy",
    [
      "Clinical pharmacology",
      "Antimicrobial stewardship",
      "Drug safety",
      "Pharmacokinetics",
      "Compounding",
      "Formulary management",
    ],
  ],
  [
    "Anesthesiology",
    [
      "Regional anesthesia",
      "Pain medicine",
      "Cardiac anesthesia",
      "Airway management",
      "Obstetric anesthesia",
    ],
  ],
  [
    "Data Science",
    [
      "Machine learning",
      "Causal inference",
      "Data visualization",
      "Experiment design",
      "Natural language processing",
      "Forecasting",
      "MLOps",
    ],
  ],
  [
    "Software Engineering",
    [
      "Backend systems",
      "Frontend development",
      "Distributed systems",
      "Code review",
      "Testing strategy",
      "API design",
      "Performance engineering",
      "Mobile development",
    ],
  ],
  [
    "Platform Infrastructure",
    [
      "Kubernetes",
      "Site reliability",
      "Observability",
      "Cloud cost control",
      "Incident management",
      "Infrastructure as code",
    ],
  ],
  [
    "Security",
    [
      "Threat modeling",
      "Application security",
      "Identity and access",
      "Security operations",
      "Cryptography",
      "Compliance audits",
    ],
  ],
  [
    "Product Management",
    [
      "Product discovery",
      "Roadmapping",
      "Stakeholder management",
      "Pricing",
      "Product analytics",
      "User research",
    ],
  ],
  [
    "Design",
    [
      "Interaction design",
      "Design systems",
      "Accessibility",
      "Visual design",
      "Prototyping",
      "Service design",
    ],
  ],
  [
    "Finance",
    ["Financial planning", "Budgeting", "Audit", "Treasury", "Tax", "Procurement", "Financial modeling"],
  ],
  [
    "Human Resources",
    [
      "Talent acquisition",
      "Compensation",
      "Employee relations",
      "Learning and development",
      "Workforce planning",
      "HR analytics",
    ],
  ],
  ["Legal", ["Contract law", "Intellectual property", "Privacy law", "Employment law", "Regulatory affairs"]],
  [
    "Marketing",
    [
      "Brand strategy",
      "Content marketing",
      "SEO",
      "Marketing analytics",
      "Campaign management",
      "Social media",
    ],
  ],
  [
    "Sales",
    [
      "Enterprise sales",
      "Account management",
      "Sales operations",
      "Partnerships",
      "Customer success",
      "Solution selling",
    ],
  ],
  [
    "Operations",
    ["Supply chain", "Process improvement", "Facilities", "Logistics", "Vendor management", "Lean methods"],
  ],
  [
    "Chemistry",
    [
      "Organic synthesis",
      "Analytical chemistry",
      "Spectroscopy",
      "Catalysis",
      "Computational chemistry",
      "Polymer science",
    ],
  ],
  [
    "Physics",
    [
      "Quantum optics",
      "Condensed matter",
      "Particle physics",
      "Astrophysics",
      "Instrumentation",
      "Plasma physics",
    ],
  ],
  [
    "Biology",
    [
      "Cell biology",
      "Microbiology",
      "Ecology",
      "Developmental biology",
      "Protein biochemistry",
      "Microscopy",
      "Field studies",
    ],
  ],
  [
    "Mathematics",
    [
      "Applied mathematics",
      "Probability theory",
      "Numerical analysis",
      "Algebra",
      "Optimization",
      "Topology",
    ],
  ],
  [
    "Economics",
    ["Labor economics", "Econometrics", "Development economics", "Behavioral economics", "Macroeconomics"],
  ],
  [
    "Education",
    [
      "Curriculum design",
      "Educational assessment",
      "Online learning",
      "Special education",
      "Instructional coaching",
    ],
  ],
  [
    "Library Services",
    [
      "Research data management",
      "Open access publishing",
      "Archives",
      "Information literacy",
      "Digital collections",
    ],
  ],
  [
    "Communications",
    [
      "Media relations",
      "Internal communications",
      "Crisis communication",
      "Science communication",
      "Speechwriting",
    ],
  ],
  [
    "Clinical Research",
    [
      "Trial coordination",
      "Research ethics",
      "Regulatory submissions",
      "Biostatistics",
      "Patient recruitment",
      "Data monitoring",
    ],
  ],
  [
    "Quality and Safety",
    ["Root cause analysis", "Clinical audit", "Accreditation", "Risk management", "Safety culture"],
  ],
  [
    "Rehabilitation",
    ["Physical therapy", "Occupational therapy", "Speech therapy", "Sports medicine", "Prosthetics"],
  ],
  [
    "Dermatology",
    ["Dermatopathology", "Skin cancer", "Cosmetic dermatology", "Pediatric dermatology", "Teledermatology"],
  ],
  [
    "Internal Medicine",
    [
      "Hospital medicine",
      "Diabetes care",
      "Hypertension",
      "Geriatrics",
      "Infectious disease",
      "Nephrology",
      "Chronic disease management",
    ],
  ],
  [
    "Facilities and Estates",
    ["Energy management", "Space planning", "Construction projects", "Health and safety", "Sustainability"],
  ],
];

/** Cross-cutting areas any department asks for and offers. */
export const SHARED_AREAS: readonly string[] = [
  "Leadership",
  "Career planning",
  "Grant writing",
  "Public speaking",
  "Negotiation",
  "Work-life balance",
  "People management",
  "Scientific writing",
  "Networking",
  "Promotion and tenure",
  "Teaching",
  "Project management",
  "Returning from leave",
  "Diversity and inclusion",
  "Statistics",
];

interface Region {
  name: string;
  zones: readonly string[];
  /** Languages people here list besides English (the ~10 %). */
  languages: readonly string[];
}

const REGIONS: readonly Region[] = [
  {
    name: "us-east",
    zones: ["America/New_York", "America/Toronto", "America/Chicago"],
    languages: ["Spanish", "French"],
  },
  {
    name: "us-west",
    zones: ["America/Los_Angeles", "America/Denver", "America/Vancouver"],
    languages: ["Spanish", "Mandarin"],
  },
  {
    name: "europe",
    zones: ["Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Amsterdam"],
    languages: ["German", "French", "Spanish", "Dutch"],
  },
  { name: "india", zones: ["Asia/Kolkata"], languages: ["Hindi", "Tamil"] },
  {
    name: "apac",
    zones: ["Asia/Singapore", "Asia/Tokyo", "Australia/Sydney"],
    languages: ["Mandarin", "Japanese"],
  },
  {
    name: "spread",
    zones: [
      "America/Sao_Paulo",
      "Africa/Johannesburg",
      "Africa/Lagos",
      "Asia/Dubai",
      "Pacific/Auckland",
      "America/Mexico_City",
    ],
    languages: ["Portuguese", "Arabic", "Spanish"],
  },
];

/** Program-wide region mix: mostly 3-4 regions, some spread. */
const REGION_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [0, 35],
  [1, 15],
  [2, 30],
  [3, 10],
  [4, 6],
  [5, 4],
];

const MENTEE_STAGES: ReadonlyArray<readonly [CareerStage, number]> = [
  ["STUDENT", 15],
  ["TRAINEE", 20],
  ["EARLY_CAREER", 40],
  ["MID_CAREER", 20],
  ["SENIOR", 5],
];
const MENTOR_STAGES: ReadonlyArray<readonly [CareerStage, number]> = [
  ["EARLY_CAREER", 5],
  ["MID_CAREER", 30],
  ["SENIOR", 45],
  ["EXECUTIVE", 20],
];
const STAGE_RANK: Record<CareerStage, number> = {
  STUDENT: 0,
  TRAINEE: 1,
  EARLY_CAREER: 2,
  MID_CAREER: 3,
  SENIOR: 4,
  EXECUTIVE: 5,
};
const KINDS: ReadonlyArray<readonly [MentoringKind, number]> = [
  ["CAREER", 40],
  ["TECHNICAL", 25],
  ["RESEARCH", 15],
  ["LEADERSHIP", 12],
  ["WELLBEING", 8],
];
const MODES: ReadonlyArray<readonly [MeetingMode, number]> = [
  ["ANY", 40],
  ["VIDEO", 35],
  ["IN_PERSON", 15],
  ["CHAT", 10],
];
const CAPACITY: ReadonlyArray<readonly [number, number]> = [
  [1, 20],
  [2, 30],
  [3, 25],
  [4, 10],
  [5, 15],
];

export interface ProgramSpec {
  name: string;
  seed: number;
  /** Total people; mentors are `mentorShare` of them (unless `mentees`/`mentors` are given). */
  people: number;
  mentorShare?: number;
  mentees?: number;
  mentors?: number;
  /** Every mentor's capacity (otherwise 1-5, skewed to 2-3). */
  fixedCapacity?: number;
  departments: number;
}

export interface Program {
  mentees: MatchPersonInput[];
  mentors: MatchPersonInput[];
  /** Earlier mentorships (completed ~2 months before the round, inside a 6-month cooldown). */
  history: PastMentorship[];
  departments: number;
  areas: number;
}

interface Dept {
  name: string;
  areas: readonly string[];
  region: number;
}

function pickAreas(r: Rand, count: number, own: Dept, depts: readonly Dept[], ownShare: number): string[] {
  const out = new Set<string>();
  let guard = 0;
  while (out.size < count && guard++ < 50) {
    const x = r();
    if (x < ownShare) out.add(own.areas[zipfIndex(r, own.areas.length)] ?? "");
    else if (x < ownShare + 0.1) {
      const other = pick(r, depts);
      out.add(other.areas[zipfIndex(r, other.areas.length)] ?? "");
    } else out.add(SHARED_AREAS[zipfIndex(r, SHARED_AREAS.length, 0.8)] ?? "");
  }
  out.delete("");
  return [...out];
}

function pickKinds(r: Rand, count: number): MentoringKind[] {
  const out = new Set<MentoringKind>();
  while (out.size < count) out.add(weighted(r, KINDS));
  return [...out];
}

export function generateProgram(spec: ProgramSpec): Program {
  const r = rng(spec.seed);
  const mentorCount = spec.mentors ?? Math.round(spec.people * (spec.mentorShare ?? 0.15));
  const menteeCount = spec.mentees ?? spec.people - mentorCount;
  const total = menteeCount + mentorCount;

  // Departments: the first `departments` of the list, each with 5-10 of its areas, a home region
  // and a Zipf-like size.
  const depts: Dept[] = DEPARTMENTS.slice(0, spec.departments).map(([name, areas]) => ({
    name,
    areas: areas.slice(0, Math.min(areas.length, int(r, 5, 10))),
    region: weighted(r, REGION_WEIGHTS),
  }));
  const deptOf = (): Dept => depts[zipfIndex(r, depts.length, 0.7)] ?? pick(r, depts);

  // Roles are interleaved at random so ids do not reveal who mentors.
  const roles: boolean[] = Array.from({ length: total }, (_, k) => k < mentorCount);
  for (let k = total - 1; k > 0; k--) {
    const s = Math.floor(r() * (k + 1));
    const a = roles[k] ?? false;
    roles[k] = roles[s] ?? false;
    roles[s] = a;
  }

  const width = String(total).length;
  const people: Array<MatchPersonInput & { isMentor: boolean; dept: Dept }> = roles.map((isMentor, k) => {
    const dept = deptOf();
    const regionIndex = r() < 0.75 ? dept.region : weighted(r, REGION_WEIGHTS);
    const region = REGIONS[regionIndex] ?? pick(r, REGIONS);
    const start = 420 + 30 * int(r, 0, 5); // 07:00 - 09:30
    const length = r() < 0.85 ? 480 + 30 * int(r, 0, 2) : 240 + 30 * int(r, 0, 6); // some part-timers
    const x = r();
    const languages =
      x < 0.01 ? [pick(r, region.languages)] : x < 0.1 ? ["English", pick(r, region.languages)] : ["English"];
    const id = `P${String(k + 1).padStart(width, "0")}`;
    return {
      id,
      slackUserId: `U${String(k + 1).padStart(width, "0")}`,
      careerStage: weighted(r, isMentor ? MENTOR_STAGES : MENTEE_STAGES),
      department: dept.name,
      managerSlackId: null,
      needs: isMentor
        ? []
        : pickAreas(
            r,
            weighted(r, [
              [1, 25],
              [2, 35],
              [3, 25],
              [4, 15],
            ]),
            dept,
            depts,
            0.7,
          ),
      expertise: isMentor ? pickAreas(r, int(r, 2, 6), dept, depts, 0.6) : [],
      kinds: pickKinds(r, isMentor ? int(r, 1, 3) : int(r, 1, 2)),
      tz: pick(r, region.zones),
      workdayStartMinute: start,
      workdayEndMinute: start + length,
      languages,
      meetingMode: weighted(r, MODES),
      capacity: isMentor ? (spec.fixedCapacity ?? weighted(r, CAPACITY)) : 0,
      isMentor,
      dept,
    };
  });

  // Reporting lines: inside each department, teams of ~4-10 under someone more senior (mentors
  // are the senior people, so many mentees report to a mentor, and teammates share a manager).
  const byDept = new Map<Dept, typeof people>();
  for (const p of people) {
    const list = byDept.get(p.dept);
    if (list) list.push(p);
    else byDept.set(p.dept, [p]);
  }
  for (const members of byDept.values()) {
    const rank = (p: (typeof people)[number]) => STAGE_RANK[p.careerStage ?? "STUDENT"];
    const sorted = [...members].sort((a, b) => rank(b) - rank(a) || (a.id < b.id ? -1 : 1));
    // Sorted by rank, descending: the managers ranked above p are a prefix of `managers`.
    const managers: typeof people = [];
    let above = 0;
    let currentRank = Number.POSITIVE_INFINITY;
    for (const p of sorted) {
      if (rank(p) < currentRank) {
        currentRank = rank(p);
        above = managers.length;
      }
      if (above > 0 && r() < 0.9) {
        const m = managers[Math.floor(r() * above)];
        if (m) p.managerSlackId = m.slackUserId;
      }
      if (rank(p) >= 3 || r() < 0.05) managers.push(p);
    }
  }

  // Profile text for text similarity: mentees' goals, mentors' job titles. A generator of its own,
  // so the rest of the program is the same as before these were added.
  const words = rng(spec.seed ^ 0x5eed);
  for (const p of people) {
    if (p.isMentor)
      p.title = `${pick(words, TITLE_RANKS)} ${pick(words, [p.dept.name, ...p.expertise.slice(0, 2)])}`;
    else p.goalsText = goalSentence(words, p.needs, p.dept);
  }

  const mentees: MatchPersonInput[] = [];
  const mentors: MatchPersonInput[] = [];
  for (const { isMentor, dept: _dept, ...person } of people) (isMentor ? mentors : mentees).push(person);

  // ~5 % of mentees had a mentor in an earlier round, still inside the cooldown.
  const history: PastMentorship[] = [];
  const createdAt = new Date(ROUND_AT.getTime() - 240 * DAY);
  const endedAt = new Date(ROUND_AT.getTime() - 60 * DAY);
  if (mentors.length > 0)
    for (const mentee of mentees)
      if (r() < 0.05) {
        const mentorId = pick(r, mentors).id;
        history.push({
          menteeId: mentee.id,
          mentorId,
          status: "COMPLETED",
          createdAt,
          endedAt,
          updatedAt: endedAt,
        });
      }

  return {
    mentees,
    mentors,
    history,
    departments: depts.length,
    areas: new Set(depts.flatMap((d) => d.areas)).size + SHARED_AREAS.length,
  };
}

const TITLE_RANKS = ["Senior", "Lead", "Principal", "Head of", "Consultant in", "Associate Professor of"];
const GOAL_OPENINGS = [
  "Within a year I want to",
  "I'd like to",
  "My goal is to",
  "Over the next two years I hope to",
  "I want to",
];
const GOAL_VERBS = ["get better at", "lead a project in", "build confidence in", "publish on", "teach"];
const GOAL_ENDINGS = [
  "and understand how promotion works here.",
  "while keeping a sustainable workload.",
  "and find out what a next role could be.",
  "and learn from someone who has done it.",
  "",
];

/** A mentee's goals in their own words: one or two of their areas, and their department. */
function goalSentence(r: Rand, needs: readonly string[], dept: Dept): string {
  const area = needs.length ? pick(r, needs).toLowerCase() : "my field";
  const second = r() < 0.4 ? ` in ${dept.name.toLowerCase()}` : "";
  return `${pick(r, GOAL_OPENINGS)} ${pick(r, GOAL_VERBS)} ${area}${second} ${pick(r, GOAL_ENDINGS)}`.trim();
}

export const PROGRAMS: readonly ProgramSpec[] = [
  { name: "program-1k", seed: 1001, people: 1_000, mentorShare: 0.18, departments: 12 },
  { name: "program-10k", seed: 1002, people: 10_000, mentorShare: 0.15, departments: 24 },
  { name: "program-100k", seed: 1003, people: 100_000, mentorShare: 0.12, departments: 40 },
  {
    name: "target-10k-2k",
    seed: 1004,
    people: 12_000,
    mentees: 10_000,
    mentors: 2_000,
    fixedCapacity: 5,
    departments: 24,
  },
];
