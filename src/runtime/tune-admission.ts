// The steps of every tune-in route (/channel/{id}.ts, /auto/v…, /channel/{id}.m3u8), cheapest first: a
// tuner (TunerPool), refused at once when none is free so a storm of tune-ins builds no plan; then the plan
// check, which decides the status; then the start, holding that tuner. A HEAD answers what a GET would get
// and starts nothing.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';
import type { PlayoutPlan } from '../plugins/playout-plan.js';
import { sendFailure } from './http-replies.js';
import { asTuneFailure, type TuneFailure, tuneFailureOf } from './plan-source.js';

export interface TuneAdmission {
  /** The plan at now, or a thrown TuneFailure (shared by concurrent tune-ins: TuneChecks). */
  readonly check: (channelId: string) => Promise<PlayoutPlan>;
  /** The 805 refusal when no tuner is free for the channel; undefined when one is. */
  readonly tunerRefusal: (channelId: string) => TuneFailure | undefined;
  /** A tuner for the channel until the release is called, or a thrown 805 TuneFailure (TunerPool.claim). */
  readonly claimTuner: (channelId: string) => Promise<() => void>;
  /** Whether the channel is enabled, so a tuner refusal stays 404 for one that is not (KnownChannels). */
  readonly known: (channelId: string) => Promise<boolean>;
  readonly log: Logger;
}

/**
 * Runs `start` (a ChannelManager's join) with the checked plan, holding a tuner, and resolves with its
 * result; undefined once the request has been answered instead (a refusal, a failed check or start, a HEAD).
 */
export async function admitTune<T>(
  req: IncomingMessage, res: ServerResponse, channelId: string, admission: TuneAdmission, headHeaders: OutgoingHttpHeaders,
  start: (checked: PlayoutPlan) => Promise<T>,
): Promise<T | undefined> {
  if (req.method === 'HEAD') return answerHead(req, res, channelId, admission, headHeaders);
  let release: () => void;
  try {
    release = await admission.claimTuner(channelId);
  } catch (error) {
    sendFailure(res, req, await unlessUnknown(asTuneFailure(error, channelId), channelId, admission));
    return undefined;
  }
  try {
    const checked = await checkedPlan(req, res, channelId, admission);
    if (checked === undefined) return undefined;
    return await start(checked);
  } catch (error) {
    const failure = asTuneFailure(error, channelId);
    admission.log.warn({ channel: channelId, status: failure.status }, failure.message);
    sendFailure(res, req, failure);
    return undefined;
  } finally {
    release();
  }
}

async function answerHead(req: IncomingMessage, res: ServerResponse, channelId: string, admission: TuneAdmission, headHeaders: OutgoingHttpHeaders): Promise<undefined> {
  const refused = admission.tunerRefusal(channelId);
  if (refused !== undefined) sendFailure(res, req, await unlessUnknown(refused, channelId, admission));
  else if ((await checkedPlan(req, res, channelId, admission)) !== undefined) res.writeHead(200, headHeaders).end();
  return undefined;
}

/** A tuner refusal of a channel that is not enabled is the 404 its plan check would have given. */
async function unlessUnknown(failure: TuneFailure, channelId: string, admission: TuneAdmission): Promise<TuneFailure> {
  if (failure.code !== 'all_tuners_in_use' || (await admission.known(channelId))) return failure;
  return tuneFailureOf({ kind: 'unknown-channel', message: `channel "${channelId}" does not exist or is disabled; see retrovue channel list` });
}

/** The plan at now; undefined once the failed check has been answered. */
async function checkedPlan(req: IncomingMessage, res: ServerResponse, channelId: string, admission: TuneAdmission): Promise<PlayoutPlan | undefined> {
  try {
    return await admission.check(channelId);
  } catch (error) {
    sendFailure(res, req, asTuneFailure(error, channelId));
    return undefined;
  }
}
