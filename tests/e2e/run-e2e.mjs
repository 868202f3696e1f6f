// End-to-end: real, unmodified Auth0 SDKs (auth0-spa-js, auth0-react) log in against `authdeck-cli serve`
// in headless Chromium (Debian's /usr/bin/chromium driven by puppeteer-core).
//
//   node run-e2e.mjs [PATH/TO/authdeck-cli]      (or AUTHDECK_CLI=PATH node run-e2e.mjs)
//   node run-e2e.mjs --smoke                     (no server: the SDK pages build, load and send /authorize)
//
// Environment: AUTHDECK_CLI, AUTHDECK_E2E_SCREENSHOTS (folder for light/dark screenshots of each hosted page
// at 1280x800 and 375x740), AUTHDECK_E2E_KEEP=1 (keep the temporary folder after a pass), CHROMIUM_PATH
// (default /usr/bin/chromium). The CLI uses the system keyring: run it inside packaging/run-tests.sh's
// environment (ctest does) or another session with an unlocked keyring.
//
// Prints one line per step with its time in ms; exit 0 only when every step passed, 77 when node_modules is
// missing (ctest reports the test as skipped), 1 on any failure (with a screenshot, the page HTML and the
// tail of the server log). Written in syntax that old Node versions parse, so they get a plain message.
import { spawn, execFile } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync, mkdirSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { unmetEngines } from './lib/node-version.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const APP_ORIGIN = 'http://localhost:3000';
const APP_PORT = 3000;
const PHONE_COUNTRY = 'US';
const PHONE_NUMBER = '2015550123';
const DEMO_USER = { email: 'demo@authdeck.test', password: 'authdeck-demo' };

// Deadlines (ms) for each kind of wait.
const T = {
  cli: 20000, // one authdeck-cli demo / test-phone run
  serverStart: 30000, // authdeck-cli serve printing its "listening" line
  appStart: 60000, // serve.mjs bundling with esbuild and listening
  page: 20000, // a click or navigation landing on the next page
  sms: 20000, // a new SMS reaching the local test phone
  token: 30000, // getTokenSilently through the hidden iframe
  stop: 10000, // a child process ending after SIGTERM
  run: 300000, // the whole run
};

// ---------------------------------------------------------------------------------------------------------
// Step reporting
// ---------------------------------------------------------------------------------------------------------
const state = { tmp: null, page: null, browser: null, children: [], passed: 0, failed: 0, requests: [], console: [] };

class StepFailure extends Error {}

async function step(name, fn) {
  const started = performance.now();
  try {
    const result = await fn();
    state.passed++;
    console.log(`PASS ${name} (${Math.round(performance.now() - started)} ms)`);
    return result;
  } catch (e) {
    state.failed++;
    console.log(`FAIL ${name} (${Math.round(performance.now() - started)} ms)`);
    console.log(`     ${(e && e.message) || e}`.replace(/\n/g, '\n     '));
    throw new StepFailure(name);
  }
}

function fail(message) {
  throw new Error(message);
}

// Polls fn (which returns a value or a falsy value) until it returns something, or fails after timeoutMs
// with a message naming what was awaited and the last error seen.
async function poll(what, timeoutMs, fn, intervalMs = 150) {
  const deadline = Date.now() + timeoutMs;
  let lastError = null;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      fail(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------------------------------------
function tailOf(file, lines = 40) {
  try {
    const all = readFileSync(file, 'utf8').trimEnd().split('\n');
    return all.slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// Starts a long-running child, logs its output to logFile, resolves with the first stdout match of readyRe.
function startProcess(label, command, args, logFile, readyRe, timeoutMs) {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    state.children.push({ label, child });
    let done = false;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value);
    };
    const timer = setTimeout(() => {
      finish(new Error(`${label} did not print a line matching ${readyRe} within ${timeoutMs} ms; its output:\n${tailOf(logFile)}`));
    }, timeoutMs);
    child.stderr.on('data', (d) => log.write(d));
    createInterface({ input: child.stdout }).on('line', (line) => {
      log.write(`${line}\n`);
      const m = readyRe.exec(line);
      if (m) finish(null, { child, match: m });
    });
    child.on('error', (e) => finish(new Error(`${label} could not start (${command}): ${e.message}`)));
    child.on('exit', (code, signal) => {
      finish(new Error(`${label} exited (code ${code}, signal ${signal}) before it was ready; its output:\n${tailOf(logFile)}`));
    });
  });
}

