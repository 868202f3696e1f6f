// The calls of Auth0's Node SDK against the tenant (run by ../management-sdk.mjs, which sets AUTH0_DOMAIN,
// AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and NODE_EXTRA_CA_CERTS). One line per call; exit 1 on the first
// failure. The SDK gets its token itself (client_credentials, audience https://{domain}/api/v2/).
import { ManagementClient } from 'auth0';
import { usersAndLogs } from './sdk-users.mjs';

const management = new ManagementClient({
  domain: process.env.AUTH0_DOMAIN,
  clientId: process.env.AUTH0_CLIENT_ID,
  clientSecret: process.env.AUTH0_CLIENT_SECRET,
});

let failed = false;
async function call(name, fn) {
  const started = performance.now();
  try {
    const detail = await fn();
    console.log(`PASS ${name}${detail ? `: ${detail}` : ''} (${Math.round(performance.now() - started)} ms)`);
  } catch (e) {
    failed = true;
    const body = e && e.body ? ` ${JSON.stringify(e.body)}` : '';
    console.log(`FAIL ${name}: ${(e && e.message) || e}${body}`);
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function all(pagePromise) {
  const items = [];
  for await (const item of await pagePromise) items.push(item);
  return items;
}

let created = null;
await call('clients.list pages through every application', async () => {
  const clients = await all(management.clients.list({ per_page: 2 }));
  check(clients.some((c) => c.app_type === 'spa'), `no SPA among ${clients.map((c) => c.name).join(', ')}`);
  check(clients.some((c) => c.name === 'Deploy CLI' && c.app_type === 'non_interactive'), 'the M2M app is missing');
  return `${clients.length} applications`;
});
await call('clients.create a single-page application', async () => {
  created = await management.clients.create({
    name: 'Made by the Node SDK', app_type: 'spa', callbacks: ['http://localhost:5173'],
  });
  check(created.client_id && created.name === 'Made by the Node SDK', JSON.stringify(created));
  return created.client_id;
});
await call('clients.get it back', async () => {
  const got = await management.clients.get(created.client_id);
  check(got.callbacks && got.callbacks[0] === 'http://localhost:5173', JSON.stringify(got.callbacks));
});
await call('clients.update its name and logout URL', async () => {
  const updated = await management.clients.update(created.client_id, {
    name: 'Renamed by the Node SDK', allowed_logout_urls: ['http://localhost:5173'],
  });
  check(updated.name === 'Renamed by the Node SDK', updated.name);
});
await call('clients.create with a bad callback is refused with a 400', async () => {
  try {
    await management.clients.create({ name: 'Bad', app_type: 'spa', callbacks: ['ftp://nope'] });
  } catch (e) {
    check(e.statusCode === 400, `status ${e.statusCode}`);
    return e.body && e.body.message;
  }
  throw new Error('a bad callback was accepted');
});
await call('clients.delete it', async () => {
  await management.clients.delete(created.client_id);
  try {
    await management.clients.get(created.client_id);
  } catch (e) {
    check(e.statusCode === 404, `status ${e.statusCode}`);
    return;
  }
  throw new Error('the deleted application is still there');
});
await call('guardian.factors.list shows Phone Message (sms) enabled', async () => {
  const factors = await management.guardian.factors.list();
  const sms = factors.find((f) => f.name === 'sms');
  check(sms && sms.enabled === true, JSON.stringify(factors));
});
await call('guardian.factors.phone.getSelectedProvider is Custom', async () => {
  const selected = await management.guardian.factors.phone.getSelectedProvider();
  check(selected.provider === 'phone-message-hook', JSON.stringify(selected));
});
await call('guardian.policies.set to Never, then back to Always', async () => {
  await management.guardian.policies.set([]);
  check((await management.guardian.policies.list()).length === 0, 'the policy is not Never');
  await management.guardian.policies.set(['all-applications']);
  const policies = await management.guardian.policies.list();
  check(policies.length === 1 && policies[0] === 'all-applications', JSON.stringify(policies));
});
// Actions: a custom action for Send Phone Message, deployed and bound after Plivo (which keeps sending the
// codes through the local test phone, so the demo's login still works), then the SMS factor on.
const AUDIT_SECRET = 'audit-secret-value-7Qp2';
let action = null;
let plivo = null;
await call('actions.list shows Plivo as an installed Marketplace action', async () => {
  const actions = await all(management.actions.list({ per_page: 100 }));
  plivo = actions.find((a) => a.name === 'Plivo');
  check(plivo && plivo.integration && plivo.integration.feature_type === 'action' && plivo.installed_integration_id,
    JSON.stringify(actions.map((a) => a.name)));
  check(plivo.supported_triggers[0].id === 'send-phone-message', JSON.stringify(plivo.supported_triggers));
});
await call('actions.create a Send Phone Message action with a secret', async () => {
  action = await management.actions.create({
    name: 'Audit SMS',
    supported_triggers: [{ id: 'send-phone-message', version: 'v2' }],
    code: 'exports.onExecuteSendPhoneMessage = async (event) => {\n  console.log(event.message_options.recipient);\n};\n',
    runtime: 'node18',
    secrets: [{ name: 'AUDIT_KEY', value: AUDIT_SECRET }],
  });
  check(action.id && action.secrets[0].name === 'AUDIT_KEY', JSON.stringify(action));
  check(!JSON.stringify(action).includes(AUDIT_SECRET), 'the secret value came back');
  return action.id;
});
await call('actions.deploy it: version 1', async () => {
  const version = await management.actions.deploy(action.id);
  check(version.number === 1 && version.deployed === true && version.action_id === action.id, JSON.stringify(version));
  const got = await management.actions.get(action.id);
  check(got.deployed_version && got.deployed_version.number === 1 && got.all_changes_deployed, JSON.stringify(got));
  check(!JSON.stringify(got).includes(AUDIT_SECRET), 'the secret value came back');
});
await call('actions.delete is refused for the Marketplace action', async () => {
  try {
    await management.actions.delete(plivo.id);
  } catch (e) {
    check(e.statusCode === 400, `status ${e.statusCode}`);
    return e.body && e.body.message;
  }
  throw new Error('the Marketplace action was deleted');
});
await call('actions.triggers.bindings.updateMany binds Plivo, then the action', async () => {
  await management.actions.triggers.bindings.updateMany('send-phone-message', {
    bindings: [
      { ref: { type: 'action_name', value: 'Plivo' }, display_name: 'Plivo' },
      { ref: { type: 'action_id', value: action.id }, display_name: 'Audit SMS' },
    ],
  });
  const bindings = await all(management.actions.triggers.bindings.list('send-phone-message'));
  const names = bindings.map((b) => `${b.display_name}=${b.action.name}`);
  check(names.join(',') === 'Plivo=Plivo,Audit SMS=Audit SMS', names.join(','));
  return names.join(' then ');
});
await call('guardian.factors.set sms off, then on', async () => {
  await management.guardian.factors.set('sms', { enabled: false });
  check(!(await management.guardian.factors.list()).find((f) => f.name === 'sms').enabled, 'sms is still on');
  await management.guardian.factors.set('sms', { enabled: true });
  check((await management.guardian.factors.list()).find((f) => f.name === 'sms').enabled, 'sms is not on');
});
await call('users.list with include_totals', async () => {
  const users = await all(management.users.list({ per_page: 50 }));
  check(users.some((u) => u.email === 'demo@authdeck.test'), JSON.stringify(users.map((u) => u.email)));
  return `${users.length} users`;
});
await call('logs.list has the Management API writes (sapi)', async () => {
  const page = await management.logs.list({ per_page: 50 });
  const logs = page.data || [];
  check(logs.some((l) => l.type === 'sapi'), `types: ${[...new Set(logs.map((l) => l.type))].join(', ')}`);
});
await call('users, enrollments, logs, resource servers, rate-limit headers', () => usersAndLogs(management, check));

process.exit(failed ? 1 : 0);
