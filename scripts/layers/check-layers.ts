// The layer rules over an import graph: no import points up or sideways between floors, none breaks a
// declared exception, and no files import each other in a cycle. Each problem names the file, the line
// and the rule it breaks.
import { contractTypes, floors, networkSchema, forbidden, generatedFloor, migrationsFloor, renderOrder, renderRooms, rooms } from './layer-order.js';
import type { ImportEdge, ImportGraph } from './import-graph.js';

export interface LayerProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** The folder a file belongs to for the rules: a src/ folder, or the floor generated/ and migrations/ stand on. */
interface Zone {
  readonly folder: string;
  /** Index in `floors`; undefined for an undeclared src/ folder. */
  readonly floor: number | undefined;
  readonly kind: 'src' | 'generated' | 'contract-types' | 'migrations' | 'outside';
}

const floorOf = (folder: string): number | undefined => {
  const index = floors.findIndex((floor) => floor.includes(folder));
  return index < 0 ? undefined : index;
};

function zoneOf(file: string): Zone {
  if (file === contractTypes.file) return { folder: contractTypes.floor, floor: floorOf(contractTypes.floor), kind: 'contract-types' };
  if (file === networkSchema.file) return { folder: networkSchema.floor, floor: floorOf(networkSchema.floor), kind: 'src' };
  const [tree, folder] = file.split('/');
  if (tree === 'generated') return { folder: generatedFloor, floor: floorOf(generatedFloor), kind: 'generated' };
  if (tree === 'migrations') return { folder: migrationsFloor, floor: floorOf(migrationsFloor), kind: 'migrations' };
  if (tree === 'src' && folder !== undefined && file.split('/').length > 2) return { folder, floor: floorOf(folder), kind: 'src' };
  return { folder: tree ?? file, floor: undefined, kind: 'outside' };
}

const describeFloor = (zone: Zone) => `${zone.folder} (floor ${(zone.floor ?? -1) + 1} of ${floors.length})`;

/** The room of a src/ file inside a folder that declares rooms: its index there, or a reason it has none. */
function roomOf(file: string): { readonly name: string; readonly level: number | undefined } | undefined {
  const [, folder, room, rest] = file.split('/');
  const levels = folder === undefined ? undefined : rooms[folder];
  if (levels === undefined || room === undefined) return undefined;
  const level = rest === undefined ? undefined : levels.findIndex((l) => l.includes(room));
  return { name: rest === undefined ? '' : room, level: level === undefined || level < 0 ? undefined : level };
}

/** The rule an import inside one folder breaks between its rooms, if the folder has rooms. */
function roomRuleBroken(edge: ImportEdge & { readonly to: string }, folder: string): string | undefined {
  const from = roomOf(edge.from);
  const to = roomOf(edge.to);
  if (from === undefined || to === undefined) return undefined;
  const describe = (room: { readonly name: string; readonly level: number | undefined }) => `${folder}/${room.name} (room ${(room.level ?? -1) + 1} of ${rooms[folder]?.length})`;
  for (const [file, room] of [[edge.from, from], [edge.to, to]] as const) {
    if (room.level === undefined) {
      return room.name === ''
        ? `${file} lies directly in src/${folder}, in no room; move it into a room (${renderRooms(folder)})`
        : `src/${folder}/${room.name} is not a declared room; add it to scripts/layers/layer-order.ts (${renderRooms(folder)})`;
    }
  }
  if (from.name === to.name) return undefined;
  if ((to.level as number) > (from.level as number)) return `upward import between rooms: ${describe(from)} may not import ${describe(to)}`;
  if (to.level === from.level) return `sibling import between rooms: ${folder}/${from.name} and ${folder}/${to.name} never import each other`;
  return undefined;
}