// SIGTERM, then SIGKILL after the deadline. Returns { code, signal } of the exit.
async function stopProcess(child, timeoutMs = T.stop) {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.kill('SIGTERM');
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const result = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (result) return result;
  child.kill('SIGKILL');
  const killed = await exited;
  return { ...killed, killedAfterTimeout: true };
}

function runCommand(command, args, timeoutMs) {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, env: process.env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr, error: error && !(typeof error.code === 'number') ? error : null, timedOut: !!(error && error.killed) });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// The local test phone
// ---------------------------------------------------------------------------------------------------------
async function readInbox(cli, tenant) {
  const r = await runCommand(cli, ['test-phone', '--tenant', tenant, '--json'], T.cli);
  if (r.timedOut) fail(`authdeck-cli test-phone did not finish within ${T.cli} ms`);
  if (r.code !== 0) fail(`authdeck-cli test-phone exited with ${r.code}: ${(r.stderr || r.stdout || (r.error && r.error.message) || '').trim()}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return fail(`authdeck-cli test-phone --json printed a line that is not JSON: ${l}`);
      }
    });
}

const messageKey = (m) => JSON.stringify([m.to, m.text, m.time]);
const digits = (s) => String(s || '').replace(/\D/g, '');

async function inboxSnapshot(cli, tenant) {
  return new Set((await readInbox(cli, tenant)).map(messageKey));
}

// Waits for a message to the number that was not in the `before` snapshot; returns the code of the newest.
async function waitForCode(cli, tenant, number, before) {
  let seen = 0;
  const message = await poll(`a new SMS to ${number} on the local test phone`, T.sms, async () => {
    const all = await readInbox(cli, tenant);
    seen = all.length;
    const fresh = all.filter((m) => !before.has(messageKey(m)) && digits(m.to).endsWith(number));
    return fresh[fresh.length - 1];
  }).catch((e) => fail(`${e.message}; the inbox holds ${seen} message(s)`));
  const m = /\b(\d{6})\b/.exec(message.text || '');
  if (!m) fail(`the SMS to ${message.to} has no 6-digit code: ${JSON.stringify(message.text)}`);
  return m[1];
}

// ---------------------------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------------------------
// Runs in the browser: tells which page is showing once it has settled, or null while it has not.
function detectPage(appOrigin) {
  if (document.readyState !== 'complete' || window.__authdeckE2eMark) return null;
  const text = (el) => (el ? el.textContent.trim().replace(/\s+/g, ' ') : '');
  const error = text(document.getElementById('error'));
  const url = location.href;
  if (location.origin === appOrigin) {
    const status = text(document.getElementById('status'));
    if (status === 'loading' && !error) return null;
    return { kind: 'app', status, error, url };
  }
  const forms = { 'login-form': 'login', 'signup-form': 'signup', 'enroll-form': 'enrollment', 'challenge-form': 'challenge' };
  for (const id of Object.keys(forms)) {
    if (document.getElementById(id)) return { kind: forms[id], error, url };
  }
  if (error) return { kind: 'error', error, url };
  const body = document.body ? document.body.innerText.trim().replace(/\s+/g, ' ') : '';
  return body ? { kind: 'other', text: body.slice(0, 300), url } : null;
}

const PAGE_NAMES = {
  login: 'the hosted login page',
  signup: 'the hosted sign-up page',
  enrollment: 'the phone enrollment page',
  challenge: 'the SMS challenge page',
  error: 'an error page',
  app: 'the app',
};

function describeLanding(where) {
  if (where.kind === 'app') return `the app (status "${where.status}"${where.error ? `, error "${where.error}"` : ''}) at ${where.url}`;
  if (where.kind === 'other') return `a page that is none of the expected ones at ${where.url}: "${where.text}"`;
  return `${PAGE_NAMES[where.kind]}${where.error ? ` showing the error "${where.error}"` : ''} at ${where.url}`;
}

// Waits until the page settles on one of the expected kinds; fails naming where it is instead.
async function land(page, expected, timeoutMs = T.page) {
  const list = Array.isArray(expected) ? expected : [expected];
  let where;
  try {
    const handle = await page.waitForFunction(detectPage, { timeout: timeoutMs, polling: 100 }, APP_ORIGIN);
    where = await handle.jsonValue();
  } catch (e) {
    fail(`timed out after ${timeoutMs} ms waiting for ${list.map((k) => PAGE_NAMES[k]).join(' or ')}; the browser is at ${page.url()} (${e.message.split('\n')[0]})`);
  }
  if (!list.includes(where.kind)) fail(`expected ${list.map((k) => PAGE_NAMES[k]).join(' or ')}, got ${describeLanding(where)}`);
  return where;
}

async function expectApp(page, status, timeoutMs = T.page) {
  const where = await land(page, 'app', timeoutMs);
  if (where.error) fail(`the app shows an error: "${where.error}" (status "${where.status}", ${where.url})`);
  if (where.status !== status) fail(`expected the app to say "${status}", it says "${where.status}" at ${where.url}`);
  return where;
}

// Marks the current document so that land() only accepts the next one, then clicks.
async function clickAway(page, selector) {
  await page.waitForSelector(selector, { visible: true, timeout: T.page });
  await page.evaluate(() => {
    window.__authdeckE2eMark = true;
  });
  await page.click(selector);
}

async function fill(page, selector, value) {
  await page.waitForSelector(selector, { visible: true, timeout: T.page });
  await page.$eval(selector, (el) => {
    el.value = '';
  });
  await page.type(selector, value);
}

const submitOf = (form) => `#${form} button[name=action][value=default]`;

async function appUserEmail(page) {
  const text = await page.$eval('#user', (el) => el.textContent);
  try {
    return JSON.parse(text).email;
  } catch {
    return fail(`#user is not the JSON of getUser(): ${JSON.stringify(text.slice(0, 200))}`);
  }
}

async function captureHosted(page, name) {
  const dir = process.env.AUTHDECK_E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    for (const [width, height] of [[1280, 800], [375, 740]]) {
      await page.setViewport({ width, height });
      await page.screenshot({ path: path.join(dir, `${name}-${scheme}-${width}x${height}.png`) });
    }
  }
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: '' }]);
  await page.setViewport({ width: 1280, height: 800 });
}

