// What an HDHomeRun HDTC-2US answers on HTTP, as Plex, Jellyfin and Channels DVR read it: discover.json,
// lineup.json, lineup_status.json and the UPnP device.xml. Pure: the channels, the identity, the tuner
// count and the base URL the client reached us by go in, documents come out.
import type { EpgChannel } from '../../scheduling/epg/epg-guide.js';
import type { TunerDevice } from './device-identity.js';

/** The model Jellyfin treats as a transcoding tuner (it then appends ?transcode=<profile> to stream URLs). */
export const MODEL_NUMBER = 'HDTC-2US';
export const FRIENDLY_NAME = 'RetroVue';

export interface DiscoverDocument {
  readonly FriendlyName: string;
  readonly Manufacturer: string;
  readonly ModelNumber: string;
  readonly FirmwareName: string;
  readonly FirmwareVersion: string;
  readonly DeviceID: string;
  readonly DeviceAuth: string;
  readonly BaseURL: string;
  readonly LineupURL: string;
  readonly TunerCount: number;
}

export function discoverDocument(device: TunerDevice, baseUrl: string, tunerCount: number): DiscoverDocument {
  return {
    FriendlyName: FRIENDLY_NAME,
    Manufacturer: 'Silicondust',
    ModelNumber: MODEL_NUMBER,
    FirmwareName: 'hdhomeruntc_atsc',
    FirmwareVersion: '20250506',
    DeviceID: device.deviceId,
    DeviceAuth: device.deviceAuth,
    BaseURL: baseUrl,
    LineupURL: `${baseUrl}/lineup.json`,
    TunerCount: tunerCount,
  };
}

/** The stream URL of a channel on the tuner: its GuideNumber, never a query string. */
export function autoUrl(baseUrl: string, channel: EpgChannel): string {
  return `${baseUrl}/auto/v${encodeURIComponent(channel.number)}`;
}

/**
 * One entry per channel in dial order; codecs as RetroVue's stream carries them (clients skip probing). A real
 * tuner sends no logo; `ImageURL` (the channel's stored logo, when it has one) is extra, for clients that read it.
 */
export function lineupDocument(channels: readonly EpgChannel[], baseUrl: string): ReadonlyArray<Record<string, string>> {
  return channels.map((c) => ({
    GuideNumber: c.number, GuideName: c.name, VideoCodec: 'H264', AudioCodec: 'AAC', URL: autoUrl(baseUrl, c), ...(c.logoUrl ? { ImageURL: c.logoUrl } : {}),
  }));
}

/** A scan finds the lineup at once (it is the channel list), so none is ever in progress. */
export const lineupStatusDocument = { ScanInProgress: 0, ScanPossible: 1, Source: 'Cable', SourceList: ['Cable'] } as const;

/** The UPnP description Plex reads (its SSDP LOCATION on a real device). */
export function deviceXml(device: TunerDevice, baseUrl: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<root xmlns="urn:schemas-upnp-org:device-1-0">',
    `  <URLBase>${baseUrl}</URLBase>`,
    '  <specVersion><major>1</major><minor>0</minor></specVersion>',
    '  <device>',
    '    <deviceType>urn:schemas-upnp-org:device:MediaServer:1</deviceType>',
    `    <friendlyName>${FRIENDLY_NAME}</friendlyName>`,
    '    <manufacturer>Silicondust</manufacturer>',
    `    <modelName>${MODEL_NUMBER}</modelName>`,
    `    <modelNumber>${MODEL_NUMBER}</modelNumber>`,
    `    <serialNumber>${device.deviceId}</serialNumber>`,
    `    <UDN>${device.udn}</UDN>`,
    '  </device>',
    '</root>',
    '',
  ].join('\n');
}
