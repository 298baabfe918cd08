// Metric labels stay bounded whatever clients send (no database).
import { MAX_OPERATION_NAMES, metricsText, operationLabel, timeJob } from './metrics';

describe('metrics', () => {
  it('operation labels: the name, or a fixed word; at most MAX_OPERATION_NAMES names per service', () => {
    expect(operationLabel('t1', 'Me', true)).toBe('Me');
    expect(operationLabel('t1', null, true)).toBe('(anonymous)');
    expect(operationLabel('t1', 'Me', false)).toBe('(invalid)');
    expect(operationLabel('t1', 'not a name"}', true)).toBe('(other)');
    for (let i = 0; i < MAX_OPERATION_NAMES * 2; i++) operationLabel('t2', `Op${i}`, true);
    expect(operationLabel('t2', 'Op1', true)).toBe('Op1');
    expect(operationLabel('t2', 'Fresh', true)).toBe('(other)');
  });

  it('job durations by outcome; the job error passes through', async () => {
    await timeJob('t3', 'demo-job', async () => 1);
    await expect(timeJob('t3', 'demo-job', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const { body } = await metricsText();
    expect(body).toMatch(/hub_job_duration_seconds_count\{service="t3",job="demo-job",outcome="ok"\} 1/);
    expect(body).toMatch(/hub_job_duration_seconds_count\{service="t3",job="demo-job",outcome="error"\} 1/);
  });
});