function watchPage(page, label) {
  state.page = page;
  page.on('request', (r) => state.requests.push({ method: r.method(), url: r.url() }));
  page.on('console', (m) => state.console.push(`[${label}] console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => state.console.push(`[${label}] page error: ${e.message}`));
  return page;
}

const requestsSince = (index) => state.requests.slice(index);

// ---------------------------------------------------------------------------------------------------------
// Browser and app server
// ---------------------------------------------------------------------------------------------------------
async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    fail(`Chromium not found at ${executablePath}: install Debian's chromium (bash packaging/install-deps.sh --test) or set CHROMIUM_PATH`);
  }
  const { default: puppeteer } = await import('puppeteer-core');
  const args = [
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
  ];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  state.browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args,
    userDataDir: path.join(state.tmp, 'chromium-profile'),
    defaultViewport: { width: 1280, height: 800 },
    protocolTimeout: 60000,
  });
  return state.browser.version();
}

let appServer = null;

async function startApp(app, configFile) {
  if (appServer) {
    const r = await stopProcess(appServer);
    appServer = null;
    if (r.code !== 0) fail(`serve.mjs (previous app) did not exit cleanly: ${JSON.stringify(r)}`);
  }
  const { child } = await startProcess(
    `serve.mjs ${app}`,
    process.execPath,
    [path.join(here, 'serve.mjs'), app, '--config', configFile, '--port', String(APP_PORT), '--out', path.join(state.tmp, `${app}-build`)],
    path.join(state.tmp, `app-server-${app}.log`),
    /App server \(\w+\) listening on (\S+)/,
    T.appStart,
  );
  appServer = child;
}

