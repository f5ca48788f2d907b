// The human form of a check report: one verdict line, then the evidence, then what to do. Shared
// by the CLI's output and the report the app copies for IT.

import type { CheckReport, CheckResult, DesiredState, EndpointSource } from '../model';
import { oneLine } from '../text/terminal-text';
import { BEFORE_ECI_TITLE } from '../words';

const RESULT_MARK: Record<CheckResult, string> = {
  isolated: 'ok   ',
  'allow-listed': 'allow',
  'not-isolated': 'NO   ',
  error: 'error',
};

const SOURCE_WORDS: Record<EndpointSource, string> = {
  flag: '--docker-host',
  env: 'DOCKER_HOST',
  context: 'docker context',
  'desktop-socket': "Docker Desktop's socket",
  'platform-default': 'platform default',
};

export function describeDesired(d: DesiredState): string {
  const value = d.eci === null ? 'unknown' : d.eci ? 'on' : 'off';
  switch (d.source) {
    case 'admin-locked':
      return `${value} (admin policy, locked: ${d.file})`;
    case 'admin-unlocked':
      return `${value} (admin policy, not locked: ${d.file})`;
    case 'user':
      return d.contested
        ? `${value} (user setting: ${d.file}); an unlocked admin policy sets it ${d.contested.eci ? 'on' : 'off'} (${d.contested.file ?? 'admin-settings.json'}): which applies cannot be known from the files`
        : `${value} (user setting: ${d.file})`;
    case 'default':
      return `${value} (Docker Desktop default: no local setting)`;
    case 'not-found-locally':
      return 'on, but no local setting asks for it (likely a Docker Home policy): not found locally';
  }
}

export function formatReport(r: CheckReport): string {
  const lines: string[] = [];
  lines.push(`ECI: ${r.verdict} - ${r.reason}`);
  lines.push('');
  const engine = !r.engine.reachable
    ? 'not reachable'
    : r.engine.desktop
      ? `Docker Desktop ${r.engine.version ?? '(version unknown)'}`
      : `${r.engine.platformName ?? r.engine.operatingSystem ?? 'unidentified engine'} (not Docker Desktop)`;
  const context = r.endpoint.context ? ` "${r.endpoint.context}"` : '';
  lines.push(
    `Engine     ${engine} at ${r.endpoint.url || '(none)'} (from ${SOURCE_WORDS[r.endpoint.source]}${context})`,
  );
  lines.push(`Desired    ${describeDesired(r.desired)}`);
  lines.push(`Effective  ${r.effective.eci === null ? 'unknown' : r.effective.eci ? 'on' : 'off'}`);
  if (r.checks.length > 0) {
    lines.push(`Checks (probe image ${r.probeImage})`);
    for (const c of r.checks) lines.push(`  ${RESULT_MARK[c.result]}  ${c.id.padEnd(20)} ${shortLine(c.observation)}`);
  }
  if (r.unprotectedContainers.length > 0) {
    lines.push(`${BEFORE_ECI_TITLE} (${r.unprotectedContainers.length})`);
    for (const c of r.unprotectedContainers) {
      lines.push(
        `  ${c.id.slice(0, 12)}  ${c.name}  ${c.image}  ${c.state}  created ${c.created}  runtime ${c.runtime}`,
      );
    }
  }
  const uncovered = r.uncoveredContainers ?? [];
  if (uncovered.length > 0) {
    lines.push(`Not covered by ECI: Docker Desktop's own containers (${uncovered.length}), never cleaned up`);
    for (const c of uncovered) {
      lines.push(
        `  ${c.id.slice(0, 12)}  ${c.name}  ${c.image}  ${c.state}  ${c.kind}${c.outsideEciByDesign ? '' : ' (counts as unprotected)'}`,
      );
      lines.push(`      ${c.why}`);
    }
  }
  if (r.settingsProblems.length > 0) {
    lines.push('Settings problems');
    for (const p of r.settingsProblems) {
      const where = p.line ? `:${p.line}:${p.column}` : '';
      lines.push(`  ${p.severity === 'error' ? 'error  ' : 'warning'}  ${p.file}${where}  ${p.message}`);
    }
  }
  const files = r.settingsFiles.map((f) => `${f.role} ${f.path}${f.found ? '' : ' (not present)'}`);
  if (files.length) lines.push(`Settings   ${files.join('; ')}`);
  if (r.notes.length > 0) {
    lines.push('Notes');
    for (const n of r.notes) lines.push(`  - ${n}`);
  }
  if (r.nextSteps.length > 0) {
    lines.push('Next');
    for (const s of r.nextSteps) lines.push(`  > ${s}`);
  }
  // Names, images, paths and engine texts in a line: a newline or escape in one cannot forge a line.
  return lines.map(oneLine).join('\n') + '\n';
}

function shortLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? flat.slice(0, 197) + '...' : flat;
}
