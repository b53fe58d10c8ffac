// Validates manifest.yml against Slack's published app manifest JSON schema
// (https://github.com/slackapi/manifest-schema, vendored in ../shared/slack/manifest-schema next to the
// repository) and pins the product facts Tandem's code relies on.
//
// The schema is draft-07. Its root file (manifest.schema.json) dispatches on _metadata.major_version and
// $refs the per-version schemas by absolute raw.githubusercontent.com URLs; those files carry no $id, so
// we register each local schemas/<file> under the exact URL the root refers to. Nothing is fetched.
//
// Override the schema folder with SLACK_MANIFEST_SCHEMA_DIR. A missing folder is a failure, not a skip.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type AnySchemaObject, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { subcommandNames } from "../../src/slack/commands.ts";

// ajv-formats is CommonJS; under NodeNext its default import is the module object in the type system.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as typeof addFormatsModule.default;

const EXPECTED_BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "im:write",
  "mpim:write",
  "im:history",
  "mpim:history",
  "users:read",
  "users:read.email",
  "files:write",
];

const SCHEMA_SUBDIR = join("shared", "slack", "manifest-schema");

/** The repository root: the nearest ancestor of this file (or of cwd) holding package.json and manifest.yml. */
function findRepoRoot(): string {
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "manifest.yml"))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(
    `manifest.test: cannot find the repository root (a folder with package.json and manifest.yml) above ${starts.join(" or ")}`,
  );
}

const repoRoot = findRepoRoot();

function findSchemaDir(): string {
  const candidates = [
    process.env.SLACK_MANIFEST_SCHEMA_DIR,
    resolve(repoRoot, "..", SCHEMA_SUBDIR),
    resolve(process.cwd(), "..", SCHEMA_SUBDIR),
  ].filter((c): c is string => Boolean(c));
  const unique = [...new Set(candidates.map((c) => resolve(c)))];
  const found = unique.find((dir) => existsSync(join(dir, "manifest.schema.json")));
  if (!found) {
    throw new Error(
      [
        "manifest.test: Slack's manifest JSON schema was not found (this is a failure, not a skip).",
        "Looked for manifest.schema.json in:",
        ...unique.map((dir) => `  - ${dir}`),
        `Expected it at <repo>/../${SCHEMA_SUBDIR} (https://github.com/slackapi/manifest-schema),`,
        "or set SLACK_MANIFEST_SCHEMA_DIR to the folder containing manifest.schema.json and schemas/.",
      ].join("\n"),
    );
  }
  return found;
}

function readJson(path: string): AnySchemaObject {
  return JSON.parse(readFileSync(path, "utf8")) as AnySchemaObject;
}

/** Every string value of a "$ref" key anywhere in the schema. */
function collectRefs(node: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, out);
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.add(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

function buildValidator(schemaDir: string): ValidateFunction {
  const root = readJson(join(schemaDir, "manifest.schema.json"));
  // Figure out the dialect rather than assume it: Ajv's default class speaks draft-07 (and 2019/2020
  // need Ajv2019/Ajv2020 classes). Fail loudly if Slack ever moves.
  expect(root.$schema, "manifest.schema.json dialect").toMatch(/json-schema\.org\/draft-07\/schema#?$/);

  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
  addFormats(ajv);
  // Strict mode stays on so a typo in the schema or in our keywords cannot silently disable a check;
  // Slack's files use "_note" as a comment, which is declared here as a pure annotation.
  ajv.addVocabulary(["_note"]);
  // Slack's schema spells one constraint (display_information.background_color) with a non-standard
  // "regex" keyword instead of "pattern". Enforce it like "pattern" instead of ignoring it.
  ajv.addKeyword({
    keyword: "regex",
    type: "string",
    schemaType: "string",
    error: { message: ({ schema }) => `must match regex "${String(schema)}"` },
    validate: (pattern: string, data: string) => new RegExp(pattern, "u").test(data),
  });

  const localFiles = new Map(
    readdirSync(join(schemaDir, "schemas"))
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f, join(schemaDir, "schemas", f)] as const),
  );
  const externalRefs = [...collectRefs(root)].filter((ref) => /^https?:\/\//.test(ref));
  expect(externalRefs.length, "root schema should $ref the per-version schemas").toBeGreaterThan(0);
  for (const ref of new Set(externalRefs.map((r) => r.split("#")[0] as string))) {
    const file = basename(new URL(ref).pathname);
    const local = localFiles.get(file);
    if (!local) {
      throw new Error(
        `manifest.test: root schema refers to ${ref}, but ${schemaDir}/schemas/${file} is missing`,
      );
    }
    ajv.addSchema(readJson(local), ref);
  }
  return ajv.compile(root);
}

type Manifest = {
  _metadata?: { major_version?: number; minor_version?: number };
  display_information: { name: string; description?: string; long_description?: string };
  features?: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
    bot_user?: { display_name: string; always_online?: boolean };
    slash_commands?: { command: string; url?: string; description: string; usage_hint?: string }[];
  };
  oauth_config?: { scopes?: { bot?: string[]; user?: string[] } };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[]; user_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
  };
};

