/** A yes/no question on the terminal, where no is the default. */
import { createInterface } from "node:readline";

/** Only "y" or "yes" (any case, spaces around ignored) is a yes; anything else, or no answer, is a no. */
export function isYes(answer: string | undefined): boolean {
  return answer !== undefined && /^(y|yes)$/i.test(answer.trim());
}

/** Asks `question` on stdin/stdout; end of input or Ctrl-C answers no. */
export function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  return new Promise<boolean>((resolve) => {
    let answered = false;
    const done = (answer: string | undefined) => {
      if (answered) return;
      answered = true;
      rl.close();
      resolve(isYes(answer));
    };
    rl.on("SIGINT", () => {
      process.stdout.write("\n");
      done(undefined);
    });
    rl.on("close", () => done(undefined));
    rl.question(question, done);
  });
}