// ---------------------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------------------
async function scenarioSpa(page, ctx) {
  const { cli, tenant } = ctx;
  const email = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@authdeck.test`;
  const password = `Authdeck-e2e-${Math.random().toString(36).slice(2, 10)}-9!Zq`;
  ctx.user = { email, password };

  await step('A1 SPA (auth0-spa-js) loads and says "logged out"', async () => {
    await page.goto(APP_ORIGIN, { waitUntil: 'load', timeout: T.page });
    await expectApp(page, 'logged out');
  });
  await step('A2 #login (loginWithRedirect) shows the hosted login page', async () => {
    await clickAway(page, '#login');
    await land(page, 'login');
    const authorize = requestsSince(0).find((r) => r.url.startsWith(`${ctx.base}/authorize?`));
    if (!authorize) fail('the browser never requested /authorize on the login server');
    await captureHosted(page, 'login');
  });
  await step('A3 #signup-link shows the sign-up page', async () => {
    await clickAway(page, 'a#signup-link');
    await land(page, 'signup');
    await captureHosted(page, 'signup');
  });
  await step(`A4 sign up ${email} leads to the phone enrollment page`, async () => {
    await fill(page, '#email', email);
    await fill(page, '#password', password);
    await clickAway(page, submitOf('signup-form'));
    await land(page, 'enrollment');
    await captureHosted(page, 'enrollment');
  });
  let before;
  await step(`A5 enroll ${PHONE_COUNTRY} ${PHONE_NUMBER} leads to the SMS challenge page`, async () => {
    const picked = await page.select('select#country', PHONE_COUNTRY);
    if (!picked.includes(PHONE_COUNTRY)) fail(`select#country has no option ${PHONE_COUNTRY}`);
    await fill(page, '#phone', PHONE_NUMBER);
    before = await inboxSnapshot(cli, tenant);
    await clickAway(page, submitOf('enroll-form'));
    await land(page, 'challenge');
    await captureHosted(page, 'challenge');
  });
  let code;
  await step('A6 the enrollment code reaches the local test phone', async () => {
    code = await waitForCode(cli, tenant, PHONE_NUMBER, before);
  });
  await step(`A7 entering the code returns to the SPA logged in as ${email}`, async () => {
    await fill(page, '#code', code);
    await clickAway(page, submitOf('challenge-form'));
    const where = await expectApp(page, 'logged in');
    if (/[?&](code|state)=/.test(where.url)) fail(`the callback parameters are still in the URL: ${where.url}`);
    const got = await appUserEmail(page);
    if (got !== email) fail(`getUser().email is ${JSON.stringify(got)}, expected ${email}`);
    const token = requestsSince(0).find((r) => r.method === 'POST' && r.url === `${ctx.base}/oauth/token`);
    if (!token) fail('no POST /oauth/token was seen');
  });
  await step('A8 getTokenSilently({cacheMode: "off"}) gets a token through the hidden iframe (prompt=none)', async () => {
    const mark = state.requests.length;
    await page.$eval('#token-result', (el) => {
      el.textContent = '';
    });
    await page.click('#token');
    const handle = await page
      .waitForFunction(
        () => {
          const t = document.getElementById('token-result').textContent.trim();
          const e = document.getElementById('error').textContent.trim();
          return t || e ? { token: t, error: e } : null;
        },
        { timeout: T.token, polling: 100 },
      )
      .catch(() =>
        fail(
          `no token and no error within ${T.token} ms: the hidden iframe never posted an answer (the web_message page must be ` +
            `framable by ${APP_ORIGIN}, i.e. no frame-ancestors 'none' / X-Frame-Options there, and post to the parent)`,
        ),
      );
    const result = await handle.jsonValue();
    if (result.error) fail(`the SPA shows: ${result.error}`);
    const seen = requestsSince(mark);
    const silent = seen.find((r) => r.url.startsWith(`${ctx.base}/authorize?`) && /[?&]prompt=none(&|$)/.test(r.url) && /[?&]response_mode=web_message(&|$)/.test(r.url));
    if (!silent) fail(`no /authorize?prompt=none&response_mode=web_message request was seen; requests: ${seen.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    if (!seen.some((r) => r.method === 'POST' && r.url === `${ctx.base}/oauth/token`)) fail('the silent code was never exchanged at POST /oauth/token');
    if (result.token.length < 16) fail(`the token is suspiciously short: ${JSON.stringify(result.token)}`);
  });
  await step('A9 reloading the page stays logged in (silent authentication)', async () => {
    const mark = state.requests.length;
    await page.reload({ waitUntil: 'load', timeout: T.page });
    await expectApp(page, 'logged in');
    const got = await appUserEmail(page);
    if (got !== email) fail(`after the reload getUser().email is ${JSON.stringify(got)}, expected ${email}`);
    if (!requestsSince(mark).some((r) => r.url.startsWith(`${ctx.base}/authorize?`) && /[?&]prompt=none(&|$)/.test(r.url))) {
      fail('the reload did not go through /authorize?prompt=none');
    }
  });
  await step('A10 #logout returns to the SPA logged out', async () => {
    const mark = state.requests.length;
    await clickAway(page, '#logout');
    await expectApp(page, 'logged out');
    if (!requestsSince(mark).some((r) => r.url.startsWith(`${ctx.base}/v2/logout?`))) fail('the browser never requested /v2/logout');
  });
  await step('A11 #login after logout shows the login page again (the server session ended)', async () => {
    await clickAway(page, '#login');
    await land(page, 'login');
  });
  await step(`A12 logging in again as ${email} shows the SMS challenge (policy Always)`, async () => {
    await fill(page, '#username', email);
    await fill(page, '#password', password);
    before = await inboxSnapshot(cli, tenant);
    await clickAway(page, submitOf('login-form'));
    await land(page, 'challenge');
  });
  await step('A13 a new code reaches the local test phone', async () => {
    code = await waitForCode(cli, tenant, PHONE_NUMBER, before);
  });
  await step('A14 entering it returns to the SPA logged in again', async () => {
    await fill(page, '#code', code);
    await clickAway(page, submitOf('challenge-form'));
    await expectApp(page, 'logged in');
    const got = await appUserEmail(page);
    if (got !== email) fail(`getUser().email is ${JSON.stringify(got)}, expected ${email}`);
  });
}

// Finishes whichever MFA page the login led to: enrollment (then the challenge) or the challenge.
async function completeMfa(page, ctx, landing, before) {
  let snapshot = before;
  if (landing.kind === 'enrollment') {
    await page.select('select#country', PHONE_COUNTRY);
    await fill(page, '#phone', PHONE_NUMBER);
    snapshot = await inboxSnapshot(ctx.cli, ctx.tenant);
    await clickAway(page, submitOf('enroll-form'));
    await land(page, 'challenge');
  }
  const code = await waitForCode(ctx.cli, ctx.tenant, PHONE_NUMBER, snapshot);
  await fill(page, '#code', code);
  await clickAway(page, submitOf('challenge-form'));
}

async function scenarioReact(page, ctx) {
  await step('B1 the React page (auth0-react) loads and says "logged out"', async () => {
    await page.goto(APP_ORIGIN, { waitUntil: 'load', timeout: T.page });
    await expectApp(page, 'logged out');
  });
  await step('B2 Log in (loginWithRedirect) shows the hosted login page', async () => {
    await clickAway(page, '#login');
    await land(page, 'login');
  });
  let user;
  let landing;
  let before;
  await step(`B3 log in as ${DEMO_USER.email} (or the user from A if the demo user is refused)`, async () => {
    user = DEMO_USER;
    await fill(page, '#username', user.email);
    await fill(page, '#password', user.password);
    before = await inboxSnapshot(ctx.cli, ctx.tenant);
    await clickAway(page, submitOf('login-form'));
    landing = await land(page, ['challenge', 'enrollment', 'login']);
    if (landing.kind === 'login') {
      if (!ctx.user) fail(`the demo user was refused ("${landing.error}") and scenario A made no user`);
      console.log(`     the demo user was refused ("${landing.error || 'no message'}"); using ${ctx.user.email} from A`);
      user = ctx.user;
      await fill(page, '#username', user.email);
      await fill(page, '#password', user.password);
      before = await inboxSnapshot(ctx.cli, ctx.tenant);
      await clickAway(page, submitOf('login-form'));
      landing = await land(page, ['challenge', 'enrollment']);
    }
    if (landing.kind === 'enrollment') console.log(`     ${user.email} has no phone yet: enrolling ${PHONE_NUMBER}`);
  });
  await step('B4 the SMS code from the local test phone returns to the React page, #user-email shown', async () => {
    await completeMfa(page, ctx, landing, before);
    await expectApp(page, 'logged in');
    await page.waitForSelector('#user-email', { timeout: T.page }).catch(() => fail('#user-email never appeared'));
    const shown = await page.$eval('#user-email', (el) => el.textContent.trim());
    if (shown !== user.email) fail(`#user-email shows ${JSON.stringify(shown)}, expected ${user.email}`);
  });
}

