// Which ECI state Docker Desktop will apply at its next full start, and why. Pure.
//
// Precedence (Docker docs): a locked admin value always wins; an unlocked admin value is only a
// default, ignored when the user has already set the value; then the user's setting; then
// Docker Desktop's own default (off). Whether the user "has set" it cannot always be known (see
// `contested`).

import type { AdminEciPolicy, DesiredState } from '../model';

export interface DesiredInputs {
  admin: { file: string; policy: AdminEciPolicy | null };
  user: { file: string; eci: boolean | null };
}

export function desiredState({ admin, user }: DesiredInputs): DesiredState {
  const policy = admin.policy;
  if (policy && policy.value !== null && policy.locked) {
    return { eci: policy.value, source: 'admin-locked', file: admin.file };
  }
  if (user.eci !== null) {
    // Docker docs: an unlocked value is ignored where the user already set one. But Desktop
    // writes its defaults into settings-store.json too, so a stored value does not prove the user
    // chose it: keep the documented answer and carry the other candidate, never guess silently.
    if (policy && policy.value !== null && policy.value !== user.eci) {
      return {
        eci: user.eci,
        source: 'user',
        file: user.file,
        contested: { eci: policy.value, source: 'admin-unlocked', file: admin.file },
      };
    }
    return { eci: user.eci, source: 'user', file: user.file };
  }
  if (policy && policy.value !== null) return { eci: policy.value, source: 'admin-unlocked', file: admin.file };
  return { eci: false, source: 'default' };
}

/**
 * The desired state as reported next to an effective one. Docker Desktop's default never makes
 * a verdict pending: a Docker Home (cloud) policy is invisible locally, so when ECI is verified on
 * and no local file asks for it, the source is "not found locally" rather than a contradiction.
 */
export function reportedDesired(desired: DesiredState, effectiveEci: boolean | null): DesiredState {
  if (desired.source === 'default' && effectiveEci === true) return { eci: null, source: 'not-found-locally' };
  return desired;
}
