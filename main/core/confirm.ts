// The confirmation port: every use case that changes something asks through it. The app answers
// with a native dialog (only the user, not a page, can say yes); the CLI with a y/N prompt or
// --yes. The request's words are decided in core, once, for both.

export interface ConfirmRequest {
  title: string;
  message: string;
  detail: string;
  /** The button that does it, naming the action ("Remove 3 containers"), never just "OK". */
  confirmLabel: string;
}

/** Resolves true only when the user confirmed. */
export type Confirm = (request: ConfirmRequest) => Promise<boolean>;