async function scenarioBadRedirect(page, ctx) {
  await step('C1 /authorize with redirect_uri http://evil.example/cb shows an error page and stays on the login server', async () => {
    const allowed = new Set([new URL(ctx.base).host, new URL(APP_ORIGIN).host]);
    const offsite = [];
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      if (r.isInterceptResolutionHandled()) return;
      let host = '';
      try {
        host = new URL(r.url()).host;
      } catch {
        host = '';
      }
      if (r.url().startsWith('data:') || allowed.has(host)) r.continue();
      else {
        offsite.push(r.url());
        r.abort();
      }
    });
    const query = new URLSearchParams({
      client_id: ctx.config.clientId,
      response_type: 'code',
      response_mode: 'query',
      redirect_uri: 'http://evil.example/cb',
      scope: 'openid profile email',
      state: 'e2e-bad-redirect',
      nonce: 'e2e-nonce',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const response = await page.goto(`${ctx.base}/authorize?${query}`, { waitUntil: 'networkidle0', timeout: T.page }).catch((e) => {
      if (offsite.length) fail(`the browser tried to leave the login server: ${offsite.join(', ')}`);
      throw e;
    });
    const where = await land(page, ['error']);
    if (offsite.length) fail(`the browser tried to leave the login server: ${offsite.join(', ')}`);
    const at = new URL(page.url());
    if (at.origin !== ctx.base) fail(`the browser is at ${page.url()}, not on ${ctx.base}`);
    if (!response || response.status() !== 400) fail(`expected status 400 for the error page, got ${response && response.status()}`);
    if (page.frames().some((f) => f.url() && !f.url().startsWith(ctx.base) && f.url() !== 'about:blank')) {
      fail(`a frame left the login server: ${page.frames().map((f) => f.url()).join(', ')}`);
    }
    console.log(`     error shown: "${where.error}"`);
    await captureHosted(page, 'error');
  });
}

