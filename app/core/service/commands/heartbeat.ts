import type { HeartbeatIn } from '../../../protocol/messages.js';
import { heartbeat } from '../../../protocol/encode.js';
import type { ServiceContext } from '../context.js';
import { metricReport } from '../metrics.js';

/** The platform's Heartbeat resets the watchdog and is answered with our metrics. */
export async function handleHeartbeat(_message: HeartbeatIn, ctx: ServiceContext): Promise<void> {
  ctx.state.heartbeatWatchdog = 0;
  await ctx.publish(heartbeat(metricReport(ctx.state.metrics, ctx.state.registry.size)));
}
