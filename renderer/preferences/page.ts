// The Preferences window: alerts per kind, quiet hours, the check interval and probe image (with
// "Check image"), start at login. A value the organization manages is shown disabled, marked "Set
// by your administrator". Save sends only what the user changed; the main process refuses managed
// values, asks in a native dialog before a new probe image, and answers with what changed.

import type { ImageCheck, PreferencesView } from '../../main/ipc/contract';
import { byId, fill, h } from '../common/dom';
import { bridge, errorText } from '../common/eci';

type Change = Partial<{
  alerts: Record<string, boolean>;
  quietHours: { from: string; until: string } | null;
  safetyIntervalMinutes: number;
  probeImage: string;
  startAtLogin: boolean;
}>;

const eci = bridge();
const form = byId<HTMLFormElement>('form');
const alertBox = byId('alert');
const managedNote = byId('managed-note');
const kinds = byId('alert-kinds');
const quietOn = byId<HTMLInputElement>('quiet-on');
const quietFrom = byId<HTMLInputElement>('quiet-from');
const quietUntil = byId<HTMLInputElement>('quiet-until');
const interval = byId<HTMLSelectElement>('interval');
const image = byId<HTMLInputElement>('probe-image');
const checkImage = byId<HTMLButtonElement>('check-image');
const imageStatus = byId('image-status');
const startAtLogin = byId<HTMLInputElement>('start-at-login');
const save = byId<HTMLButtonElement>('save');
const saved = byId('saved');

const MANAGED = 'Set by your administrator';
let view: PreferencesView | null = null;

function showError(message: string | null): void {
  alertBox.hidden = message === null;
  alertBox.textContent = message ?? '';
}

/** Disables a managed control and puts "Set by your administrator" after it (and in its description). */
function markManaged(control: HTMLInputElement | HTMLSelectElement, managed: boolean, after: Element): void {
  control.disabled = managed;
  const id = `${control.id}-managed`;
  document.getElementById(id)?.remove();
  if (!managed) return;
  after.after(h('span', { id, class: 'managed' }, MANAGED));
  const described = control.getAttribute('aria-describedby') ?? '';
  if (!described.split(' ').includes(id)) control.setAttribute('aria-describedby', `${described} ${id}`.trim());
}

function render(v: PreferencesView): void {
  view = v;
  const m = new Set(v.managed);
  managedNote.hidden = m.size === 0;
  managedNote.textContent = m.size
    ? `Some settings are set by your administrator (${v.managedSource ?? 'managed preferences'}) and cannot be changed here.`
    : '';
  fill(
    kinds,
    v.alerts.map((a) => {
      const box = h('input', { type: 'checkbox', id: `alert-${a.kind}`, 'data-kind': a.kind });
      box.checked = a.on;
      const label = h('label', { for: box.id }, a.label);
      const row = h('div', { class: 'choice' }, box, label);
      markManaged(box, a.managed, label);
      return row;
    }),
  );
  quietOn.checked = v.quietHours !== null;
  if (v.quietHours) {
    quietFrom.value = v.quietHours.from;
    quietUntil.value = v.quietHours.until;
  }
  markManaged(quietOn, m.has('quietHours'), byId('quiet-on').nextElementSibling!);
  quietTimesFollow();
  fill(
    interval,
    v.intervalChoices.map((c) => h('option', { value: c.minutes }, c.label)),
  );
  interval.value = String(v.safetyIntervalMinutes);
  markManaged(interval, m.has('safetyIntervalMinutes'), interval);
  image.value = v.probeImage;
  markManaged(image, m.has('probeImage'), checkImage);
  startAtLogin.checked = v.startAtLogin;
  markManaged(startAtLogin, m.has('startAtLogin'), startAtLogin.nextElementSibling!);
  form.setAttribute('aria-busy', 'false');
}

/** The times only count while quiet hours are on (and the admin does not set them). */
function quietTimesFollow(): void {
  const off = !quietOn.checked || quietOn.disabled;
  quietFrom.disabled = off;
  quietUntil.disabled = off;
}

/** What the user changed, leaving out every managed value. */
function changes(v: PreferencesView): Change | string {
  const c: Change = {};
  const alerts: Record<string, boolean> = {};
  for (const a of v.alerts) {
    const on = byId<HTMLInputElement>(`alert-${a.kind}`).checked;
    if (!a.managed && on !== a.on) alerts[a.kind] = on;
  }
  if (Object.keys(alerts).length) c.alerts = alerts;
  if (!quietOn.disabled) {
    if (quietOn.checked && (!quietFrom.value || !quietUntil.value || quietFrom.value === quietUntil.value))
      return 'Quiet hours need a start and an end time that differ.';
    const q = quietOn.checked ? { from: quietFrom.value, until: quietUntil.value } : null;
    if (JSON.stringify(q) !== JSON.stringify(v.quietHours)) c.quietHours = q;
  }
  const minutes = Number(interval.value);
  if (!interval.disabled && minutes !== v.safetyIntervalMinutes) c.safetyIntervalMinutes = minutes;
  const img = image.value.trim();
  if (!image.disabled && img !== v.probeImage) {
    if (!img || /\s/.test(img)) return 'The probe image is one name, like alpine:latest, with no spaces.';
    c.probeImage = img;
  }
  if (!startAtLogin.disabled && startAtLogin.checked !== v.startAtLogin) c.startAtLogin = startAtLogin.checked;
  return c;
}

function showSaved(title: string, lines: string[]): void {
  fill(saved, h('p', {}, title), lines.length ? h('ul', {}, ...lines.map((l) => h('li', {}, l))) : null);
}

async function onSave(event: Event): Promise<void> {
  event.preventDefault();
  if (!view) return;
  showError(null);
  const c = changes(view);
  if (typeof c === 'string') return showError(c);
  if (!Object.keys(c).length) return showSaved('Nothing to save: no setting was changed.', []);
  save.disabled = true;
  try {
    const r = await eci.invoke('preferences:set', c);
    if (!r.saved) return showSaved(`Not saved. ${r.message}`, []);
    render(r.view);
    showSaved(r.changes.length ? 'Saved:' : 'Saved: nothing changed.', r.changes);
  } catch (err) {
    showError(errorText(err));
  } finally {
    save.disabled = false;
  }
}

function imageCheckShown(r: ImageCheck): void {
  imageStatus.className = `small ${r.pullable ? 'tone-ok' : 'tone-bad'}`;
  imageStatus.textContent = r.message;
}

async function onCheckImage(): Promise<void> {
  const name = image.value.trim();
  if (!name || /\s/.test(name)) {
    imageStatus.className = 'small tone-bad';
    imageStatus.textContent = 'Type an image name first, like alpine:latest.';
    return;
  }
  checkImage.disabled = true;
  imageStatus.className = 'small';
  imageStatus.textContent = `Checking that ${name} can be downloaded…`;
  try {
    imageCheckShown(await eci.invoke('preferences:check-image', { image: name }));
  } catch (err) {
    imageStatus.className = 'small tone-bad';
    imageStatus.textContent = errorText(err);
  } finally {
    checkImage.disabled = false;
  }
}

form.addEventListener('submit', (e) => void onSave(e));
quietOn.addEventListener('change', quietTimesFollow);
checkImage.addEventListener('click', () => void onCheckImage());
image.addEventListener('input', () => {
  imageStatus.textContent = '';
});
byId('revert').addEventListener('click', () => {
  showError(null);
  fill(saved);
  if (view) render(view);
});

eci
  .invoke('preferences:get')
  .then(render)
  .catch((err: unknown) => showError(`The preferences could not be read: ${errorText(err)}`));
