// The output formats of `check`: for people (text), for scripts (json), for MDMs (jamf, intune).
// Every result, including one where nothing could be checked, renders in each of them, so an MDM
// always receives a value it can parse.

import { fleetSummary, jamfValue, type FleetResult } from '../core/fleet/fleet-result';
import { managedSummary, type ManagedPreferences } from '../core/preferences/managed-preferences';
import { formatReport } from '../core/report/report-text';
import { UsageError } from './usage-error';
import { headline, nextCommandLines } from './headline';
import { plainText, type Span } from './paint';
import { shellFor } from '../core/text/shell-quote';

export const OUTPUT_FORMATS = ['text', 'json', 'jamf', 'intune'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const FORMAT_FLAGS_HELP = `  --json                 print one JSON object instead of text (same as --format json)
  --format FORMAT        text, json, jamf (<result>VERDICT</result>, a Jamf Pro extension attribute)
                         or intune (one line of flat JSON for a custom-compliance script)`;

const isFormat = (v: unknown): v is OutputFormat =>
  typeof v === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(v);

/** The format the parsed flags ask for; --json and a different --format contradict each other. */
export function formatFrom(values: { json?: boolean | undefined; format?: string | undefined }): OutputFormat {
  if (values.format === undefined) return values.json ? 'json' : 'text';
  if (!isFormat(values.format))
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${values.format}"`);
  if (values.json && values.format !== 'json')
    throw new UsageError(`--json and --format ${values.format} contradict each other`);
  return values.format;
}

/**
 * The format asked for, read from the raw arguments before they are parsed: a command line that
 * does not parse still gets its error in that format. The last --format wins, as in parseArgs.
 */
export function sniffFormat(args: string[]): OutputFormat {
  let found: OutputFormat = 'text';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === '--json') found = 'json';
    const value = a === '--format' ? args[i + 1] : a.startsWith('--format=') ? a.slice('--format='.length) : undefined;
    if (isFormat(value)) found = value;
  }
  return found;
}

/** Managed preferences are shown when an admin set any, or when their store could not be used. */
function shownManaged(m: ManagedPreferences | undefined): ManagedPreferences | null {
  return m && (m.source !== null || m.problems.length > 0) ? m : null;
}

export function renderResult(result: FleetResult, format: OutputFormat): string {
  switch (format) {
    case 'jamf':
      return `<result>${jamfValue(fleetSummary(result))}</result>\n`;
    case 'intune':
      return JSON.stringify(fleetSummary(result)) + '\n';
    case 'json': {
      if (result.kind === 'not-checked') return JSON.stringify(result.result, null, 2) + '\n';
      const managed = shownManaged(result.managed);
      return (
        JSON.stringify(
          {
            ...result.report,
            ...(result.forUser === null ? {} : { forUser: result.forUser }),
            ...(managed ? { managedPreferences: managed } : {}),
          },
          null,
          2,
        ) + '\n'
      );
    }
    case 'text':
      return plainText(textSpans(result));
  }
}

/**
 * The text format: the headline (headline.ts), the evidence, and the command to run next (`next`:
 * eci-tray's arguments, quoted for this platform's shell).
 */
export function textSpans(
  result: FleetResult,
  next: string[] | null = null,
  platform: NodeJS.Platform = process.platform,
): Span[] {
  const after = nextCommandLines(next, shellFor(platform));
  if (result.kind === 'not-checked') return [...headline(result.result.verdict, result.result.reason), { text: after }];
  const r = result.report;
  const managed = result.managed ? managedSummary(result.managed) : null;
  // formatReport's first line is the verdict line the app's copied report keeps; the CLI leads with its headline.
  const body = formatReport(r).split('\n').slice(1).join('\n');
  const who =
    (result.forUser === null ? '' : `For user   ${result.forUser}\n`) + (managed ? `Managed    ${managed}\n` : '');
  return [
    ...headline(r.verdict, r.reason, r.engine.paused === true),
    { text: `\n${who}${body.replace(/^\n/, '')}${after}` },
  ];
}