// Without a login server: the SDK pages build, render "logged out" and send a well-formed /authorize.
async function smoke(ctx) {
  const config = { domain: 'http://localhost:4000', clientId: 'e2e-smoke-client' };
  const configFile = path.join(state.tmp, 'auth_config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const version = await step('S0 Chromium starts under puppeteer-core', () => launchBrowser());
  console.log(`     ${version}`);
  for (const app of ['spa', 'react']) {
    await step(`S1 ${app}: serve.mjs bundles with esbuild and listens on ${APP_ORIGIN}`, () => startApp(app, configFile));
    const context = await state.browser.createBrowserContext();
    const page = watchPage(await context.newPage(), app);
    await step(`S2 ${app}: the page loads and says "logged out"`, async () => {
      await page.goto(APP_ORIGIN, { waitUntil: 'load', timeout: T.page });
      await expectApp(page, 'logged out');
    });
    await step(`S3 ${app}: Log in sends the browser to ${config.domain}/authorize with PKCE`, async () => {
      await page.setRequestInterception(true);
      let authorize = null;
      page.on('request', (r) => {
        if (r.url().startsWith(`${config.domain}/`)) {
          if (r.url().startsWith(`${config.domain}/authorize?`)) authorize = r.url();
          r.abort();
        } else r.continue();
      });
      await page.click('#login');
      await poll('the navigation to /authorize', T.page, () => authorize);
      const q = new URL(authorize).searchParams;
      const want = { client_id: config.clientId, response_type: 'code', response_mode: 'query', redirect_uri: APP_ORIGIN, code_challenge_method: 'S256' };
      for (const [k, v] of Object.entries(want)) if (q.get(k) !== v) fail(`/authorize has ${k}=${q.get(k)}, expected ${v}: ${authorize}`);
      for (const k of ['state', 'nonce', 'code_challenge', 'auth0Client']) if (!q.get(k)) fail(`/authorize lacks ${k}: ${authorize}`);
      if (!/\bopenid\b/.test(q.get('scope') || '')) fail(`scope lacks openid: ${q.get('scope')}`);
    });
    await context.close();
  }
  ctx.done = true;
}

async function full(ctx) {
  const { cli } = ctx;
  ctx.tenant = path.join(state.tmp, 'tenant.authdeck');
  const configFile = path.join(state.tmp, 'auth_config.json');

  await step('0 authdeck-cli demo --tenant T prints auth_config.json', async () => {
    const r = await runCommand(cli, ['demo', '--tenant', ctx.tenant], T.cli);
    if (r.timedOut) fail(`authdeck-cli demo did not finish within ${T.cli} ms`);
    if (r.code !== 0) fail(`authdeck-cli demo exited with ${r.code}: ${(r.stderr || (r.error && r.error.message) || '').trim()}`);
    const line = r.stdout.trim();
    try {
      ctx.config = JSON.parse(line);
    } catch {
      fail(`authdeck-cli demo printed something that is not JSON: ${JSON.stringify(line.slice(0, 300))}`);
    }
    if (!/^https?:\/\//.test(ctx.config.domain || '') || !ctx.config.clientId) fail(`auth_config.json lacks domain or clientId: ${line}`);
    writeFileSync(configFile, line);
  });
  await step('1 authdeck-cli serve --tenant T prints its "listening" line', async () => {
    const { child, match } = await startProcess(
      'authdeck-cli serve',
      cli,
      ['serve', '--tenant', ctx.tenant],
      path.join(state.tmp, 'server.log'),
      /Login server listening on (http:\/\/\S+)/,
      T.serverStart,
    );
    ctx.server = child;
    ctx.base = match[1].replace(/\/$/, '');
    if (ctx.base !== ctx.config.domain.replace(/\/$/, '')) fail(`the server listens on ${ctx.base} but auth_config.json says ${ctx.config.domain}`);
  });
  await step('2 serve.mjs serves the auth0-spa-js page', () => startApp('spa', configFile));
  const version = await step('3 Chromium starts under puppeteer-core', () => launchBrowser());
  console.log(`     ${version}`);

  const spaPage = watchPage(await state.browser.newPage(), 'spa');
  await scenarioSpa(spaPage, ctx);

  await step('4 serve.mjs serves the auth0-react page', () => startApp('react', configFile));
  const reactContext = await state.browser.createBrowserContext();
  await scenarioReact(watchPage(await reactContext.newPage(), 'react'), ctx);

  await scenarioBadRedirect(watchPage(await state.browser.newPage(), 'bad-redirect'), ctx);

  await step('5 authdeck-cli serve stops on SIGTERM with exit code 0', async () => {
    const r = await stopProcess(ctx.server);
    if (r.killedAfterTimeout) fail(`it was still running ${T.stop} ms after SIGTERM`);
    if (r.code !== 0) fail(`it exited with code ${r.code}, signal ${r.signal}`);
  });
  ctx.done = true;
}

// ---------------------------------------------------------------------------------------------------------
// Failure artifacts, cleanup, main
// ---------------------------------------------------------------------------------------------------------
async function saveArtifacts(label) {
  const slug = label.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60).replace(/-$/, '');
  if (state.page) {
    const png = path.join(state.tmp, `failure-${slug}.png`);
    const html = path.join(state.tmp, `failure-${slug}.html`);
    try {
      await state.page.screenshot({ path: png, fullPage: true });
      console.log(`screenshot: ${png}`);
    } catch (e) {
      console.log(`screenshot: not taken (${e.message})`);
    }
    try {
      writeFileSync(html, `<!-- ${state.page.url()} -->\n${await state.page.content()}`);
      console.log(`page HTML:  ${html} (${state.page.url()})`);
    } catch (e) {
      console.log(`page HTML: not saved (${e.message})`);
    }
  }
  if (state.console.length) {
    const file = path.join(state.tmp, 'browser-console.log');
    writeFileSync(file, `${state.console.join('\n')}\n`);
    const notable = state.console.filter((l) => !/\] console\.(verbose|debug|log|info):/.test(l));
    console.log(`browser console: ${file}; last errors and warnings:\n${notable.slice(-10).join('\n')}`);
  }
  const serverLog = path.join(state.tmp, 'server.log');
  if (existsSync(serverLog)) console.log(`--- tail of ${serverLog}\n${tailOf(serverLog)}\n---`);
}

