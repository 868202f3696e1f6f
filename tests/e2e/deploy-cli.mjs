// Auth0's Deploy CLI (npm `auth0-deploy-cli`, `a0deploy`), unmodified, round-trips the tenant as YAML over
// TLS, as a team keeps an Auth0 tenant as code:
//
//   node deploy-cli.mjs PATH/TO/authdeck-cli        (or AUTHDECK_CLI=PATH)
//
// On the demo tenant (lib/tls-tenant.mjs, https://localhost:4444): export (clients, the Guardian types,
// actions and triggers: AUTH0_INCLUDED_ONLY) and check the YAML says what the tenant holds (the SPA, Phone
// Message on with Custom, policy Always, Plivo in the Send Phone Message flow). Import that YAML into a second,
// empty tenant (https://localhost:4446) that has only the Plivo integration in sandbox mode (`authdeck-cli demo
// --integration-only`: as on Auth0, a Marketplace integration is installed by hand, deploy-cli never exports
// it); export the second tenant and compare byte for byte; then log in there with SMS MFA through its hosted
// pages (lib/sms-login.mjs). Last, on the demo tenant: import an edited YAML (a new application, policy Never,
// a new custom action deployed and bound after Plivo) and export again to see the changes in the tenant.
// Then Authdeck's own files against deploy-cli's: `authdeck-cli export` of that tenant says what `a0deploy
// export` said, and `authdeck-cli import` takes a0deploy's files (a dry run on the same tenant changes
// nothing; a real import into a third tenant exports the same again).
// Exit 0 when all passed, 77 when node_modules lacks auth0-deploy-cli (ctest: skipped), 1 otherwise.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yamlParser from 'js-yaml';
import { preflight, runCli, runNode, startTlsTenant } from './lib/tls-tenant.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = preflight(here, 'deploy-cli', ['auth0-deploy-cli']);
const a0deploy = path.join(here, 'node_modules', 'auth0-deploy-cli', 'lib', 'index.js');
// What Authdeck serves (README: Management API).
const INCLUDED = ['clients', 'guardianFactors', 'guardianFactorProviders', 'guardianFactorTemplates',
  'guardianPhoneFactorMessageTypes', 'guardianPhoneFactorSelectedProvider', 'guardianPolicies', 'actions', 'triggers'];

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// The files deploy-cli's YAML format holds: tenant.yaml (compared parsed, so that quoting may differ) and each
// action's code file (compared byte for byte). Throws naming the first resource that differs.
function sameTenantFiles(theirsDir, oursDir, theirName, ourName) {
  const theirs = yamlParser.load(readFileSync(path.join(theirsDir, 'tenant.yaml'), 'utf8'));
  const ours = yamlParser.load(readFileSync(path.join(oursDir, 'tenant.yaml'), 'utf8'));
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(ours)])) {
    if (!isDeepStrictEqual(theirs[key], ours[key])) {
      throw new Error(`${key} differs:\n  ${theirName}: ${JSON.stringify(theirs[key])}\n  ${ourName}: ${JSON.stringify(ours[key])}`);
    }
  }
  for (const action of theirs.actions ?? []) {
    const code = path.join('actions', action.name, 'code.js');
    check(existsSync(path.join(oursDir, code)), `${ourName} did not write ${code}`);
    check(readFileSync(path.join(theirsDir, code), 'utf8') === readFileSync(path.join(oursDir, code), 'utf8'),
      `${code} differs`);
  }
}

let tenant = null;
let second = null;
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

