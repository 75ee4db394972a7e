/** A failure the user can act on: printed as its message alone, exit code 1. */
export class StackError extends Error {
  override readonly name = "StackError";
}
