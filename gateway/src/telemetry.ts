// Imported first by every gateway entry point, before anything loads `@apollo/gateway`: since 2.14 the
// gateway starts an OTLP metrics exporter to an internet host (and runs cloud metadata detectors) unless
// this is set. The hub talks to loopback only, so telemetry is off unless an operator turns it on.
process.env.APOLLO_TELEMETRY_DISABLED ??= '1';

export {};
