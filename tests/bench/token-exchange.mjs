// token-exchange.mjs: POST /oauth/token authorization-code exchanges per second and their latency, Authdeck's
// login server (`authdeck-cli serve`) against Node's oidc-provider configured for the same grant, both started
// here, in the same run, on the same machine. A benchmark, not a test: it prints numbers, it checks nothing but
// that every measured exchange gave a 200 with an id_token (a run with failures is not a valid number).
//
//   node tests/bench/token-exchange.mjs build/app/authdeck-cli/authdeck-cli \
//        [--requests 2000] [--rounds 3] [--warmup 300] [--concurrency 1,32]
//
// - Authdeck: `authdeck-cli demo` seeds a temporary tenant (the demo SPA, Phone Message on, policy Always, the
//   user demo@authdeck.test), `authdeck-cli serve --port P` runs it. One login through the hosted pages over
//   plain HTTP (PKCE S256, password, SMS enrollment, the code read with `authdeck-cli test-phone --json`) gives
//   the session cookie; before each measured batch, that many codes are minted with /authorize?prompt=none (one
//   302 each, all with the same code_challenge), untimed.
// - oidc-provider 9 (from tests/e2e/node_modules, or AUTHDECK_E2E_NODE_MODULES) runs in a child process of this
//   script: one public client (token_endpoint_auth_method none, PKCE S256), RS256 ID tokens carrying the
//   profile and email claims like Authdeck's (conformIdTokenClaims off), opaque access tokens (Authdeck's are
//   opaque too when no audience is asked for), its own memory adapter with room for every code. Its codes are
//   minted in that child through its models (a Grant with the OIDC scope, then an AuthorizationCode), untimed.
// - The measured exchange is the same for both: grant_type, client_id, code, code_verifier, redirect_uri as a
//   form, over keep-alive node:http connections, N clients each sending its next request when the previous
//   answer has been read (closed loop). Latency is from the request's start to its whole body read. The rounds
//   alternate between the servers so that both see the same background load; the table shows the round with
//   the median throughput of each (server, clients) and the throughput of every round.
// - Server CPU per exchange is the server process's user+system time over the batch (from /proc) divided by
//   the exchanges; "client CPU" is this process's.
//
// The CLI needs an unlocked keyring: unless AUTHDECK_BENCH_IN_SESSION=1 is set, the script runs itself again
// inside a private D-Bus session with an unlocked gnome-keyring and temporary XDG folders (as
// packaging/run-tests.sh does). AUTHDECK_BENCH_JSON=FILE also writes the results as JSON.

import { spawn, execFile, fork } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const CALLBACK = 'http://localhost:3000';
const SCOPE = 'openid profile email';
const VERIFIER = randomBytes(32).toString('base64url'); // 43 characters
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const DEMO_USER = { email: 'demo@authdeck.test', password: 'authdeck-demo' };
const PHONE = { country: 'US', phone: '2015550123' };

// ---------------------------------------------------------------------------------------------------------
// Helpers

