/**
 * @hub/isds-fake: a local ISDS (informační systém datových schránek) for tests and the demo. Test tooling, not
 * product code: see README.md for what it models faithfully and what it simplifies.
 */
export { startLocalIsds } from './server';
export type { LocalIsds, LocalIsdsOptions, InjectInput, RequestLogEntry, FailureKind } from './server';
export type { LocalBox, BoxType, LocalFile, FileMetaType, MessageSnapshot, MessageEvent } from './store';
export { DEFAULT_PASSWORD, LIMITS, FICTION_MS, CODES, SENDER_TYPE, isBoxId } from './store';
export type { LocalIsdsPki } from './zfo';
export { generatePki } from './zfo';
export { demoBoxes, DEMO_CITIZEN_BOXES, DEMO_OTHER_BOXES } from './demo';
export { NS } from './xml';
export { SCHEMA_DIR } from './validate';
export { loadOrCreatePki, loadPki } from './pki-files';
