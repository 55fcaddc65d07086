// The named output profiles a channel's plans (and asset renditions) can use. A plan carries its profile in
// full; a rendition records the profile's name, and AIR copies it only into a plan of that same profile.
import { defaultOutputProfile, type OutputProfile } from './playout-plan.js';

// 4:3 SD, 16:9 SD (854 is the even width nearest 480 x 16/9) and HD at 25 and 29.97 fps. A source of another
// shape is fitted inside and padded black (see normalizeVideo): letterboxed or pillarboxed, never stretched.
// No -level is set (see encodeArgs): x264 picks one that fits the size, 4.0 at 1080p.
export const outputProfiles: readonly OutputProfile[] = [
  defaultOutputProfile,
  { name: 'sd-576p25', width: 720, height: 576, frameRate: '25', audioSampleRate: 48000, audioChannels: 2, videoBitrateKbps: 1800, audioBitrateKbps: 128 },
  { name: 'wide-480p30', width: 854, height: 480, frameRate: '30000/1001', audioSampleRate: 48000, audioChannels: 2, videoBitrateKbps: 1800, audioBitrateKbps: 128 },
  { name: 'wide-480p25', width: 854, height: 480, frameRate: '25', audioSampleRate: 48000, audioChannels: 2, videoBitrateKbps: 1800, audioBitrateKbps: 128 },
  { name: 'hd-720p30', width: 1280, height: 720, frameRate: '30000/1001', audioSampleRate: 48000, audioChannels: 2, videoBitrateKbps: 3500, audioBitrateKbps: 160 },
  { name: 'hd-720p25', width: 1280, height: 720, frameRate: '25', audioSampleRate: 48000, audioChannels: 2, videoBitrateKbps: 3500, audioBitrateKbps: 160 },
  { name: 'hd-1080p30', width: 1920, height: 1080, frameRate: '30000/1001', audioSampleRate: 48000, audioChannels: 2, videoBitrateKbps: 7000, audioBitrateKbps: 192 },
  { name: 'hd-1080p25', width: 1920, height: 1080, frameRate: '25', audioSampleRate: 48000, audioChannels: 2, videoBitrateKbps: 6000, audioBitrateKbps: 192 },
];

export const outputProfileNames: readonly string[] = outputProfiles.map((p) => p.name);

/** The profile named `name`, or undefined. */
export function findOutputProfile(name: string): OutputProfile | undefined {
  return outputProfiles.find((p) => p.name === name);
}
