// `channel update --logo` and what `channel show` says of a logo. A refused file throws, and the command's
// one transaction rolls back whatever else the update had written.
import type { ChannelLogo as ChannelLogoJson } from '../../../generated/contract-types.js';
import type { TransactionContext } from '../../command/command-context.js';
import { readLogo } from './channel-logo.js';
import { type ChannelLogoInfo, channelLogoInfo, clearChannelLogo, setChannelLogo } from './channel-logo-repository.js';

export function logoJson(info: ChannelLogoInfo | undefined): ChannelLogoJson | null {
  return info === undefined ? null : { content_type: info.contentType, bytes: info.size, sha256: info.sha256 };
}

export function logoLine(logo: ChannelLogoJson | null): string {
  return logo === null ? '       logo none (set one with --logo FILE)' : `       logo ${logo.content_type}, ${logo.bytes} bytes`;
}

/** --logo FILE (or a data: URI) stores it, --logo '' removes it, no --logo leaves it; returns the logo after and whether it changed. */
export async function applyLogoOption(ctx: TransactionContext, channelId: string, option: string | undefined): Promise<{ changed: boolean; json: ChannelLogoJson | null }> {
  const before = await channelLogoInfo(ctx.db, channelId);
  if (option === undefined) return { changed: false, json: logoJson(before) };
  if (option === '') return { changed: await clearChannelLogo(ctx.db, channelId), json: null };
  const logo = readLogo(ctx.cwd, option);
  if (before?.sha256 === logo.sha256 && before.contentType === logo.contentType) return { changed: false, json: logoJson(before) };
  await setChannelLogo(ctx.db, channelId, logo, new Date(ctx.clock.now()));
  return { changed: true, json: { content_type: logo.contentType, bytes: logo.bytes.length, sha256: logo.sha256 } };
}
