// SiliconDust's own library as a client: a few lines of C built once per run against Debian's
// libhdhomerun-dev, finding tuners by unicast discovery to 127.0.0.1 (never a broadcast) with both
// discovery APIs it ships, and checking a device id with hdhomerun_discover_validate_device_id.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const source = String.raw`
#include <stdio.h>
#include <stdlib.h>
#include <libhdhomerun/hdhomerun.h>

int main(int argc, char **argv) {
  if (argc > 1) {
    printf("%d\n", hdhomerun_discover_validate_device_id((uint32_t)strtoul(argv[1], NULL, 16)) ? 1 : 0);
    return 0;
  }
  struct hdhomerun_discover_device_t v2[8];
  int n2 = hdhomerun_discover_find_devices_custom_v2(0x7F000001, HDHOMERUN_DEVICE_TYPE_TUNER, HDHOMERUN_DEVICE_ID_WILDCARD, v2, 8);
  for (int i = 0; i < n2; i++)
    printf("v2 %08X %u %s %s\n", v2[i].device_id, v2[i].tuner_count, v2[i].base_url, v2[i].device_auth);
  struct hdhomerun_discover_device_v3_t v3[8];
  int n3 = hdhomerun_discover_find_devices_custom_v3(0x7F000001, HDHOMERUN_DEVICE_TYPE_TUNER, HDHOMERUN_DEVICE_ID_WILDCARD, v3, 8);
  for (int i = 0; i < n3; i++)
    printf("v3 %08X %u %s %s %s\n", v3[i].device_id, v3[i].tuner_count, v3[i].base_url, v3[i].device_auth, v3[i].lineup_url);
  printf("found %d %d\n", n2, n3);
  return 0;
}
`;

let built: string | undefined;

/** The helper, compiled with `cc … -lhdhomerun` on first use. */
function helper(): string {
  if (built !== undefined) return built;
  const dir = join(tmpdir(), `retrovue-libhdhomerun-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, 'discover');
  if (!existsSync(binary)) {
    writeFileSync(join(dir, 'discover.c'), source);
    execFileSync('cc', ['-o', binary, join(dir, 'discover.c'), '-lhdhomerun'], { stdio: ['ignore', 'pipe', 'pipe'] });
  }
  built = binary;
  return binary;
}

export interface FoundTuner {
  readonly api: 'v2' | 'v3';
  readonly deviceId: string;
  readonly tunerCount: number;
  readonly baseUrl: string;
  readonly deviceAuth: string;
  readonly lineupUrl: string | undefined;
}

/** What libhdhomerun finds at 127.0.0.1 (unicast) with hdhomerun_discover_find_devices_custom_v2 and _v3. */
export async function discoverOnLoopback(): Promise<FoundTuner[]> {
  const { stdout: out } = await promisify(execFile)(helper(), { encoding: 'utf8', timeout: 20_000 });
  return out.split('\n').filter((line) => line.startsWith('v')).map((line) => {
    const [api, deviceId, count, baseUrl, deviceAuth, lineupUrl] = line.split(' ');
    return { api: api as 'v2' | 'v3', deviceId: deviceId ?? '', tunerCount: Number(count), baseUrl: baseUrl ?? '', deviceAuth: deviceAuth ?? '', lineupUrl };
  });
}

/** hdhomerun_discover_validate_device_id. */
export function libhdhomerunAccepts(deviceId: string): boolean {
  return execFileSync(helper(), [deviceId], { encoding: 'utf8' }).trim() === '1';
}