async function cleanup() {
  if (state.browser) await state.browser.close().catch(() => {});
  for (const { child } of state.children.reverse()) await stopProcess(child).catch(() => {});
}

function preflight(argv) {
  const lock = path.join(here, 'package-lock.json');
  const pkg = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
  // oidc-provider is the benchmark's, auth0 (the Node SDK) and auth0-deploy-cli the Management API tests':
  // not loaded by this runner.
  const others = ['oidc-provider', 'auth0', 'auth0-deploy-cli'];
  const used = Object.keys(pkg.dependencies).filter((n) => !others.includes(n));
  const problems = unmetEngines(lock, used, process.versions.node);
  if (problems.length) {
    for (const p of problems) console.error(`e2e: ${p}`);
    console.error('e2e: FAILED: this Node.js is too old for the e2e suite; install a newer one');
    process.exit(1);
  }
  const missing = used.filter((n) => !existsSync(path.join(here, 'node_modules', n, 'package.json')));
  if (missing.length) {
    console.error(`e2e: SKIPPED: ${path.join(here, 'node_modules')} lacks ${missing.join(', ')}; run "npm ci" in ${here} (packaging/install-deps.sh --test does)`);
    process.exit(77);
  }
  const smokeMode = argv.includes('--smoke');
  const cliArg = argv.find((a) => !a.startsWith('--')) || process.env.AUTHDECK_CLI;
  if (!smokeMode) {
    if (!cliArg) {
      console.error('usage: node run-e2e.mjs PATH/TO/authdeck-cli   (or AUTHDECK_CLI=PATH), or node run-e2e.mjs --smoke');
      process.exit(2);
    }
    if (!existsSync(cliArg)) {
      console.error(`e2e: FAILED: authdeck-cli not found at ${cliArg}`);
      process.exit(1);
    }
  }
  return { smokeMode, cli: cliArg && path.resolve(cliArg) };
}