/** The rule `edge` breaks, if any. */
function ruleBroken(edge: ImportEdge): string | undefined {
  if (edge.to === undefined) return `cannot resolve "${edge.specifier}" to a file`;
  const from = zoneOf(edge.from);
  const to = zoneOf(edge.to);
  if (from.kind === 'outside') return `${edge.from} lies directly in src/, on no floor; move it into a floor's folder`;
  if (from.kind === 'src' && from.floor === undefined) {
    return `src/${from.folder} is not a declared floor; add it to scripts/layers/layer-order.ts (order: ${renderOrder()})`;
  }
  if (to.kind === 'outside') return `imports ${edge.to}, outside src/, generated/ and migrations/; shipped code never reaches into tests, scripts or bench`;
  if (to.kind === 'src' && to.floor === undefined) return `src/${to.folder} is not a declared floor; add it to scripts/layers/layer-order.ts`;
  if (to.kind === 'generated' && from.folder !== generatedFloor) {
    return `only ${generatedFloor} imports generated/ (except \`import type\` from ${contractTypes.file}); ${from.folder} may not`;
  }
  if (to.kind === 'contract-types' && from.kind !== 'contract-types') {
    if (!edge.typeOnly) return `${contractTypes.file} holds types only: use \`import type\``;
    if ((from.floor ?? -1) < (to.floor ?? 0)) return `contract types stand on the ${contractTypes.floor} floor; ${describeFloor(from)} is below it`;
    return undefined;
  }
  const exception = forbidden.find((f) => f.from === from.folder && f.to === to.folder);
  if (exception) return `${exception.from} may not import ${exception.to}: ${exception.why}`;
  if (from.folder === to.folder && from.kind === 'src' && to.kind === 'src') return roomRuleBroken({ ...edge, to: edge.to }, from.folder);
  if (from.folder === to.folder || from.floor === undefined || to.floor === undefined) return undefined;
  if (to.floor > from.floor) return `upward import: ${describeFloor(from)} may not import ${describeFloor(to)}`;
  if (to.floor === from.floor) return `sibling import: ${from.folder} and ${to.folder} share a floor and never import each other`;
  return undefined;
}

/** Files that import each other in a ring (Tarjan's strongly connected components), each as one problem. */
function cycles(graph: ImportGraph): LayerProblem[] {
  const out = new Map<string, ImportEdge[]>();
  for (const edge of graph.edges) if (edge.to !== undefined) out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const edge of out.get(file) ?? []) {
      const next = edge.to as string;
      if (!index.has(next)) {
        connect(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfLoop = (out.get(file) ?? []).some((e) => e.to === file);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  };
  for (const file of graph.files) if (!index.has(file)) connect(file);
  return components.map((component) => ringProblem(component.sort(), out));
}

/** One ring through the component, as file:line hops, blamed on its first hop. */
function ringProblem(component: readonly string[], out: ReadonlyMap<string, ImportEdge[]>): LayerProblem {
  const members = new Set(component);
  const start = component[0] as string;
  const hops: ImportEdge[] = [];
  const seen = new Set<string>();
  let at = start;
  // Walk inside the component until a file repeats; from there the walk is a ring.
  while (!seen.has(at)) {
    seen.add(at);
    const edge = (out.get(at) ?? []).find((e) => e.to !== undefined && members.has(e.to)) as ImportEdge;
    hops.push(edge);
    at = edge.to as string;
  }
  const ring = hops.slice(hops.findIndex((h) => h.from === at));
  const first = ring[0] as ImportEdge;
  const path = ring.map((h) => `${h.from}:${h.line}`).join(' → ');
  return { file: first.from, line: first.line, message: `import cycle: ${path} → ${first.from}; break it by moving what both need into one of them or below both` };
}

export function checkLayers(graph: ImportGraph): LayerProblem[] {
  const problems: LayerProblem[] = [];
  for (const edge of graph.edges) {
    const broken = ruleBroken(edge);
    if (broken !== undefined) problems.push({ file: edge.from, line: edge.line, message: `imports ${edge.to ?? edge.specifier}: ${broken}` });
  }
  return [...problems, ...cycles(graph)];
}
