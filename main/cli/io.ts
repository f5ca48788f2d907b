import { terminalText } from '../core/terminal-text';

/** Where a command writes; tests pass their own to capture output. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/**
 * The terminal (or pipe): every byte the CLI prints goes through terminalText, so text from
 * containers and engines never reaches it with a raw control character, whichever command printed it.
 */
export const processIO: CliIO = {
  out: (text) => process.stdout.write(terminalText(text)),
  err: (text) => process.stderr.write(terminalText(text)),
};
