import { describe, expect, it } from 'vitest';
import type { Audit, AuditedContainer, UncoveredAuditedContainer } from './audit-model';
import { PlanSelectionError, selectForPlan, socketMountAllowList } from './plan-input';

const c = (name: string, id: string): AuditedContainer => ({ name, id }) as unknown as AuditedContainer;
const web = c('web', 'a'.repeat(64));
const db = c('db', 'b'.repeat(64));
const tool = c('tool', 'c'.repeat(64));
const kube = {
  ...c('k8s_apiserver', 'd'.repeat(64)),
  kind: 'kubernetes',
  why: 'Kubernetes runs outside ECI',
  outsideEciByDesign: true,
} as UncoveredAuditedContainer;
// Groups put Compose projects first: db and web are in a project, tool is alone.
const audit = {
  containers: [tool, web, db],
  groups: [{ containers: [db, web] }, { containers: [tool] }],
  uncovered: [kube],
} as unknown as Audit;

describe('selectForPlan', () => {
  it.each<[string, string[] | null, string[]]>([
    ['no selection: all, in group order', null, ['db', 'web', 'tool']],
    ['by name, in group order', ['tool', 'web'], ['web', 'tool']],
    ['by id', [db.id], ['db']],
    ['a name and an id', ['tool', web.id], ['web', 'tool']],
  ])('%s', (_name, only, names) => {
    expect(selectForPlan(audit, only).map((x) => x.name)).toEqual(names);
  });

  it.each<[string, string[], RegExp]>([
    [
      "Docker Desktop's own container",
      ['k8s_apiserver'],
      /k8s_apiserver: Docker Desktop's own container, never cleaned up \(Kubernetes runs outside ECI\)/,
    ],
    ['an unknown name', ['web', 'Web'], /no container outside ECI is named Web \(there are: tool, web, db\)/],
  ])('%s is refused', (_name, only, message) => {
    expect(() => selectForPlan(audit, only)).toThrow(PlanSelectionError);
    expect(() => selectForPlan(audit, only)).toThrow(message);
  });
});

describe("a container named like another one's id", () => {
  // Docker accepts 64 hex digits as a container name.
  const impostor = c(web.id, 'e'.repeat(64));
  const withImpostor = {
    containers: [tool, web, impostor],
    groups: [{ containers: [web, impostor, tool] }],
    uncovered: [kube],
  } as unknown as Audit;
  it.each<[string, string[], string[]]>([
    ['the id selects that container only, as Docker resolves it (id first)', [web.id], ['web']],
    ['the impostor by its own id', [impostor.id], [web.id]],
    ['by name, a name that is no id', ['tool'], ['tool']],
  ])('%s', (_name, only, names) => expect(selectForPlan(withImpostor, only).map((x) => x.name)).toEqual(names));

  it("naming Desktop's own container by id is refused even when another is named like it", () => {
    const named = c(kube.id, 'f'.repeat(64));
    const a = { containers: [named], groups: [{ containers: [named] }], uncovered: [kube] } as unknown as Audit;
    expect(() => selectForPlan(a, [kube.id])).toThrow(/Docker Desktop's own container/);
    expect(selectForPlan(a, [named.id]).map((x) => x.id)).toEqual([named.id]);
  });
});

describe('socketMountAllowList', () => {
  it.each<[string, Parameters<typeof socketMountAllowList>[0], string[]]>([
    [
      'the settings list wins',
      { socketMountAllowList: ['a'], adminPolicy: { socketMountImages: ['b'] } as never },
      ['a'],
    ],
    ["else the admin policy's", { adminPolicy: { socketMountImages: ['b'] } as never }, ['b']],
    ['else none', { adminPolicy: null }, []],
  ])('%s', (_name, settings, list) => {
    expect(socketMountAllowList(settings)).toEqual(list);
  });
});
