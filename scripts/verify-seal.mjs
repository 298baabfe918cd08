#!/usr/bin/env node
// Verifies the seal of a daily rendition of the transaction log offline, with node:crypto only:
//
//   node scripts/verify-seal.mjs <rendition.xml> <signature.b64 | -> <public.pem>
//
// - rendition.xml: the file as downloaded (GET /exports/audit-log-rendition.xml?id=…), byte for byte;
// - signature: a file with the base64 signature (the `x-hub-seal-signature` header, or `signature` of
//   `auditLogRenditions`), or `-` to read it from standard input;
// - public.pem: the platform's public key (`auditLogSealKey { publicKeyPem }`), SPKI PEM.
//
// Prints VALID (exit 0) or INVALID (exit 1), with the key id; exit 2 for a usage or I/O error.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

function usage(message) {
  if (message) console.error(`verify-seal: ${message}`);
  console.error('usage: node scripts/verify-seal.mjs <rendition.xml> <signature.b64 | -> <public.pem>');
  process.exit(2);
}

const [xmlFile, signatureArg, keyFile] = process.argv.slice(2);
if (!xmlFile || !signatureArg || !keyFile || process.argv.length > 5) usage();

let xml, signature, key;
try {
  xml = readFileSync(xmlFile);
  signature = (signatureArg === '-' ? readFileSync(0, 'utf8') : readFileSync(signatureArg, 'utf8')).trim();
  key = createPublicKey(readFileSync(keyFile, 'utf8'));
} catch (e) {
  usage(e.message);
}
if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) {
  console.log('INVALID: the signature is not base64');
  process.exit(1);
}
const keyId = createHash('sha256')
  .update(key.export({ type: 'spki', format: 'der' }))
  .digest('hex')
  .slice(0, 16);
if (key.asymmetricKeyType !== 'ed25519') usage(`the public key is ${key.asymmetricKeyType}, expected Ed25519`);

let valid;
try {
  valid = verify(null, xml, key, Buffer.from(signature, 'base64'));
} catch {
  valid = false;
}
const sha256 = createHash('sha256').update(xml).digest('hex');
if (valid) {
  console.log(`VALID: Ed25519 seal of key ${keyId} over ${xmlFile} (sha256 ${sha256})`);
  process.exit(0);
}
console.log(`INVALID: the seal does not verify with key ${keyId} (sha256 of ${xmlFile}: ${sha256})`);
process.exit(1);
