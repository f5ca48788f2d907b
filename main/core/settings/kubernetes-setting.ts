// Whether Kubernetes is on in Docker Desktop's settings: what corroborates that a container
// labelled as Kubernetes is Desktop's (desktop-owned.ts). admin-settings.json `kubernetes.enabled`
// (locked: it wins; unlocked: only a default), the user's `KubernetesEnabled` (settings-store.json)
// or `kubernetesEnabled` (settings.json); keys read case-insensitively, as Desktop does. Pure.

import { findKey } from './json-lookup';
import type { JsonNode } from './json-parse';

const bool = (node: JsonNode | undefined): boolean | null => (node?.kind === 'boolean' ? node.value : null);

/** true or false when the settings say; null when they cannot be read or do not say. */
export function kubernetesEnabledFrom(admin: JsonNode | null, user: JsonNode | null): boolean | null {
  const section = admin ? findKey(admin, 'kubernetes')?.value : undefined;
  const adminValue = section ? bool(findKey(section, 'enabled')?.value) : null;
  const locked = section ? bool(findKey(section, 'locked')?.value) === true : false;
  if (locked && adminValue !== null) return adminValue;
  const userValue = user ? bool(findKey(user, 'KubernetesEnabled')?.value) : null;
  return userValue ?? adminValue;
}
