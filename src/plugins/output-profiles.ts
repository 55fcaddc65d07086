// The named output profiles a channel's plans (and asset renditions) can use. A plan carries its profile in
// full; a rendition records the profile's name, and AIR copies it only into a plan of that same profile.
import { defaultOutputProfile, type OutputProfile } from './playout-plan.js';

export const outputProfiles: readonly OutputProfile[] = [
  defaultOutputProfile,
  { name: 'sd-576p25', width: 720, height: 576, frameRate: '25', audioSampleRate: 48000, audioChannels: 2, videoBitrateKbps: 1800, audioBitrateKbps: 128 },
  { name: 'hd-720p30', width: 1280, height: 720, frameRate: '30000/1001', audioSampleRate: 48000, audioChannels: 2, videoBitrateKbps: 3500, audioBitrateKbps: 160 },
];

export const outputProfileNames: readonly string[] = outputProfiles.map((p) => p.name);

/** The profile named `name`, or undefined. */
export function findOutputProfile(name: string): OutputProfile | undefined {
  return outputProfiles.find((p) => p.name === name);
}
