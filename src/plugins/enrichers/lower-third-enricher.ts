// The `lower-third` playout enricher: "Up next: …" over the end of each program, naming the program that
// follows it in the playlog. A program is a run of events sharing a ScheduleDay slot; it ends with its last
// program event (the break after it is not part of the countdown).
import type { PlayoutEnricher } from '../enricher.js';
import type { PlaylogEvent } from '../playlog-event.js';
import type { FilterDirective } from '../playout-plan.js';

export interface LowerThirdConfig {
  /** How long before a program ends the lower third appears (ms; default 120000). */
  readonly before_end_ms?: number;
  /** How long it stays (ms; default 15000; never past the program's end). */
  readonly duration_ms?: number;
  /** The text; `{title}` becomes the next program's title. Default "Up next: {title}". */
  readonly template?: string;
}

interface Program {
  readonly key: string;
  readonly title: string;
  /** End of its last program event. */
  readonly endMs: number;
}

export const lowerThirdEnricher: PlayoutEnricher<LowerThirdConfig> = {
  type: 'lower-third',
  kind: 'playout',
  description: 'Shows "Up next: <title>" for a while before each program ends, from the playlog',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      before_end_ms: { type: 'integer', minimum: 1000, maximum: 3_600_000 },
      duration_ms: { type: 'integer', minimum: 1000, maximum: 600_000 },
      template: { type: 'string', minLength: 1, maxLength: 200 },
    },
  },
  decorate(plan, config, context) {
    const last = plan.segments.at(-1);
    const first = plan.segments[0];
    if (first === undefined || last === undefined) return plan;
    const beforeEnd = config.before_end_ms ?? 120_000;
    const duration = config.duration_ms ?? 15_000;
    const template = config.template ?? 'Up next: {title}';
    const planEnd = last.startsAtMs + last.durationMs;
    const programs = programsOf(context.playlog);
    const added: FilterDirective[] = [];
    programs.forEach((program, i) => {
      const next = programs[i + 1];
      if (next === undefined) return;
      const fromMs = program.endMs - beforeEnd;
      const toMs = Math.min(program.endMs, fromMs + duration);
      if (toMs <= first.startsAtMs || fromMs >= planEnd) return;
      added.push({ kind: 'lower-third', text: template.replaceAll('{title}', next.title), fromMs: Math.max(0, fromMs), toMs });
    });
    return added.length === 0 ? plan : { ...plan, directives: [...plan.directives, ...added] };
  },
};

/** The programs of a playlog in order: consecutive events of one slot (or one title, without slots). */
function programsOf(events: readonly PlaylogEvent[]): Program[] {
  const programs: Program[] = [];
  let current: { key: string; title: string; endMs: number | undefined } | undefined;
  const close = () => {
    if (current?.endMs !== undefined) programs.push({ key: current.key, title: current.title, endMs: current.endMs });
  };
  for (const event of events) {
    const key = event.slotId ?? `title:${event.title}`;
    if (current?.key !== key) {
      close();
      current = { key, title: event.title, endMs: undefined };
    }
    if (event.role === 'program') current.endMs = event.endMs;
  }
  close();
  return programs;
}
