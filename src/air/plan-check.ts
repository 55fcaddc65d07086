// Checks that JSON read from stdin really is a PlayoutPlan (or its segments and directives) before the
// engine acts on it: one clear message naming the first bad field. Pure.
import { parseFrameRate, channelLayoutOf } from '../media/ffmpeg-format.js';
import type { FilterDirective, OutputProfile, PlayoutPlan, PlayoutSegment } from '../plugins/playout-plan.js';
import { syntheticKinds } from '../plugins/playlog-event.js';

export class PlanError extends Error {
  override readonly name = 'PlanError';
}

type Json = Record<string, unknown>;

const MAX_SIZE = 7680;
const DAY_MS = 86_400_000;

export function checkPlan(value: unknown): PlayoutPlan {
  const plan = object(value, 'plan');
  text(plan['channelId'], 'plan.channelId');
  checkProfile(plan['profile']);
  int(plan['builtAtMs'], 'plan.builtAtMs', 0);
  checkSegments(plan['segments'], 'plan.segments');
  checkDirectives(plan['directives'], 'plan.directives');
  return value as PlayoutPlan;
}

export function checkProfile(value: unknown): OutputProfile {
  const p = object(value, 'plan.profile');
  text(p['name'], 'profile.name');
  int(p['width'], 'profile.width', 16, MAX_SIZE);
  int(p['height'], 'profile.height', 16, MAX_SIZE);
  if (Number(p['width']) % 2 !== 0 || Number(p['height']) % 2 !== 0) throw new PlanError('profile.width and profile.height must be even (4:2:0 video)');
  guard(() => parseFrameRate(text(p['frameRate'], 'profile.frameRate')), 'profile.frameRate');
  if (![32000, 44100, 48000].includes(Number(p['audioSampleRate']))) throw new PlanError('profile.audioSampleRate must be 32000, 44100 or 48000');
  guard(() => channelLayoutOf(int(p['audioChannels'], 'profile.audioChannels', 1, 6)), 'profile.audioChannels');
  int(p['videoBitrateKbps'], 'profile.videoBitrateKbps', 100, 100_000);
  int(p['audioBitrateKbps'], 'profile.audioBitrateKbps', 32, 512);
  return value as OutputProfile;
}

export function checkSegments(value: unknown, where: string): readonly PlayoutSegment[] {
  if (!Array.isArray(value)) throw new PlanError(`${where} must be an array`);
  value.forEach((segment: unknown, i) => checkSegment(segment, `${where}[${i}]`));
  return value as PlayoutSegment[];
}

function checkSegment(value: unknown, where: string): void {
  const s = object(value, where);
  int(s['inPointMs'], `${where}.inPointMs`, 0);
  int(s['durationMs'], `${where}.durationMs`, 1, 7 * DAY_MS);
  int(s['startsAtMs'], `${where}.startsAtMs`, 0);
  if (s['playlogEventId'] !== null) text(s['playlogEventId'], `${where}.playlogEventId`);
  if (typeof s['title'] !== 'string') throw new PlanError(`${where}.title must be a string`);
  const t = object(s['transitionIn'], `${where}.transitionIn`);
  if (t['kind'] === 'fade') int(t['durationMs'], `${where}.transitionIn.durationMs`, 0, 10_000);
  else if (t['kind'] !== 'cut') throw new PlanError(`${where}.transitionIn.kind must be "cut" or "fade"`);
  checkSource(object(s['source'], `${where}.source`), `${where}.source`);
}

function checkSource(source: Json, where: string): void {
  switch (source['kind']) {
    case 'asset':
      text(source['assetId'], `${where}.assetId`);
      text(source['path'], `${where}.path`);
      if (source['rendition'] !== undefined) {
        const r = object(source['rendition'], `${where}.rendition`);
        text(r['path'], `${where}.rendition.path`);
        text(r['profile'], `${where}.rendition.profile`);
        int(r['sourceSizeBytes'], `${where}.rendition.sourceSizeBytes`, 0);
        int(r['sourceMtimeMs'], `${where}.rendition.sourceMtimeMs`, Number.MIN_SAFE_INTEGER);
        if (r['treatmentKey'] !== undefined) text(r['treatmentKey'], `${where}.rendition.treatmentKey`);
      }
      if (source['treatment'] !== undefined) checkTreatment(object(source['treatment'], `${where}.treatment`), `${where}.treatment`);
      return;
    case 'synthetic':
      if (!syntheticKinds.includes(source['synthetic'] as never)) throw new PlanError(`${where}.synthetic must be one of ${syntheticKinds.join(', ')}`);
      if (source['text'] !== undefined && typeof source['text'] !== 'string') throw new PlanError(`${where}.text must be a string`);
      return;
    case 'unavailable':
      text(source['assetId'], `${where}.assetId`);
      if (typeof source['reason'] !== 'string') throw new PlanError(`${where}.reason must be a string`);
      return;
    default:
      throw new PlanError(`${where}.kind must be "asset", "synthetic" or "unavailable"`);
  }
}

