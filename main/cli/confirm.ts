// Asking the user to confirm a destructive action on a terminal; never guessing without one.

import { createInterface } from 'node:readline/promises';
import { terminalText } from '../core/text/terminal-text';
import { UsageError } from './usage-error';

export async function confirmOrRefuse(question: string, yes: boolean, refusal: string): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) throw new UsageError(refusal);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(terminalText(question))).trim());
  } finally {
    rl.close();
  }
}