async function main() {
  const { smokeMode, cli } = preflight(process.argv.slice(2));
  state.tmp = mkdtempSync(path.join(tmpdir(), 'authdeck-e2e-'));
  console.log(`e2e: Node ${process.versions.node}; temporary folder ${state.tmp}`);
  const ctx = { cli, done: false };
  let failure = null;
  let overallTimer;
  const overall = new Promise((resolve) => {
    overallTimer = setTimeout(() => resolve(new Error(`the whole run took longer than ${T.run / 1000} s`)), T.run);
  });
  const onSignal = (signal) => {
    console.log(`e2e: ${signal}: stopping`);
    cleanup().then(() => process.exit(1));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const outcome = await Promise.race([(smokeMode ? smoke(ctx) : full(ctx)).then(() => null), overall]);
    if (outcome) {
      state.failed++;
      failure = outcome.message;
      console.log(`FAIL ${failure}`);
    }
  } catch (e) {
    failure = e instanceof StepFailure ? e.message : `unexpected error: ${(e && e.stack) || e}`;
    if (!(e instanceof StepFailure)) {
      state.failed++;
      console.log(`FAIL ${failure}`);
    }
  }
  clearTimeout(overallTimer);
  if (failure) await saveArtifacts(failure);
  await cleanup();
  if (!failure && !process.env.AUTHDECK_E2E_KEEP) rmSync(state.tmp, { recursive: true, force: true });
  else console.log(`e2e: kept ${state.tmp}`);
  console.log(`e2e: ${state.passed} passed, ${state.failed} failed`);
  process.exit(failure ? 1 : 0);
}

main();
