import { EntitySchema } from '@mikro-orm/core';

/**
 * One sign-in throttling counter (see throttle.ts): attempts counted within a window that ends at `expiresAt`.
 * Not tenant-owned: attempts are counted before anyone is known to belong to a municipality. The key is a
 * hash (of the login and/or the client address), so the table holds neither logins nor addresses, and its
 * length is bounded whatever a client sends.
 */
export class ThrottleCounter {
  key!: string;
  points!: number;
  /** Epoch milliseconds; null = never expires (not used by the hub, allowed by the limiter library). */
  expiresAt!: string | null;
}

export const ThrottleCounterSchema = new EntitySchema<ThrottleCounter>({
  class: ThrottleCounter,
  tableName: 'sign_in_throttle',
  properties: {
    key: { type: 'string', length: 100, primary: true, fieldName: 'throttle_key' },
    points: { type: 'integer' },
    expiresAt: { type: 'bigint', nullable: true, index: true },
  },
});
