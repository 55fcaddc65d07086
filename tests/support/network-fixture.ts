// Network files for the `network apply` tests: a folder holding a library of empty collection folders
// (enough for discovery) and the YAML written beside it, so relative paths in the file resolve.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree, type TempTree } from './directory-tree.js';

export interface NetworkFolder extends TempTree {
  /** Writes `yaml` as `name` in the folder and returns its path. */
  write(yaml: string, name?: string): string;
}

/** A folder with lib/Series, lib/Movies, lib/Bumpers, lib/Commercials. */
export function networkFolder(): NetworkFolder {
  const tree = makeTree({ Series: {}, Movies: {}, Bumpers: {}, Commercials: {} });
  return {
    ...tree,
    write(yaml, name = 'network.yaml') {
      const path = join(tree.dir, name);
      writeFileSync(path, yaml);
      return path;
    },
  };
}

/** A small network over that library: one source, a synthetic asset, two programs, two channels. */
export const smallNetwork = `version: 1
sources:
  - name: lib
    type: filesystem
    base-path: lib
    collections:
      - { name: Movies, ingest-enabled: true }
      - { name: Commercials, ingest-enabled: true }
synthetic-assets:
  - { name: Card, kind: test-card, seconds: 600, text: Back soon }
programs:
  - name: Movies
    kind: movie
    play-mode: shuffle
    links: ["collection:lib/Movies"]
  - name: Night
    kind: block
    links: ["synthetic:Card"]
channels:
  - id: one
    name: Channel One
    number: 2
    timezone: UTC
    plans:
      - name: everyday
        zones:
          - { name: day, start: "06:00", end: "24:00", items: ["program:Movies"] }
          - { name: night, start: "00:00", end: "06:00", items: ["program:Night"] }
    interstitials:
      - { collection: lib/Commercials, role: commercial }
  - id: two
    name: Channel Two
    number: 3
    timezone: Europe/London
    grid-block-minutes: 15
    plans:
      - name: weekdays
        days: MON,TUE,WED,THU,FRI
        priority: 1
        zones:
          - { name: all, start: "06:00", end: "06:00", items: ["program:Night"] }
`;
