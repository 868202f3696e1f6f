// Auth0's Deploy CLI (npm `auth0-deploy-cli`, `a0deploy`), unmodified, round-trips the tenant as YAML over
// TLS, as a team keeps an Auth0 tenant as code:
//
//   node deploy-cli.mjs PATH/TO/authdeck-cli        (or AUTHDECK_CLI=PATH)
//
// On the demo tenant (lib/tls-tenant.mjs, https://localhost:4444): export (clients and the Guardian types,
// AUTH0_INCLUDED_ONLY) and check the YAML says what the tenant holds (the SPA, Phone Message on with
// Custom, policy Always); edit it (a new application, policy Never) and import it; export again and check
// both changes came through the Management API into the tenant. Exit 0 when all passed, 77 when node_modules
// lacks auth0-deploy-cli (ctest: skipped), 1 otherwise.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preflight, runNode, startTlsTenant } from './lib/tls-tenant.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = preflight(here, 'deploy-cli', ['auth0-deploy-cli']);
const a0deploy = path.join(here, 'node_modules', 'auth0-deploy-cli', 'lib', 'index.js');
// What Authdeck serves (README: Management API); actions and triggers are not served yet.
const INCLUDED = ['clients', 'guardianFactors', 'guardianFactorProviders', 'guardianFactorTemplates',
  'guardianPhoneFactorMessageTypes', 'guardianPhoneFactorSelectedProvider', 'guardianPolicies'];

function check(condition, message) {
  if (!condition) throw new Error(message);
}

let tenant = null;
let failed = false;
async function step(name, fn) {
  const started = performance.now();
  try {
    await fn();
    console.log(`PASS ${name} (${Math.round(performance.now() - started)} ms)`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}: ${e.message}`);
    throw e;
  }
}

async function a0(args) {
  const configFile = path.join(tenant.tmp, 'config.json');
  writeFileSync(configFile, JSON.stringify({ ...tenant.config, AUTH0_INCLUDED_ONLY: INCLUDED }), { mode: 0o600 });
  const { code, output } = await runNode([a0deploy, ...args, '--config_file', configFile],
    { NODE_EXTRA_CA_CERTS: tenant.caFile, AUTH0_DEBUG: process.env.AUTHDECK_E2E_DEBUG ? 'true' : '' }, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (process.env.AUTHDECK_E2E_DEBUG) console.log(output);
  if (code !== 0) throw new Error(`a0deploy ${args[0]} exited ${code}:\n${output.split('\n').slice(-15).join('\n')}`);
  return output;
}

try {
  tenant = await startTlsTenant(cli, 4444, 'authdeck-deploy-');
  const exported = path.join(tenant.tmp, 'export');
  const again = path.join(tenant.tmp, 'again');
  const edited = path.join(tenant.tmp, 'edited.yaml');
  let yaml = '';
  await step('a0deploy export --format yaml', async () => {
    await a0(['export', '--format', 'yaml', '--output_folder', exported]);
    yaml = readFileSync(path.join(exported, 'tenant.yaml'), 'utf8');
    check(/- name: My React App\n(\s+.*\n)*?\s+app_type: spa/.test(yaml), 'the SPA is not in the YAML');
    check(/- name: sms\n\s+enabled: true/.test(yaml), 'Phone Message (sms) is not enabled in the YAML');
    check(yaml.includes('provider: phone-message-hook'), 'the selected provider is not Custom');
    check(/guardianPolicies:\n\s+policies:\n\s+- all-applications/.test(yaml), 'the policy is not Always');
  });
  await step('a0deploy import of the edited YAML (a new application, policy Never)', async () => {
    const changed = yaml
      .replace(/guardianPolicies:\n\s+policies:\n\s+- all-applications/, 'guardianPolicies:\n  policies: []')
      .replace(/^clients:\n/m, 'clients:\n  - name: Imported App\n    app_type: spa\n    callbacks:\n'
        + '      - http://localhost:5173\n    web_origins:\n      - http://localhost:5173\n');
    check(changed !== yaml, 'the edit changed nothing');
    writeFileSync(edited, changed);
    await a0(['import', '--input_file', edited]);
  });
  await step('a0deploy export again: both changes are in the tenant', async () => {
    await a0(['export', '--format', 'yaml', '--output_folder', again]);
    const after = readFileSync(path.join(again, 'tenant.yaml'), 'utf8');
    check(/- name: Imported App\n(\s+.*\n)*?\s+callbacks:\n\s+- http:\/\/localhost:5173/.test(after),
      'the imported application is missing');
    check(/guardianPolicies:\n\s+policies: \[\]/.test(after), 'the policy is not Never');
  });
} catch (e) {
  if (!failed) console.log(`FAIL ${e.message}`);
  failed = true;
} finally {
  if (tenant) await tenant.stop(failed || !!process.env.AUTHDECK_E2E_DEBUG);
}
process.exit(failed ? 1 : 0);
