// plivo-sdk-sends.mjs: SMS sends per second through Plivo's own Node SDK (npm `plivo`, from tests/e2e/node_modules)
// to a local Plivo sandbox: the peer of PlivoClient in bench_plivo_sandbox, which starts this script against its
// own PlivoSandbox with --node-peer (see tests/bench/README.md).
//
//   AUTHDECK_PLIVO_URL=http://127.0.0.1:PORT AUTHDECK_PLIVO_AUTH_ID=... AUTHDECK_PLIVO_AUTH_TOKEN=... \
//     node tests/bench/plivo-sdk-sends.mjs --sends 2000 --in-flight 64
//
// The SDK is pointed at the sandbox through its client's `url` option (the base it puts before `Message/`). After
// a warm-up of 200 sends at 8 in flight, it keeps --in-flight sends going until --sends have finished, and prints
// one JSON line: sends, seconds, sendsPerSecond, p50Ms, p99Ms, failed, firstError, the SDK's version.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = process.env.AUTHDECK_E2E_NODE_MODULES ?? path.join(here, '..', 'e2e', 'node_modules');
const require = createRequire(path.join(modules, 'noop.js'));
const plivo = require('plivo');
const version = JSON.parse(readFileSync(path.join(modules, 'plivo', 'package.json'), 'utf8')).version;

const options = { sends: 2000, 'in-flight': 1 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const name = argv[i].replace(/^--/, '');
  const value = Number(argv[i + 1]);
  if (!(name in options) || !Number.isInteger(value) || value < 1) {
    console.error('usage: node plivo-sdk-sends.mjs [--sends N] [--in-flight N]');
    process.exit(2);
  }
  options[name] = value;
}
const { AUTHDECK_PLIVO_URL: base, AUTHDECK_PLIVO_AUTH_ID: authId, AUTHDECK_PLIVO_AUTH_TOKEN: authToken } = process.env;
if (!base || !authId || !authToken) {
  console.error('plivo-sdk-sends.mjs: set AUTHDECK_PLIVO_URL, AUTHDECK_PLIVO_AUTH_ID and AUTHDECK_PLIVO_AUTH_TOKEN');
  process.exit(2);
}
const client = new plivo.Client(authId, authToken, { url: `${base}/v1/Account/${authId}` });

/** Keeps @p inFlight sends going until @p sends have finished. */
async function measure(sends, inFlight, offset) {
  const latencies = [];
  let started = 0;
  let failed = 0;
  let firstError = '';
  const begin = process.hrtime.bigint();
  const worker = async () => {
    while (started < sends) {
      const index = offset + started++;
      const one = process.hrtime.bigint();
      try {
        const answer = await client.messages.create({
          src: '+14155550100',
          dst: `+1415558${String(index % 10000).padStart(4, '0')}`,
          text: `Your Authdeck code is ${100000 + (index % 900000)}`,
        });
        if (!answer.messageUuid?.length) throw new Error('no message_uuid in the answer');
      } catch (error) {
        failed++;
        firstError ||= String(error.message ?? error);
      }
      latencies.push(Number(process.hrtime.bigint() - one) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, sends) }, worker));
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { sends, inFlight, seconds, sendsPerSecond: sends / seconds, p50Ms: at(0.5), p99Ms: at(0.99), failed, firstError };
}

const warmup = await measure(200, 8, 0);
if (warmup.failed) {
  console.error(`plivo-sdk-sends.mjs: the warm-up failed: ${warmup.firstError}`);
  process.exit(1);
}
const result = await measure(options.sends, options['in-flight'], 200);
console.log(JSON.stringify({ ...result, plivoVersion: version, node: process.version }));
process.exitCode = result.failed ? 1 : 0;
