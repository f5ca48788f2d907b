// Labels on everything a cleanup creates (snapshot images, verification containers, re-created
// containers): which plan made it, in which step, from which container. A resumed cleanup decides
// "this is mine" from these labels, never from names or clocks, so a same-named container or
// image made by someone else is never adopted or removed.

export const PLAN_LABEL = 'com.eci-tray.cleanup.plan';
export const STEP_LABEL = 'com.eci-tray.cleanup.step';
export const SOURCE_LABEL = 'com.eci-tray.cleanup.source';

export type OwnedStep = 'snapshot' | 'verify-snapshot' | 'create';

export function ownershipLabels(planId: string, step: OwnedStep, sourceId: string): Record<string, string> {
  return { [PLAN_LABEL]: planId, [STEP_LABEL]: step, [SOURCE_LABEL]: sourceId };
}

/**
 * Made by this plan from this container. Give `step` for containers: a container of the snapshot
 * image inherits the image's labels, so only the step label tells our own new container apart.
 */
export function isOwned(
  labels: Record<string, string> | null | undefined,
  planId: string,
  sourceId: string,
  step?: OwnedStep,
): boolean {
  return (
    !!labels &&
    labels[PLAN_LABEL] === planId &&
    labels[SOURCE_LABEL] === sourceId &&
    (step === undefined || labels[STEP_LABEL] === step)
  );
}
