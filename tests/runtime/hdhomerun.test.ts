// The HDHomeRun pieces that need no server: device ids libhdhomerun accepts, discovery packets as
// libhdhomerun frames them, and the tuner pool's one check (two tune-ins racing for the last tuner).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { deviceIdFrom, newTunerDevice, validDeviceId } from '../../src/runtime/hdhomerun/device-identity.js';
import { discoverMatches, discoverReplyPacket, discoverRequestPacket, parseDiscoverRequest } from '../../src/runtime/hdhomerun/discover-packet.js';
import { TuneFailure } from '../../src/runtime/plan-source.js';
import { TunerPool } from '../../src/runtime/tuner-pool.js';
import { libhdhomerunAccepts } from '../support/libhdhomerun.js';

test('every device id made from 28 bits carries the check digit libhdhomerun verifies, and one changed digit breaks it', () => {
  for (const bits of [0, 0x1234567, 0x0fffffff, 0x1a2b3c4]) assert.ok(libhdhomerunAccepts(deviceIdFrom(bits)), deviceIdFrom(bits));
  for (let i = 0; i < 5; i++) {
    const { deviceId } = newTunerDevice();
    assert.ok(libhdhomerunAccepts(deviceId), deviceId);
    assert.ok(validDeviceId(deviceId));
  }
  fc.assert(fc.property(fc.integer({ min: 0, max: 0x0fffffff }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 15 }), (bits, digit, delta) => {
    const id = deviceIdFrom(bits);
    const changed = id.slice(0, digit) + ((Number.parseInt(id[digit] as string, 16) + delta) % 16).toString(16).toUpperCase() + id.slice(digit + 1);
    return validDeviceId(id) && !validDeviceId(changed);
  }));
});

test('a discover request as Jellyfin and libhdhomerun send it parses; a corrupted one (bad CRC) is ignored; a reply carries its TLVs', () => {
  const jellyfin = Buffer.from([0, 2, 0, 12, 1, 4, 255, 255, 255, 255, 2, 4, 255, 255, 255, 255, 115, 204, 125, 143]);
  assert.deepEqual(discoverRequestPacket(0xffffffff), jellyfin);
  const request = parseDiscoverRequest(jellyfin);
  assert.deepEqual(request, { deviceType: 0xffffffff, deviceId: 0xffffffff });
  assert.ok(discoverMatches(request, '12345674'));
  assert.equal(discoverMatches({ deviceType: 1, deviceId: 0x12345686 }, '12345674'), false);
  assert.equal(discoverMatches({ deviceType: 5, deviceId: 0xffffffff }, '12345674'), false, 'a storage request');
  const corrupted = Buffer.from(jellyfin);
  corrupted[9] = 0;
  assert.equal(parseDiscoverRequest(corrupted), undefined);
  const reply = discoverReplyPacket({ deviceId: '12345674', tunerCount: 2, deviceAuth: 'a'.repeat(24), baseUrl: 'http://10.0.0.2:8000', lineupUrl: 'http://10.0.0.2:8000/lineup.json' });
  assert.equal(reply.readUInt16BE(0), 3);
  assert.equal(reply.readUInt16BE(2), reply.length - 8);
  assert.ok(reply.includes(Buffer.from('http://10.0.0.2:8000/lineup.json')));
});

test('the tuner pool: the last tuner goes to one of two racing channels, the other gets 805 without starting; the playing channel is always joined', async () => {
  const playing = new Set<string>(['a']);
  const pool = new TunerPool({ count: () => 2, playing: () => [...playing].map((id) => ({ id, lingering: false })), releaseLingering: async () => false });
  const started: string[] = [];
  const start = (id: string) => pool.hold(id, async () => {
    started.push(id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    playing.add(id);
  });
  const [b, c] = await Promise.allSettled([start('b'), start('c')]);
  assert.equal(b.status, 'fulfilled');
  assert.equal(c.status, 'rejected');
  const failure = (c as PromiseRejectedResult).reason as TuneFailure;
  assert.ok(failure instanceof TuneFailure);
  assert.equal(failure.status, 503);
  assert.deepEqual(failure.headers, { 'X-HDHomeRun-Error': '805' });
  assert.deepEqual(started, ['b']);
  await pool.hold('a', async () => undefined);
  assert.equal(pool.available('a'), true);
  assert.equal(pool.available('c'), false);
});
