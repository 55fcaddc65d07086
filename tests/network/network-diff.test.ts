// The plan network apply prints is the difference of two exports; objects are told apart by their names,
// never by a joined form of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NetworkFile } from '../../generated/network-schema.js';
import { diffNetworks } from '../../src/network/network-diff.js';

const withZone = (plan: string, zone: string): NetworkFile => ({
  version: 1,
  channels: [{ id: 'one', name: 'One', number: '2', plans: [{ name: plan, zones: [{ name: zone, start: '06:00', end: '12:00', items: ['synthetic:Card'] }] }] }],
});

test('a plan "a/b" holding zone "c" is another object than plan "a" holding zone "b/c"', () => {
  const changes = diffNetworks(withZone('a/b', 'c'), withZone('a', 'b/c')).map((c) => `${c.action} ${c.kind} ${c.path.join(' | ')}`);
  assert.deepEqual(changes, ['create schedule-plan one | a', 'create zone one | a | b/c', 'delete zone one | a/b | c', 'delete schedule-plan one | a/b']);
});

test('an unchanged network has no change; a changed field is reported from → to', () => {
  assert.deepEqual(diffNetworks(withZone('p', 'z'), withZone('p', 'z')), []);
  const renamed: NetworkFile = { version: 1, channels: [{ id: 'one', name: 'Uno', number: '2' }] };
  const before: NetworkFile = { version: 1, channels: [{ id: 'one', name: 'One', number: '2' }] };
  assert.deepEqual(diffNetworks(before, renamed), [{ action: 'update', kind: 'channel', name: 'one', path: ['one'], fields: [{ field: 'name', from: 'One', to: 'Uno' }] }]);
});