function loadManifest(): Manifest {
  return parse(readFileSync(join(repoRoot, "manifest.yml"), "utf8")) as Manifest;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`).join("\n");
}

/** Deep-copies the manifest so a test can break it without touching the others. */
function mutated(manifest: Manifest, change: (m: Manifest) => void): Manifest {
  const copy = structuredClone(manifest);
  change(copy);
  return copy;
}

const manifest = loadManifest();

describe("manifest.yml against Slack's published schema", () => {
  let validate: ValidateFunction;

  beforeAll(() => {
    validate = buildValidator(findSchemaDir());
  });

  it("is valid against Slack's published manifest schema", () => {
    const ok = validate(manifest);
    expect(formatErrors(validate.errors)).toBe("");
    expect(ok).toBe(true);
    expect(manifest._metadata).toEqual({ major_version: 1, minor_version: 1 });
  });

  it("really is validated: broken copies are rejected", () => {
    // [what is broken, the broken copy, the JSON pointer Ajv must complain about]
    const broken: [string, Manifest, string][] = [
      [
        "missing display_information.name",
        mutated(manifest, (m) => Reflect.deleteProperty(m.display_information, "name")),
        "/display_information",
      ],
      [
        "long_description under 175 chars",
        mutated(manifest, (m) => Object.assign(m.display_information, { long_description: "Too short." })),
        "/display_information/long_description",
      ],
      [
        "unknown settings key",
        mutated(manifest, (m) => Object.assign(m.settings ?? {}, { socket_mode: true })),
        "/settings",
      ],
      [
        "command without a leading slash",
        mutated(manifest, (m) => {
          for (const c of m.features?.slash_commands ?? []) c.command = "mentor";
        }),
        "/features/slash_commands/0/command",
      ],
      [
        "request_url that is not http(s)",
        mutated(manifest, (m) =>
          Object.assign(m.settings?.event_subscriptions ?? {}, {
            request_url: "tandem.example.com/slack/events",
          }),
        ),
        "/settings/event_subscriptions/request_url",
      ],
      [
        "background_color that is not a hex colour (Slack's non-standard regex keyword)",
        mutated(manifest, (m) => Object.assign(m.display_information, { background_color: "teal12" })),
        "/display_information/background_color",
      ],
      [
        "bot scopes that are not a list",
        mutated(manifest, (m) => Object.assign(m.oauth_config?.scopes ?? {}, { bot: "commands,chat:write" })),
        "/oauth_config/scopes/bot",
      ],
    ];
    for (const [label, copy, pointer] of broken) {
      expect(validate(copy), `${label} should be rejected`).toBe(false);
      expect(
        validate.errors?.map((e) => e.instancePath),
        `${label}: errors were\n${formatErrors(validate.errors)}`,
      ).toContain(pointer);
    }
    // The untouched original is still valid (the mutations worked on copies).
    expect(validate(manifest)).toBe(true);
  });
});

describe("manifest.yml product facts", () => {
  it("offers the /mentor command with a usage hint", () => {
    const commands = manifest.features?.slash_commands ?? [];
    const mentor = commands.find((c) => c.command === "/mentor");
    expect(mentor, "/mentor slash command").toBeDefined();
    expect(mentor?.usage_hint).toBeTruthy();
    // The hint advertises only subcommands Tandem understands, and at least the basics.
    const advertised = (mentor?.usage_hint ?? "")
      .replace(/[[\]]/g, "")
      .split("|")
      .map((s) => s.trim());
    for (const sub of advertised) expect(subcommandNames).toContain(sub);
    for (const sub of ["help", "join", "profile", "export"]) expect(advertised).toContain(sub);
  });

  it("enables the App Home tab, the messages tab and interactivity", () => {
    expect(manifest.features?.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.features?.app_home?.messages_tab_enabled).toBe(true);
    expect(manifest.features?.bot_user?.display_name).toBe("Tandem");
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
  });

  it("subscribes to the events Tandem handles", () => {
    const events = manifest.settings?.event_subscriptions?.bot_events ?? [];
    expect(events).toEqual(expect.arrayContaining(["app_home_opened", "team_join", "user_change"]));
  });

  it("points every request URL at /slack/events", () => {
    const urls = [
      ...(manifest.features?.slash_commands ?? []).map((c) => c.url),
      manifest.settings?.event_subscriptions?.request_url,
      manifest.settings?.interactivity?.request_url,
    ];
    expect(urls.length).toBe(3);
    for (const url of urls) {
      expect(url, "request URL").toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    }
  });

  it("asks for exactly the minimal bot scopes (adding one is a conscious change)", () => {
    const scopes = manifest.oauth_config?.scopes?.bot ?? [];
    expect([...scopes].sort()).toEqual([...EXPECTED_BOT_SCOPES].sort());
    expect(new Set(scopes).size).toBe(scopes.length);
    expect(manifest.oauth_config?.scopes?.user ?? []).toEqual([]);
  });
});
