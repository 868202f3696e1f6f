#!/usr/bin/env node
// Preview of the hosted login pages (resources/login) with sample data, for looking at them in a browser
// without building or running the server. Node 20, no packages.
//
//   node tests/e2e/preview/render-templates.mjs [--out DIR] [--screenshots DIR] [--chromium PATH]
//
// Writes one HTML file per sample into --out (default: a new temp directory) and prints its path.
// With --screenshots it also serves those files over HTTP with the server's Content-Security-Policy
// (so a CSP violation shows up, and is reported) and has headless Chromium save page-width-theme.png
// for every sample at 1280x800 and 375x740, light and dark.
//
// The renderer here is a preview-only copy of the contract's mustache subset (SERVER-CONTRACT.md):
// {{name}} (HTML-escaped), {{#name}}..{{/name}}, {{^name}}..{{/name}} and {{{body}}} in layout.html only.
// Anything else in a template is an error, and so is a variable the contract does not give that page.

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const templates = join(repo, "resources/login");

const CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; " +
  "form-action 'self' http://localhost:3000; frame-ancestors 'none'";

// The variables SERVER-CONTRACT.md gives each template (the layout's are visible to every page body).
const layoutVariables = ["title", "tenantName", "applicationName"];
const contractVariables = {
  layout: [...layoutVariables, "body"],
  login: ["action", "csrf", "email", "error", "signupUrl"],
  signup: ["action", "csrf", "email", "error", "loginUrl"],
  "mfa-phone-enrollment": ["action", "csrf", "phone", "error", "countries", "code", "name", "callingCode", "selected"],
  "mfa-sms-challenge": ["action", "csrf", "maskedPhone", "error", "resendSeconds", "resendWaiting"],
  error: ["errorCode", "errorDescription", "trackingId"],
  "logged-out": [],
  "web-message": ["responseJson", "targetOrigin"],
};

// ---- the mustache subset -------------------------------------------------------------------------

