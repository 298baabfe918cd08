import type { HubORM } from '@hub/kit';
import { DeliveryProof } from '../dispatch/delivery-proof.entity';
import { Component } from './component.entity';
import { Upload } from './upload.entity';

/**
 * Whether any row of any municipality still refers to the blob: a component, a delivery proof or an upload. The store
 * is content-addressed and shared, so identical bytes of two municipalities are one blob; whoever removes bytes (the
 * upload sweep, the erasure of a destroyed entity's components) asks this first and again inside `discard`.
 */
export async function blobInUse(orm: HubORM, key: string): Promise<boolean> {
  const em = orm.em.fork();
  for (const entity of [Component, DeliveryProof, Upload] as const) {
    if ((await em.count(entity, { blobKey: key }, { filters: false })) > 0) return true;
  }
  return false;
}
