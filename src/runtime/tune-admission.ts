// The first steps of every tune-in route (/channel/{id}.ts, /auto/v…, /channel/{id}.m3u8): the plan check
// decides the status; a HEAD then answers what a GET would get (a free tuner or the 805 refusal), starting
// nothing. Only a GET that passes goes on, with the checked plan.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { PlayoutPlan } from '../plugins/playout-plan.js';
import { sendFailure } from './http-replies.js';
import { asTuneFailure, type TuneFailure } from './plan-source.js';

export interface TuneAdmission {
  /** The plan at now, or a thrown TuneFailure (shared by concurrent tune-ins: TuneChecks). */
  readonly check: (channelId: string) => Promise<PlayoutPlan>;
  /** The 805 refusal when no tuner is free for the channel; undefined when one is. */
  readonly tunerRefusal: (channelId: string) => TuneFailure | undefined;
}

/** The checked plan for a GET to go on with; undefined once the request has been answered (a failure, or a HEAD). */
export async function admitTune(req: IncomingMessage, res: ServerResponse, channelId: string, admission: TuneAdmission, headHeaders: OutgoingHttpHeaders): Promise<PlayoutPlan | undefined> {
  let checked: PlayoutPlan;
  try {
    checked = await admission.check(channelId);
  } catch (error) {
    sendFailure(res, req, asTuneFailure(error, channelId));
    return undefined;
  }
  if (req.method !== 'HEAD') return checked;
  const refused = admission.tunerRefusal(channelId);
  if (refused === undefined) res.writeHead(200, headHeaders).end();
  else sendFailure(res, req, refused);
  return undefined;
}