function usage(message) {
  if (message) console.error(`token-exchange.mjs: ${message}`);
  console.error(
    'usage: node token-exchange.mjs AUTHDECK_CLI [--requests N] [--rounds N] [--warmup N] [--concurrency 1,32]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const options = { cli: argv[0], requests: 2000, rounds: 3, warmup: 300, concurrency: [1, 32] };
  if (!options.cli || options.cli.startsWith('--')) usage('name the authdeck-cli executable first');
  for (let i = 1; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (value === undefined) usage(`${argv[i]} needs a value`);
    if (argv[i] === '--requests') options.requests = Number(value);
    else if (argv[i] === '--rounds') options.rounds = Number(value);
    else if (argv[i] === '--warmup') options.warmup = Number(value);
    else if (argv[i] === '--concurrency') options.concurrency = value.split(',').map(Number);
    else usage(`unknown option ${argv[i]}`);
  }
  for (const n of [options.requests, options.rounds, options.warmup, ...options.concurrency]) {
    if (!Number.isInteger(n) || n < 1) usage(`not a positive whole number: ${n}`);
  }
  options.cli = path.resolve(options.cli);
  if (!existsSync(options.cli)) usage(`no such file: ${options.cli}`);
  return options;
}

/** Runs this script again inside a private D-Bus session with an unlocked gnome-keyring (run-tests.sh's way). */
function reexecInKeyringSession() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'authdeck-bench-'));
  mkdirSync(path.join(tmp, 'run'), { mode: 0o700 });
  mkdirSync(path.join(tmp, 'home'));
  const env = {
    ...process.env,
    XDG_RUNTIME_DIR: path.join(tmp, 'run'),
    XDG_DATA_HOME: path.join(tmp, 'data'),
    XDG_CACHE_HOME: path.join(tmp, 'cache'),
    XDG_CONFIG_HOME: path.join(tmp, 'config'),
    HOME: path.join(tmp, 'home'),
    AUTHDECK_BENCH_IN_SESSION: '1',
  };
  delete env.DISPLAY;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const script = 'printf %s authdeck-bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null; '
    + 'exec "$0" "$@"';
  const child = spawn('dbus-run-session',
    ['--', 'bash', '-c', script, process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { env, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    rmSync(tmp, { recursive: true, force: true });
    process.exit(code ?? (signal ? 1 : 0));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(file, args) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(file)} ${args[0]}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** user+system CPU time of process @p pid so far, in ms (Linux /proc). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

function rssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.split(/\s+/)[1]) / 1024 : NaN;
}

