// Whether a launch of the app is a CLI invocation (`ECI Tray check --json`, as MDM scripts run it)
// and with which arguments. Pure: a function of Electron's argv.
//
// Packaged, argv is [exe, ...args]; started as `electron . ...` (process.defaultApp), argv is
// [electron, ...electron switches, appPath, ...args]. Chromium and Electron switches
// (`--no-sandbox`, `--ozone-platform=headless`, macOS's `-psn_0_123`) may come first: they are
// skipped. Any word after them is a command: an unknown one gets the CLI's own "unknown command"
// error instead of a tray starting silently. The tray starts with no word at all (a login item, a
// menu launch).

const HELP = new Set(['--help', '-h']);

export function cliArgs(argv: readonly string[], defaultApp: boolean): string[] | null {
  let rest = argv.slice(1);
  const skipSwitches = () => {
    while (rest.length > 0 && rest[0]!.startsWith('-') && !HELP.has(rest[0]!) && rest[0] !== '--') rest = rest.slice(1);
  };
  skipSwitches();
  if (defaultApp) {
    // The app folder given to `electron`.
    if (rest.length === 0 || HELP.has(rest[0]!)) return null;
    rest = rest.slice(1);
    skipSwitches();
  }
  if (rest[0] === '--') rest = rest.slice(1);
  return rest.length > 0 ? rest : null;
}