async function a0(args, target = tenant) {
  const configFile = path.join(target.tmp, 'config.json');
  writeFileSync(configFile, JSON.stringify({ ...target.config, AUTH0_INCLUDED_ONLY: INCLUDED }), { mode: 0o600 });
  const { code, output } = await runNode([a0deploy, ...args, '--config_file', configFile],
    { NODE_EXTRA_CA_CERTS: target.caFile, AUTH0_DEBUG: process.env.AUTHDECK_E2E_DEBUG ? 'true' : '' }, { stdio: ['ignore', 'pipe', 'pipe'] });
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
    check(/triggers:\n\s+send-phone-message:\n\s+- action_name: Plivo\n\s+display_name: Plivo/.test(yaml),
      'Plivo is not in the Send Phone Message flow');
    check(/^actions: \[\]$/m.test(yaml), 'the Marketplace action was exported');
  });
  second = await startTlsTenant(cli, 4446, 'authdeck-deploy-second-', ['--integration-only']);
  await step('a0deploy import of that YAML into a second, empty tenant with Plivo installed', async () => {
    await a0(['import', '--input_file', path.join(exported, 'tenant.yaml')], second);
  });
  await step('a0deploy export of the second tenant is byte-identical', async () => {
    const copy = path.join(second.tmp, 'export');
    await a0(['export', '--format', 'yaml', '--output_folder', copy], second);
    const theirs = readFileSync(path.join(copy, 'tenant.yaml'), 'utf8');
    if (theirs !== yaml) {
      const a = yaml.split('\n');
      const b = theirs.split('\n');
      const at = a.findIndex((line, i) => line !== b[i]);
      throw new Error(`line ${at + 1} differs:\n  demo:   ${a[at]}\n  second: ${b[at]}`);
    }
    return `${yaml.length} bytes`;
  });
  await step('the second tenant logs a new user in with SMS MFA through its hosted pages', async () => {
    const { code, output } = await runNode([path.join(here, 'lib', 'sms-login.mjs')], {
      NODE_EXTRA_CA_CERTS: second.caFile, AUTHDECK_CLI: cli, AUTHDECK_TENANT: second.tenant, ...second.config,
    }, { stdio: ['ignore', 'pipe', 'pipe'] });
    console.log(output.trim().split('\n').map((l) => `     ${l}`).join('\n'));
    check(code === 0, 'the login failed');
  });
  await step('a0deploy import of the edited YAML (a new application, policy Never, a new action bound after Plivo)', async () => {
    const changed = yaml
      .replace(/guardianPolicies:\n\s+policies:\n\s+- all-applications/, 'guardianPolicies:\n  policies: []')
      .replace(/^clients:\n/m, 'clients:\n  - name: Imported App\n    app_type: spa\n    callbacks:\n'
        + '      - http://localhost:5173\n    web_origins:\n      - http://localhost:5173\n')
      .replace(/^actions: \[\]$/m, 'actions:\n  - name: Audit SMS\n    code: ./audit.js\n    runtime: node18\n'
        + '    deployed: true\n    dependencies: []\n    secrets: []\n    status: built\n    supported_triggers:\n'
        + '      - id: send-phone-message\n        version: v2')
      .replace(/(- action_name: Plivo\n\s+display_name: Plivo\n)/, '$1    - action_name: Audit SMS\n      display_name: Audit SMS\n');
    check(changed !== yaml && changed.includes('action_name: Audit SMS'), 'the edit changed nothing');
    writeFileSync(path.join(tenant.tmp, 'audit.js'), 'exports.onExecuteSendPhoneMessage = async () => {};\n');
    writeFileSync(edited, changed);
    await a0(['import', '--input_file', edited]);
  });
  await step('a0deploy export again: both changes are in the tenant', async () => {
    await a0(['export', '--format', 'yaml', '--output_folder', again]);
    const after = readFileSync(path.join(again, 'tenant.yaml'), 'utf8');
    check(/- name: Imported App\n(\s+.*\n)*?\s+callbacks:\n\s+- http:\/\/localhost:5173/.test(after),
      'the imported application is missing');
    check(/guardianPolicies:\n\s+policies: \[\]/.test(after), 'the policy is not Never');
    check(/- name: Audit SMS\n(\s+.*\n)*?\s+deployed: true/.test(after), 'the imported action is not deployed');
    check(/- action_name: Plivo\n\s+display_name: Plivo\n\s+- action_name: Audit SMS/.test(after),
      'the flow is not Plivo, then Audit SMS');
  });
  await step('authdeck-cli export says what a0deploy export says', async () => {
    const ours = path.join(tenant.tmp, 'authdeck-export');
    await runCli(cli, ['export', '--tenant', tenant.tenant, '--format', 'yaml', '--output', ours]);
    sameTenantFiles(again, ours, 'a0deploy', 'authdeck-cli');
  });
  await step('authdeck-cli import --dry-run of a0deploy\'s export into the same tenant changes nothing', async () => {
    const said = await runCli(cli, ['import', '--tenant', tenant.tenant, '--input', path.join(again, 'tenant.yaml'), '--dry-run']);
    check(said.includes('0 to create, 0 to change, 0 to delete'), `the dry run found changes:\n${said}`);
  });
  await step('authdeck-cli import of a0deploy\'s export into a third tenant exports the same files', async () => {
    const third = path.join(tenant.tmp, 'third.authdeck');
    await runCli(cli, ['demo', '--tenant', third, '--integration-only']);
    const said = await runCli(cli, ['import', '--tenant', third, '--input', path.join(again, 'tenant.yaml')]);
    check(said.includes('Imported.'), `the import did not finish:\n${said}`);
    const out = path.join(tenant.tmp, 'third-export');
    await runCli(cli, ['export', '--tenant', third, '--format', 'yaml', '--output', out]);
    sameTenantFiles(again, out, 'a0deploy', 'the third tenant');
  });
} catch (e) {
  if (!failed) console.log(`FAIL ${e.message}`);
  failed = true;
} finally {
  if (second) await second.stop(failed || !!process.env.AUTHDECK_E2E_DEBUG);
  if (tenant) await tenant.stop(failed || !!process.env.AUTHDECK_E2E_DEBUG);
}
process.exit(failed ? 1 : 0);
