import { metricsRegistry, startJobTimer } from '@hub/kit';
import { Counter, Gauge, Histogram } from 'prom-client';

/**
 * The connector's Prometheus metrics (README, "Metrics"), per box: its id is public (the ISDS directory lists it), so
 * it can be a label; 33 municipalities keep the series few. No message content, no credentials.
 */
const lastSuccess = new Gauge({
  name: 'hub_isds_last_successful_poll_timestamp_seconds',
  help: 'When a round of the data-box connector last succeeded for the box (Unix seconds)',
  labelNames: ['box'] as const,
  registers: [metricsRegistry],
});
const backlog = new Gauge({
  name: 'hub_isds_backlog_messages',
  help: 'Received messages listed but not yet registered and marked downloaded',
  labelNames: ['box'] as const,
  registers: [metricsRegistry],
});
const failures = new Counter({
  name: 'hub_isds_failures_total',
  help: 'Failed connector rounds by why (UNAVAILABLE, THROTTLED, UNAUTHORIZED, PROTOCOL, error)',
  labelNames: ['box', 'kind'] as const,
  registers: [metricsRegistry],
});
const messages = new Counter({
  name: 'hub_isds_messages_total',
  help: 'Messages taken in (received), sent, and set aside (failed) by the connector',
  labelNames: ['direction'] as const,
  registers: [metricsRegistry],
});
const requests = new Histogram({
  name: 'hub_isds_request_duration_seconds',
  help: 'ISDS requests by operation and outcome (ok, unavailable, throttled, unauthorized, refused, protocol)',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [metricsRegistry],
});

export const boxMetrics = {
  request: (_box: string, operation: string, outcome: string, seconds: number) =>
    requests.observe({ operation, outcome }, seconds),
  polled: (box: string, at: Date) => lastSuccess.set({ box }, Math.floor(at.getTime() / 1000)),
  roundFailed: (box: string, kind: string) => failures.inc({ box, kind }),
  backlog: (box: string, n: number) => backlog.set({ box }, n),
  received: (_box: string) => messages.inc({ direction: 'received' }),
  sent: (_municipalityId: string) => messages.inc({ direction: 'sent' }),
  messageFailed: (_municipalityId: string) => messages.inc({ direction: 'received_failed' }),
  sendFailed: (_municipalityId: string, _code: string) => messages.inc({ direction: 'sent_failed' }),
  /** A round as a background job (`hub_job_duration_seconds{job="data-box"}`). */
  roundTimer: () => startJobTimer('filing', 'data-box'),
};
