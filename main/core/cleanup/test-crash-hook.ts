// TEST HOOK, inert unless ECI_TRAY_TEST_CRASH_AT is set: the lab tests kill the cleanup at every
// point of a re-create deterministically. Crash points are numbered from 1 in the order a run
// reaches them: each step has two, right after its "started" record is on disk (before the
// step's effect) and right after its effect (before its "done" record); a rollback adds one after
// its record. At point n the process kills itself with SIGKILL, like a crash or power loss: no
// cleanup handler runs.

let reached = 0;

export function crashPoint(): void {
  const at = process.env['ECI_TRAY_TEST_CRASH_AT'];
  if (!at) return;
  reached += 1;
  if (reached === Number(at)) process.kill(process.pid, 'SIGKILL');
}
