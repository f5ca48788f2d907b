// The lab's `docker desktop` CLI plugin. The docker CLI runs it as
// `docker-desktop desktop <stop|start|restart|status|version>`; the wrapper script installed in
// the lab's DOCKER_CONFIG adds `--lab <folder>`. It drives the lab the way the real plugin drives
// Docker Desktop, so the product's real "full quit and relaunch" path runs end to end:
//   stop    - full quit             start - start; the settings files decide whether ECI is on
//   restart - like the Docker menu's restart: same mode, settings not re-applied

import { Lab } from './lab';

async function main(argv: string[]): Promise<number> {
  const labFlag = argv.indexOf('--lab');
  const root = labFlag >= 0 ? argv[labFlag + 1] : undefined;
  const args = labFlag >= 0 ? [...argv.slice(0, labFlag), ...argv.slice(labFlag + 2)] : argv;

  if (args[0] === 'docker-cli-plugin-metadata') {
    process.stdout.write(
      JSON.stringify({
        SchemaVersion: '0.1.0',
        Vendor: 'ECI Tray engine lab',
        Version: '0.1.0',
        ShortDescription: 'Docker Desktop commands (engine lab)',
      }) + '\n',
    );
    return 0;
  }
  const [, command] = args[0] === 'desktop' ? args : ['desktop', ...args];
  if (!root) {
    process.stderr.write('docker desktop (lab): no --lab folder given\n');
    return 1;
  }
  const lab = Lab.open(root);
  switch (command) {
    case 'stop':
      await lab.stopEngine();
      process.stdout.write('Docker Desktop stopped\n');
      return 0;
    case 'start': {
      if (lab.mode !== null) {
        process.stdout.write('Docker Desktop is already running\n');
        return 0;
      }
      const mode = lab.modeFromSettings();
      await lab.startEngine(mode);
      process.stdout.write('Docker Desktop started\n');
      return 0;
    }
    case 'restart':
      await lab.menuRestart();
      process.stdout.write('Docker Desktop restarted\n');
      return 0;
    case 'status':
      process.stdout.write(
        `Name                Value\nStatus              ${lab.mode === null ? 'stopped' : 'running'}\n`,
      );
      return 0;
    case 'version':
      process.stdout.write(`Docker Desktop ${lab.desktopVersion} (engine lab)\n`);
      return 0;
    default:
      process.stderr.write(`Usage: docker desktop start|stop|restart|status|version\n`);
      return command ? 1 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`docker desktop: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