/** One HTTP request over @p agent; the whole answer. */
function request(port, method, pathAndQuery, { agent, headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const all = { ...headers };
    if (body !== undefined) all['content-length'] = Buffer.byteLength(body);
    const req = http.request({ host: '127.0.0.1', port, method, path: pathAndQuery, agent, headers: all }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function form(fields) {
  return new URLSearchParams(fields).toString();
}

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Runs @p task(i) for i in 0..count-1 with @p width at a time. */
async function pool(count, width, task) {
  let next = 0;
  const workers = Array.from({ length: Math.min(width, count) }, async () => {
    while (next < count) await task(next++);
  });
  await Promise.all(workers);
}

// ---------------------------------------------------------------------------------------------------------
// The measured exchange, the same for both servers

function checkTokenAnswer(answer) {
  if (answer.status !== 200) return `HTTP ${answer.status}: ${answer.body.slice(0, 200)}`;
  let json;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return `not JSON: ${answer.body.slice(0, 200)}`;
  }
  if (typeof json.id_token !== 'string' || json.id_token.split('.').length !== 3) return 'no id_token';
  if (typeof json.access_token !== 'string' || !json.access_token) return 'no access_token';
  return null;
}

/**
 * Exchanges every code in @p codes with @p concurrency clients over @p agent: throughput, latency percentiles,
 * failures, and the server's and this process's CPU time.
 */
async function measure(target, codes, concurrency, agent) {
  const latencies = new Float64Array(codes.length);
  const failures = [];
  const serverCpu0 = cpuMs(target.pid);
  const clientCpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  await pool(codes.length, concurrency, async (i) => {
    const body = form({
      grant_type: 'authorization_code',
      client_id: target.clientId,
      code: codes[i],
      code_verifier: VERIFIER,
      redirect_uri: CALLBACK,
    });
    const t0 = process.hrtime.bigint();
    let problem;
    try {
      const answer = await request(target.port, 'POST', '/oauth/token', {
        agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      problem = checkTokenAnswer(answer);
    } catch (error) {
      problem = error.message;
    }
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
    if (problem) failures.push(problem);
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const clientCpu = process.cpuUsage(clientCpu0);
  const serverCpuMs = cpuMs(target.pid) - serverCpu0;
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  return {
    exchanges: codes.length,
    failures: failures.length,
    failureSamples: [...new Set(failures)].slice(0, 5),
    perSecond: codes.length / (wallMs / 1000),
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
    serverCpuMsPerExchange: serverCpuMs / codes.length,
    clientCpuMsPerExchange: (clientCpu.user + clientCpu.system) / 1000 / codes.length,
    wallMs,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Authdeck: authdeck-cli serve, one login through the hosted pages, codes from /authorize?prompt=none

class CookieJar {
  #cookies = new Map();

  take(headers) {
    for (const line of headers['set-cookie'] ?? []) {
      const [pair, ...attributes] = line.split(';');
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      const maxAge = attributes.find((a) => a.trim().toLowerCase().startsWith('max-age='));
      if (value === '' || (maxAge && Number(maxAge.split('=')[1]) <= 0)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name) {
    return this.#cookies.get(name);
  }
}

function csrfOf(page) {
  const match = /name="csrf"\s+value="([^"]+)"/.exec(page);
  if (!match) throw new Error('no csrf field on the page');
  return match[1];
}

function authorizePath(clientId, extra = {}) {
  return `/authorize?${form({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: CALLBACK,
    scope: SCOPE,
    state: 'bench-state',
    nonce: 'bench-nonce',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...extra,
  })}`;
}

async function startAuthdeck(cli) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'authdeck-bench-tenant-'));
  const tenant = path.join(dir, 'bench.authdeck');
  const config = JSON.parse((await run(cli, ['demo', '--tenant', tenant])).trim().split('\n').pop());
  const port = await freePort();
  const child = spawn(cli, ['serve', '--tenant', tenant, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  await new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      if (out.includes('Login server listening on')) {
        child.stdout.off('data', onData);
        child.stdout.resume(); // one line per request from now on: read and dropped
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`authdeck-cli serve exited (${code}): ${stderr}`)));
  });
  return { name: 'authdeck', child, pid: child.pid, port, clientId: config.clientId, tenant, dir, cli };
}

async function readSmsCode(target) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const lines = (await run(target.cli, ['test-phone', '--tenant', target.tenant, '--json'])).trim().split('\n');
    const last = lines.filter(Boolean).pop();
    const code = last && /\b(\d{6})\b/.exec(JSON.parse(last).text)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the test phone received no code');
}

/** The whole hosted login of the demo user; leaves the session cookie in target.jar. */
async function logInToAuthdeck(target) {
  const jar = new CookieJar();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const go = async (method, where, fields) => {
    const answer = await request(target.port, method, where, {
      agent,
      headers: {
        cookie: jar.header(),
        ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: fields ? form(fields) : undefined,
    });
    jar.take(answer.headers);
    return answer;
  };
  const expectRedirect = (answer, prefix) => {
    const location = answer.headers.location ?? '';
    if (answer.status !== 302 || !location.startsWith(prefix)) {
      throw new Error(`expected a redirect to ${prefix}, got ${answer.status} ${location} ${answer.body.slice(0, 300)}`);
    }
    return location;
  };
  // A browser follows every redirect; the pages' own ones are counted (see the hops line of the report).
  const open = async (where) => {
    let answer = await go('GET', where);
    let at = where;
    while (answer.status === 302 && answer.headers.location?.startsWith('/u/')) {
      target.hops = (target.hops ?? 0) + 1;
      at = answer.headers.location;
      answer = await go('GET', at);
    }
    if (answer.status !== 200) throw new Error(`GET ${at}: ${answer.status} ${answer.body.slice(0, 300)}`);
    return { at, page: answer.body };
  };
  const login = await open(expectRedirect(await go('GET', authorizePath(target.clientId)), '/u/login'));
  const enroll = await open(expectRedirect(await go('POST', login.at, {
    username: DEMO_USER.email, password: DEMO_USER.password, action: 'default', csrf: csrfOf(login.page),
  }), '/u/'));
  if (!enroll.at.startsWith('/u/mfa-phone-enrollment')) throw new Error(`expected the enrollment page, got ${enroll.at}`);
  const challenge = await open(expectRedirect(
    await go('POST', enroll.at, { ...PHONE, action: 'default', csrf: csrfOf(enroll.page) }), '/u/'));
  if (!challenge.at.startsWith('/u/mfa-sms-challenge')) throw new Error(`expected the challenge page, got ${challenge.at}`);
  const code = await readSmsCode(target);
  let done = await go('POST', challenge.at, { code, action: 'default', csrf: csrfOf(challenge.page) });
  while (done.status === 302 && done.headers.location?.startsWith('/u/')) {
    target.hops = (target.hops ?? 0) + 1;
    done = await go('GET', done.headers.location);
  }
  const back = expectRedirect(done, CALLBACK);
  if (!jar.get('authdeck_session')) throw new Error('the login set no session cookie');
  const first = new URL(back).searchParams.get('code');
  const answer = await request(target.port, 'POST', '/oauth/token', {
    agent,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ grant_type: 'authorization_code', client_id: target.clientId, code: first, code_verifier: VERIFIER,
      redirect_uri: CALLBACK }),
  });
  const problem = checkTokenAnswer(answer);
  if (problem) throw new Error(`the first exchange failed: ${problem}`);
  agent.destroy();
  target.jar = jar;
  target.mintAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
}

async function mintAuthdeckCodes(target, count) {
  const codes = new Array(count);
  const path = authorizePath(target.clientId, { prompt: 'none' });
  const cookie = target.jar.header();
  await pool(count, 4, async (i) => {
    const answer = await request(target.port, 'GET', path, { agent: target.mintAgent, headers: { cookie } });
    const location = answer.headers.location ?? '';
    const code = location.startsWith(CALLBACK) ? new URL(location).searchParams.get('code') : null;
    if (answer.status !== 302 || !code) throw new Error(`prompt=none gave no code: ${answer.status} ${location}`);
    codes[i] = code;
  });
  return codes;
}

// ---------------------------------------------------------------------------------------------------------
// oidc-provider, in a child process

async function providerChild() {
  const modules = process.env.AUTHDECK_E2E_NODE_MODULES ?? path.join(here, '..', 'e2e', 'node_modules');
  const root = path.join(modules, 'oidc-provider');
  const { default: Provider } = await import(pathToFileURL(path.join(root, 'lib', 'index.js')));
  // Its own memory adapter, but with room for every code and token of the run (the default keeps 1000).
  const { default: MemoryAdapter } = await import(pathToFileURL(path.join(root, 'lib', 'adapters', 'memory_adapter.js')));
  const { default: LRU } = await import(pathToFileURL(path.join(root, 'lib', 'helpers', 'lru.js')));
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const store = new LRU({ maxSize: 10_000_000 });

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'bench' };
  const port = Number(process.argv[3]);
  const clientId = 'bench-spa';
  const provider = new Provider(`http://localhost:${port}`, {
    adapter: (name) => new MemoryAdapter(name, store),
    clients: [{
      client_id: clientId,
      token_endpoint_auth_method: 'none',
      redirect_uris: [CALLBACK],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    jwks: { keys: [jwk] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'nickname', 'updated_at'] },
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(16).toString('hex')] },
    features: { devInteractions: { enabled: false } },
    routes: { token: '/oauth/token' }, // the same path as Authdeck's
    ttl: {
      AccessToken: 86400, AuthorizationCode: 60, IdToken: 36000, Grant: 14 * 86400, Interaction: 3600,
      Session: 14 * 86400, RefreshToken: 30 * 86400,
    },
    async findAccount(ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: 'demo@authdeck.test', email_verified: false, name: 'demo@authdeck.test',
            nickname: 'demo', updated_at: 1767225600 };
        },
      };
    },
  });
  const server = provider.listen(port, '127.0.0.1');
  // Idle connections stay open, as they do on Authdeck's server: with Node's default (5 s) the server closes
  // the clients' sockets while the next batch is minted, and reusing one that is closing fails (ECONNRESET).
  server.keepAliveTimeout = 0;
  await new Promise((resolve) => server.once('listening', resolve));

  const mint = async () => {
    const accountId = 'bench-user';
    const grant = new provider.Grant({ accountId, clientId });
    grant.addOIDCScope(SCOPE);
    const grantId = await grant.save();
    return new provider.AuthorizationCode({
      accountId, clientId, grantId, redirectUri: CALLBACK, scope: SCOPE, nonce: 'bench-nonce',
      codeChallenge: process.argv[4], codeChallengeMethod: 'S256', authTime: Math.floor(Date.now() / 1000),
    }).save();
  };
  process.on('message', async (message) => {
    if (message.type !== 'mint') return;
    const codes = [];
    for (let i = 0; i < message.count; i++) codes.push(await mint());
    process.send({ type: 'codes', codes });
  });
  process.send({ type: 'ready', port, clientId, version });
}

