// Auth0's Node SDK (npm `auth0`, the ManagementClient Auth0's Deploy CLI is built on), unmodified, drives the
// tenant's Management API over TLS:
//
//   node management-sdk.mjs PATH/TO/authdeck-cli        (or AUTHDECK_CLI=PATH)
//
// lib/tls-tenant.mjs prepares the tenant on https://localhost:4443 and starts its server; lib/sdk-calls.mjs
// then runs in a child Node with NODE_EXTRA_CA_CERTS=ca.pem and prints one line per SDK call. Exit 0 when
// every call passed, 77 when node_modules lacks the SDK (ctest: skipped), 1 otherwise.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preflight, runNode, startTlsTenant } from './lib/tls-tenant.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = preflight(here, 'management-sdk', ['auth0']);
let tenant = null;
let code = 1;
try {
  tenant = await startTlsTenant(cli, 4443, 'authdeck-sdk-');
  ({ code } = await runNode([path.join(here, 'lib', 'sdk-calls.mjs')], {
    NODE_EXTRA_CA_CERTS: tenant.caFile,
    AUTH0_DOMAIN: tenant.config.AUTH0_DOMAIN,
    AUTH0_CLIENT_ID: tenant.config.AUTH0_CLIENT_ID,
    AUTH0_CLIENT_SECRET: tenant.config.AUTH0_CLIENT_SECRET,
  }));
} catch (e) {
  console.log(`FAIL ${e.message}`);
  code = 1;
} finally {
  if (tenant) await tenant.stop(code !== 0);
}
process.exit(code);
