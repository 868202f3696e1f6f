// Users, logs, resource servers and the rate-limit headers, through Auth0's Node SDK (`auth0` 6.4.0), against
// the tenant's Management API. Called by the SDK run with its ManagementClient and its check(condition,
// message): `const detail = await usersAndLogs(management, check)`. It throws on the first failure and
// returns a one-line summary; the user it creates is deleted again, even on a failure.

const CONNECTION = 'Username-Password-Authentication';

async function all(pagePromise) {
  const items = [];
  for await (const item of await pagePromise) items.push(item);
  return items;
}

async function refused(promise, status) {
  try {
    await promise;
  } catch (e) {
    if (e.statusCode === status) return e.body;
    throw new Error(`expected ${status}, got ${e.statusCode}: ${JSON.stringify(e.body)}`);
  }
  throw new Error(`expected ${status}, the call succeeded`);
}

export async function usersAndLogs(management, check) {
  const email = `sdk-${Date.now()}@authdeck.test`;
  let user = null;
  const done = [];
  try {
    user = await management.users.create({ email, password: 'made by the Node SDK', connection: CONNECTION });
    check(user.user_id && user.user_id.startsWith('auth0|') && user.email === email, JSON.stringify(user));
    done.push('users.create');

    const again = await refused(
      management.users.create({ email: email.toUpperCase(), password: 'made by the Node SDK', connection: CONNECTION }),
      409,
    );
    check(again.message === 'The user already exists.', JSON.stringify(again));
    done.push('409 on a taken email');

    const got = await management.users.get(user.user_id);
    check(got.email === email && got.blocked === false, JSON.stringify(got));
    const found = await all(management.users.list({ q: `email:"${email}"`, per_page: 10 }));
    check(found.length === 1 && found[0].user_id === user.user_id, JSON.stringify(found));
    done.push('users.get and users.list q=email');

    const blocked = await management.users.update(user.user_id, { blocked: true });
    check(blocked.blocked === true, JSON.stringify(blocked));
    const unknown = await refused(management.users.update(user.user_id, { nickname: 'x' }), 400);
    check(unknown.message.includes('nickname'), JSON.stringify(unknown));
    done.push('users.update blocked, 400 on an unknown field');

    const enrollments = await management.users.enrollments.get(user.user_id);
    check(Array.isArray(enrollments) && enrollments.length === 0, JSON.stringify(enrollments));
    await management.users.authenticators.deleteAll(user.user_id);
    await management.users.authenticationMethods.deleteAll(user.user_id);
    done.push('enrollments, authenticators.deleteAll, authenticationMethods.deleteAll');

    const { data: one, rawResponse } = await management.users.get(user.user_id).withRawResponse();
    check(one.user_id === user.user_id, JSON.stringify(one));
    const limit = Number(rawResponse.headers.get('x-ratelimit-limit'));
    const remaining = Number(rawResponse.headers.get('x-ratelimit-remaining'));
    const reset = Number(rawResponse.headers.get('x-ratelimit-reset'));
    check(limit > 0 && remaining >= 0 && remaining < limit, `x-ratelimit-limit ${limit}, remaining ${remaining}`);
    check(reset >= Math.floor(Date.now() / 1000) - 5, `x-ratelimit-reset ${reset}`);
    done.push(`rate limit headers (${limit} a burst)`);

    const page = await management.logs.list({ per_page: 20, search: 'type:sapi' });
    const logs = page.data || [];
    check(logs.length > 0 && logs.every((l) => l.type === 'sapi'), `types: ${[...new Set(logs.map((l) => l.type))]}`);
    check(logs.some((l) => l.description === 'Block a user' && l.user_id === user.user_id), 'no sapi for the block');
    const event = await management.logs.get(logs[0].log_id);
    check(event.log_id === logs[0].log_id && event.type === 'sapi', JSON.stringify(event));
    await refused(management.logs.get('90020000000000000000000000000000'), 404);
    done.push('logs.list search=type:sapi, logs.get, 404');

    const apis = await all(management.resourceServers.list());
    const system = apis.find((a) => a.is_system);
    check(system && system.name === 'Auth0 Management API', JSON.stringify(apis));
    check(system.identifier.endsWith('/api/v2/') && system.scopes.some((s) => s.value === 'read:users'),
      JSON.stringify(system));
    await refused(management.resourceServers.delete(system.id), 403);
    done.push('resourceServers.list (the system API), 403 on delete');

    await management.users.delete(user.user_id);
    user = null;
    done.push('users.delete');
  } finally {
    if (user) await management.users.delete(user.user_id).catch(() => {});
  }
  return done.join('; ');
}
