// Typed errors. A UserError's message is written for the person in Slack; anything else is a
// fault that the log gets in detail and the person sees as one plain sentence.
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

export class NotFoundError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** A problem with one field of a form: shown next to that field. */
export class FieldError extends UserError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "FieldError";
  }
}

export const GENERIC_FAILURE =
  "Sorry, something went wrong on Tandem's side and nothing was changed. Please try again in a minute.";

/** What a person may be told about an error: its message if it is meant for them, else a generic line. */
export function userMessageOf(error: unknown): string {
  return error instanceof UserError ? error.message : GENERIC_FAILURE;
}

/** Undefined when the thing wasn't found; any other failure (a database hiccup) is rethrown. */
export async function unlessNotFound<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