function parse(source, name) {
  const root = { children: [] };
  const stack = [root];
  const tag = /\{\{\{\s*([\w.]+)\s*\}\}\}|\{\{([#^/]?)\s*([\w.]+)\s*\}\}|\{\{/g;
  let last = 0;
  for (let m; (m = tag.exec(source)); last = tag.lastIndex) {
    const top = stack[stack.length - 1];
    if (m.index > last) top.children.push({ text: source.slice(last, m.index) });
    if (m[1] !== undefined) {
      if (name !== "layout" || m[1] !== "body") throw new Error(`${name}: raw {{{${m[1]}}}} is not allowed`);
      top.children.push({ raw: m[1] });
    } else if (m[3] === undefined) {
      throw new Error(`${name}: a tag outside the subset at ${source.slice(m.index, m.index + 20)}`);
    } else if (m[2] === "#" || m[2] === "^") {
      const section = { section: m[3], inverted: m[2] === "^", children: [] };
      top.children.push(section);
      stack.push(section);
    } else if (m[2] === "/") {
      if (top.section !== m[3]) throw new Error(`${name}: {{/${m[3]}}} closes ${top.section ?? "nothing"}`);
      stack.pop();
    } else {
      top.children.push({ variable: m[3] });
    }
  }
  if (stack.length !== 1) throw new Error(`${name}: {{#${stack[stack.length - 1].section}}} is not closed`);
  root.children.push({ text: source.slice(last) });
  return root;
}

function usedNames(node, into = new Set()) {
  for (const child of node.children ?? []) {
    const n = child.variable ?? child.raw ?? child.section;
    if (n) into.add(n);
    usedNames(child, into);
  }
  return into;
}

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function lookup(contexts, key) {
  for (let i = contexts.length - 1; i >= 0; i--) if (key in contexts[i]) return contexts[i][key];
  return undefined;
}

function truthy(value) {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== false && value !== "";
}

function render(node, contexts) {
  let out = "";
  for (const child of node.children) {
    if (child.text !== undefined) out += child.text;
    else if (child.raw !== undefined) out += lookup(contexts, child.raw) ?? "";
    else if (child.variable !== undefined) out += escapeHtml(lookup(contexts, child.variable) ?? "");
    else {
      const value = lookup(contexts, child.section);
      if (child.inverted) {
        if (!truthy(value)) out += render(child, contexts);
      } else if (Array.isArray(value)) {
        for (const item of value) out += render(child, [...contexts, item]);
      } else if (truthy(value)) {
        out += render(child, contexts);
      }
    }
  }
  return out;
}

const parsed = {};
function template(name) {
  if (!parsed[name]) {
    parsed[name] = parse(readFileSync(join(templates, `${name}.html`), "utf8"), name);
    const allowed = new Set(name === "layout" || name === "web-message"
      ? contractVariables[name]
      : [...layoutVariables, ...contractVariables[name]]);
    const extra = [...usedNames(parsed[name])].filter((v) => !allowed.has(v));
    if (extra.length) throw new Error(`${name}.html uses variables the contract does not give it: ${extra}`);
  }
  return parsed[name];
}

function renderPage(page, data) {
  if (page === "web-message") return render(template(page), [data]);
  const layout = { title: data.title, tenantName: data.tenantName, applicationName: data.applicationName };
  const body = render(template(page), [layout, data]);
  return render(template("layout"), [{ ...layout, body }]);
}

// ---- sample data ---------------------------------------------------------------------------------

const common = { tenantName: "My tenant", applicationName: "Demo React App", csrf: "c5rf-sample-token" };
const countries = [
  ["AU", "Australia", "61"], ["BR", "Brazil", "55"], ["CA", "Canada", "1"], ["FR", "France", "33"],
  ["DE", "Germany", "49"], ["IN", "India", "91"], ["GB", "United Kingdom", "44"], ["US", "United States", "1"],
].map(([code, name, callingCode]) => ({ code, name, callingCode, selected: code === "US" }));

const samples = {
  login: ["login", { title: "Log in", action: "/u/login?state=TX", email: "", error: "", signupUrl: "/u/signup?state=TX" }],
  "login-error": ["login", {
    title: "Log in", action: "/u/login?state=TX", email: "demo@authdeck.test", error: "Wrong email or password.",
    signupUrl: "/u/signup?state=TX",
  }],
  signup: ["signup", { title: "Sign up", action: "/u/signup?state=TX", email: "", error: "", loginUrl: "/u/login?state=TX" }],
  "mfa-phone-enrollment": ["mfa-phone-enrollment", {
    title: "Secure Your Account", action: "/u/mfa-phone-enrollment?state=TX", phone: "", error: "", countries,
  }],
  "mfa-phone-enrollment-error": ["mfa-phone-enrollment", {
    title: "Secure Your Account", action: "/u/mfa-phone-enrollment?state=TX", phone: "555 01",
    error: "It seems that your phone number is not valid. Please check and retry.", countries,
  }],
  "mfa-sms-challenge": ["mfa-sms-challenge", {
    title: "Verify Your Identity", action: "/u/mfa-sms-challenge?state=TX", maskedPhone: "+1******0123", error: "",
    resendSeconds: "27", resendWaiting: true,
  }],
  "mfa-sms-challenge-error": ["mfa-sms-challenge", {
    title: "Verify Your Identity", action: "/u/mfa-sms-challenge?state=TX", maskedPhone: "+1******0123",
    error: "The code you entered is invalid", resendSeconds: "0", resendWaiting: false,
  }],
  error: ["error", {
    title: "Error", errorCode: "invalid_request",
    errorDescription: "The redirect_uri http://localhost:3001/callback is not in the application's Allowed Callback URLs.",
    trackingId: "a3f1c9e07b2d4e58",
  }],
  "logged-out": ["logged-out", { title: "Logged out" }],
  "web-message": ["web-message", {
    responseJson: JSON.stringify({ type: "authorization_response", response: { code: "abc", state: "xyz" } }),
    targetOrigin: "http://localhost:3000",
  }],
};

// ---- output --------------------------------------------------------------------------------------

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = resolve(option("--out") ?? mkdtempSync(join(tmpdir(), "authdeck-login-preview-")));
mkdirSync(join(out, "u/assets"), { recursive: true });
for (const asset of ["style.css", "login.js", "web-message.js"])
  writeFileSync(join(out, "u/assets", asset), readFileSync(join(templates, asset)));
for (const [file, [page, data]] of Object.entries(samples))
  writeFileSync(join(out, `${file}.html`), renderPage(page, { ...common, ...data }));
console.log(out);

const shots = option("--screenshots");
if (shots) {
  const chromium = option("--chromium") ?? "chromium";
  mkdirSync(shots, { recursive: true });
  const server = createServer((req, res) => {
    const path = join(out, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!path.startsWith(out) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const type = path.endsWith(".css") ? "text/css" : path.endsWith(".js") ? "text/javascript" : "text/html";
    res.writeHead(200, { "Content-Type": `${type}; charset=utf-8`, "Content-Security-Policy": CSP });
    res.end(readFileSync(path));
  });
  await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
  const base = `http://127.0.0.1:${server.address().port}`;
  const themes = { light: ["--blink-settings=preferredColorScheme=1"], dark: ["--blink-settings=preferredColorScheme=0"] };
  let violations = 0;
  for (const file of Object.keys(samples).filter((f) => f !== "web-message")) {
    for (const [width, height] of [[1280, 800], [375, 740]]) {
      for (const [theme, flags] of Object.entries(themes)) {
        const png = join(shots, `${file}-${width}-${theme}.png`);
        const run = await new Promise((done) => {
          const child = spawn(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr",
            "--virtual-time-budget=1500", ...flags, `--window-size=${width},${height}`, `--screenshot=${png}`,
            `${base}/${file}.html`,
          ], { stdio: ["ignore", "ignore", "pipe"] });
          let stderr = "";
          child.stderr.on("data", (d) => (stderr += d));
          child.on("close", (code) => done({ code, stderr }));
        });
        const refused = run.stderr.split("\n").filter((l) => /Content Security Policy|Refused to/.test(l));
        violations += refused.length;
        refused.forEach((l) => console.error(`${file}: ${l}`));
        if (run.code !== 0) console.error(`${file}: chromium exited ${run.code}`);
        console.log(png);
      }
    }
  }
  server.close();
  if (violations) {
    console.error(`${violations} Content-Security-Policy violation(s)`);
    process.exitCode = 1;
  }
}
