// Reads a submitted modal's state.values: untrusted input, checked with zod, read by block id.
import { z } from "zod";

const stateValue = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_user: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
  selected_conversation: z.string().nullish(),
  selected_channel: z.string().nullish(),
  selected_date: z.string().nullish(),
});
const stateValues = z.record(z.string(), z.record(z.string(), stateValue));

export type StateValues = z.infer<typeof stateValues>;

/** Every input in a modal uses this action id; the block id names the field. */
export const INPUT_ACTION_ID = "input";

export class ModalValues {
  private constructor(private readonly values: StateValues) {}

  static parse(raw: unknown): ModalValues {
    return new ModalValues(stateValues.parse(raw ?? {}));
  }

  private get(blockId: string) {
    return this.values[blockId]?.[INPUT_ACTION_ID];
  }

  /** Text input; empty or whitespace-only is undefined. */
  text(blockId: string): string | undefined {
    const value = this.get(blockId)?.value?.trim();
    return value ? value : undefined;
  }

  /** Number input (Slack sends it as a string); undefined when empty or not a number. */
  number(blockId: string): number | undefined {
    const raw = this.get(blockId)?.value?.trim();
    if (!raw) return undefined;
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }

  option(blockId: string): string | undefined {
    return this.get(blockId)?.selected_option?.value ?? undefined;
  }

  options(blockId: string): string[] {
    return (this.get(blockId)?.selected_options ?? []).map((o) => o.value);
  }

  user(blockId: string): string | undefined {
    return this.get(blockId)?.selected_user ?? undefined;
  }

  channel(blockId: string): string | undefined {
    const v = this.get(blockId);
    return v?.selected_conversation ?? v?.selected_channel ?? undefined;
  }

  date(blockId: string): string | undefined {
    return this.get(blockId)?.selected_date ?? undefined;
  }
}