async function startProvider() {
  const port = await freePort();
  const child = fork(fileURLToPath(import.meta.url), ['--oidc-provider-child', String(port), CHALLENGE], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the oidc-provider child exited (${code})`)));
  });
  return { name: 'oidc-provider', child, pid: child.pid, port, clientId: ready.clientId, version: ready.version };
}

function mintProviderCodes(target, count) {
  return new Promise((resolve) => {
    target.child.once('message', (message) => resolve(message.codes));
    target.child.send({ type: 'mint', count });
  });
}

// ---------------------------------------------------------------------------------------------------------

function stop(target) {
  return new Promise((resolve) => {
    if (target.child.exitCode !== null) return resolve();
    target.child.once('exit', resolve);
    target.child.kill('SIGTERM');
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const loadBefore = os.loadavg();
  console.log(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  const authdeck = await startAuthdeck(options.cli);
  const provider = await startProvider();
  const targets = [authdeck, provider];
  try {
    await logInToAuthdeck(authdeck);
    authdeck.mint = (count) => mintAuthdeckCodes(authdeck, count);
    provider.mint = (count) => mintProviderCodes(provider, count);
    console.log(`authdeck-cli serve on :${authdeck.port} (logged in once), oidc-provider ${provider.version} on :${provider.port}`);
    console.log(`${options.requests} exchanges per batch, ${options.rounds} rounds, ${options.warmup} warm-up exchanges per (server, clients)\n`);

    const rounds = new Map(); // "server/clients" -> [result]
    const rssBefore = { authdeck: rssMiB(authdeck.pid), 'oidc-provider': rssMiB(provider.pid) };
    let mintedPerSecond = 0;
    for (const concurrency of options.concurrency) {
      const agents = new Map(targets.map((t) => [t.name, new http.Agent({ keepAlive: true, maxSockets: concurrency })]));
      for (const target of targets) await measure(target, await target.mint(options.warmup), concurrency, agents.get(target.name));
      for (let round = 0; round < options.rounds; round++) {
        for (const target of round % 2 ? [...targets].reverse() : targets) {
          const t0 = process.hrtime.bigint();
          const codes = await target.mint(options.requests); // untimed for the exchange; codes live 60 s
          if (target === authdeck) mintedPerSecond = options.requests / (Number(process.hrtime.bigint() - t0) / 1e9);
          const result = await measure(target, codes, concurrency, agents.get(target.name));
          const key = `${target.name}/${concurrency}`;
          rounds.set(key, [...(rounds.get(key) ?? []), result]);
          process.stdout.write(`  round ${round + 1} ${target.name.padEnd(13)} ${String(concurrency).padStart(2)} clients: `
            + `${result.perSecond.toFixed(0)}/s, p99 ${result.p99.toFixed(2)} ms${result.failures ? `, ${result.failures} FAILED` : ''}\n`);
        }
      }
      for (const agent of agents.values()) agent.destroy();
    }

    // The round with the median throughput of each (server, clients).
    const results = [];
    for (const [key, list] of rounds) {
      const [server, clients] = key.split('/');
      const byRate = [...list].sort((a, b) => a.perSecond - b.perSecond);
      const median = byRate[Math.floor((byRate.length - 1) / 2)];
      results.push({ server, clients: Number(clients), ...median, rounds: list.map((r) => Math.round(r.perSecond)),
        failuresAllRounds: list.reduce((n, r) => n + r.failures, 0) });
    }
    const rssAfter = { authdeck: rssMiB(authdeck.pid), 'oidc-provider': rssMiB(provider.pid) };

    console.log('\nserver         clients  exch/s   p50 ms  p95 ms  p99 ms  max ms  server CPU  client CPU  failures  rounds (exch/s)');
    for (const r of results) {
      console.log(`${r.server.padEnd(14)} ${String(r.clients).padStart(7)} ${r.perSecond.toFixed(0).padStart(7)} `
        + `${r.p50.toFixed(2).padStart(7)} ${r.p95.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(7)} ${r.max.toFixed(1).padStart(7)} `
        + `${(r.serverCpuMsPerExchange.toFixed(3) + ' ms').padStart(11)} ${(r.clientCpuMsPerExchange.toFixed(3) + ' ms').padStart(11)} `
        + `${String(r.failuresAllRounds).padStart(9)}  ${r.rounds.join(' ')}`);
    }
    const ratios = {};
    for (const clients of options.concurrency) {
      const a = results.find((r) => r.server === 'authdeck' && r.clients === clients);
      const b = results.find((r) => r.server === 'oidc-provider' && r.clients === clients);
      ratios[clients] = a.perSecond / b.perSecond;
    }
    console.log(`\nratio authdeck / oidc-provider (exchanges/s): ${options.concurrency.map((c) => `${c} clients ${ratios[c].toFixed(2)}x`).join(', ')}`);
    const top = Math.max(...options.concurrency);
    const atTop = results.find((r) => r.server === 'authdeck' && r.clients === top);
    console.log(`goal: >= 3x oidc-provider: ${options.concurrency.map((c) => `${c}: ${ratios[c] >= 3 ? 'met' : 'NOT met'}`).join(', ')}; `
      + `p99 < 5 ms at ${top} clients: ${atTop.p99 < 5 ? 'met' : 'NOT met'} (${atTop.p99.toFixed(2)} ms)`);
    console.log(`resident memory over the run: authdeck ${rssBefore.authdeck.toFixed(1)} -> ${rssAfter.authdeck.toFixed(1)} MiB, `
      + `oidc-provider ${rssBefore['oidc-provider'].toFixed(1)} -> ${rssAfter['oidc-provider'].toFixed(1)} MiB`);
    console.log(`(preparation: authdeck /authorize?prompt=none at 4 clients, last batch ${mintedPerSecond.toFixed(0)}/s; `
      + `the hosted login took ${authdeck.hops ?? 0} redirect(s) from a page to a page that only redirected again)`);
    const failed = results.some((r) => r.failuresAllRounds > 0);
    if (failed) {
      console.log('\nFAILURES (these numbers are not valid):');
      for (const r of results.filter((x) => x.failures)) console.log(`  ${r.server} ${r.clients}: ${r.failureSamples.join(' | ')}`);
    }
    const loadAfter = os.loadavg();
    console.log(`load average at the end: ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`);
    if (process.env.AUTHDECK_BENCH_JSON) {
      writeFileSync(process.env.AUTHDECK_BENCH_JSON, `${JSON.stringify({
        date: new Date().toISOString(),
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadBefore, loadAfter, node: process.version },
        options: { requests: options.requests, rounds: options.rounds, warmup: options.warmup },
        oidcProviderVersion: provider.version,
        results,
        ratios,
        residentMiB: { before: rssBefore, after: rssAfter },
        valid: !failed,
      }, null, 2)}\n`);
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    await Promise.all(targets.map(stop));
    rmSync(authdeck.dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--oidc-provider-child') {
  await providerChild();
} else if (process.env.AUTHDECK_BENCH_IN_SESSION !== '1') {
  reexecInKeyringSession();
} else {
  await main();
}