/** A treatment reaches ffmpeg's arguments: every field is checked, none passed on unread. */
function checkTreatment(t: Json, where: string): void {
  if (t['audioStream'] !== undefined) int(t['audioStream'], `${where}.audioStream`, 0, 255);
  if (t['toneMap'] !== undefined && t['toneMap'] !== 'pq' && t['toneMap'] !== 'hlg') throw new PlanError(`${where}.toneMap must be "pq" or "hlg"`);
  if (t['loudness'] !== undefined) {
    const l = object(t['loudness'], `${where}.loudness`);
    num(l['gainDb'], `${where}.loudness.gainDb`, -60, 60);
    num(l['ceilingDbtp'], `${where}.loudness.ceilingDbtp`, -20, 0);
    if (l['limit'] !== undefined && l['limit'] !== true) throw new PlanError(`${where}.loudness.limit must be true when given`);
  }
  if (t['subtitles'] === undefined) return;
  const s = object(t['subtitles'], `${where}.subtitles`);
  if (s['kind'] === 'external') text(s['path'], `${where}.subtitles.path`);
  else if (s['kind'] === 'embedded') {
    int(s['index'], `${where}.subtitles.index`, 0, 255);
    if (s['format'] !== 'text' && s['format'] !== 'image') throw new PlanError(`${where}.subtitles.format must be "text" or "image"`);
  } else throw new PlanError(`${where}.subtitles.kind must be "embedded" or "external"`);
}

export function checkDirectives(value: unknown, where: string): readonly FilterDirective[] {
  if (!Array.isArray(value)) throw new PlanError(`${where} must be an array`);
  value.forEach((directive: unknown, i) => checkDirective(directive, `${where}[${i}]`));
  return value as FilterDirective[];
}

function checkDirective(value: unknown, where: string): void {
  const d = object(value, where);
  if (d['fromMs'] !== undefined) int(d['fromMs'], `${where}.fromMs`, 0);
  if (d['toMs'] !== undefined) int(d['toMs'], `${where}.toMs`, 0);
  switch (d['kind']) {
    case 'image-overlay':
      text(d['imagePath'], `${where}.imagePath`);
      if (!['top-left', 'top-right', 'bottom-left', 'bottom-right'].includes(d['corner'] as string)) {
        throw new PlanError(`${where}.corner must be top-left, top-right, bottom-left or bottom-right`);
      }
      num(d['opacity'], `${where}.opacity`, 0, 1);
      num(d['marginPx'], `${where}.marginPx`, 0, MAX_SIZE);
      return;
    case 'lower-third':
      text(d['text'], `${where}.text`);
      return;
    case 'crawl':
      text(d['text'], `${where}.text`);
      num(d['speedPxPerSecond'], `${where}.speedPxPerSecond`, 1, 10_000);
      return;
    case 'vhs':
      num(d['noise'], `${where}.noise`, 0, 100);
      num(d['chromaShiftPx'], `${where}.chromaShiftPx`, 0, 64);
      num(d['blur'], `${where}.blur`, 0, 20);
      if (typeof d['scanlines'] !== 'boolean') throw new PlanError(`${where}.scanlines must be true or false`);
      return;
    default:
      throw new PlanError(`${where}.kind must be image-overlay, lower-third, crawl or vhs`);
  }
}

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PlanError(`${where} must be an object`);
  return value as Json;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new PlanError(`${where} must be a non-empty string`);
  if (value.includes('\u0000')) throw new PlanError(`${where} must not contain a NUL character`);
  return value;
}

function int(value: unknown, where: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new PlanError(`${where} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function num(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new PlanError(`${where} must be a number from ${min} to ${max}`);
  }
  return value;
}

function guard(check: () => unknown, where: string): void {
  try {
    check();
  } catch (error) {
    throw new PlanError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
