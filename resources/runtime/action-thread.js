'use strict';
// One warm JS thread of Authdeck's runner (runner.js): runs one custom action at a time. The action is
// compiled as a CommonJS module under its own file name, so that stacks read "<fileName>:LINE:COL", and its
// handler is called with (event, api). console output and api calls are posted to the main thread as they
// happen, so that a run stopped by its timeout still shows them.

const Module = require('module');
const path = require('path');
const util = require('util');
const { Writable } = require('stream');
const { parentPort } = require('worker_threads');
const { compileModule, describeSyntaxError } = require('./compile.js');

const MAX_CONSOLE_LINES = 1000;
const MAX_LINE_LENGTH = 10000;
const DEFAULT_CACHE_TTL_MS = 15 * 60 * 1000;
const LEVELS = ['log', 'info', 'warn', 'error', 'debug'];
// Stack frames of this runner (the thread's message dispatch), which mean nothing to the action's author.
const RUNNER_FRAMES = [__dirname, 'node:internal/event_target', 'node:internal/per_context/messageport'];

let current = null; // the run in progress: {id, started, lines, failed, fail}

function post(message) {
    parentPort.postMessage(message);
}

// ---- console: every line goes to the run's console, never to a stream of the process ----

function writeLine(level, text) {
    if (!current)
        return;
    const run = current;
    run.lines += 1;
    if (run.lines > MAX_CONSOLE_LINES) {
        if (run.lines === MAX_CONSOLE_LINES + 1)
            post({ type: 'console', id: run.id, line: { level: 'warn', text: 'Further console output was dropped', atMs: elapsed(run) } });
        return;
    }
    if (text.length > MAX_LINE_LENGTH)
        text = text.slice(0, MAX_LINE_LENGTH) + '… (cut)';
    post({ type: 'console', id: run.id, line: { level: level, text: text, atMs: elapsed(run) } });
}

function elapsed(run) {
    return Math.round((performance.now() - run.started) * 1000) / 1000;
}

function capture(level) {
    return new Writable({
        write(chunk, encoding, callback) {
            writeLine(level, String(chunk).replace(/\n$/, ''));
            callback();
        },
    });
}

// The full Console API (table, dir, time, ...) on capturing streams, with the five levels kept apart.
const capturedConsole = new console.Console({ stdout: capture('log'), stderr: capture('error') });
for (const level of LEVELS)
    capturedConsole[level] = (...args) => writeLine(level, util.format(...args));
globalThis.console = capturedConsole;
process.stdout.write = (chunk) => { writeLine('log', String(chunk).replace(/\n$/, '')); return true; };
process.stderr.write = (chunk) => { writeLine('error', String(chunk).replace(/\n$/, '')); return true; };

// ---- values that cross to the app must be JSON ----

// Cycles become "[Circular]" (a value seen twice elsewhere is kept), BigInts become text.
function toJson(value) {
    const ancestors = [];
    const text = JSON.stringify(value, function (key, item) {
        if (typeof item === 'bigint')
            return item.toString();
        if (typeof item !== 'object' || item === null)
            return item;
        while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this)
            ancestors.pop();
        if (ancestors.includes(item))
            return '[Circular]';
        ancestors.push(item);
        return item;
    });
    return text === undefined ? undefined : JSON.parse(text);
}

// ---- the api object ----

function record(run, api, args) {
    if (current !== run)
        return;
    const given = args.slice();
    while (given.length && given[given.length - 1] === undefined)
        given.pop(); // cache.set(key, value) is not cache.set(key, value, null)
    post({ type: 'command', id: run.id, command: { api: api, args: toJson(given) } });
}

function makeCache(run, snapshot) {
    const entries = new Map(Object.entries(snapshot));
    return Object.freeze({
        get(key) {
            record(run, 'cache.get', [key]);
            const entry = entries.get(String(key));
            if (!entry || entry.expires_at <= Date.now())
                return undefined;
            return { value: entry.value, expires_at: entry.expires_at };
        },
        set(key, value, options) {
            record(run, 'cache.set', [key, value, options]);
            const ttl = options && options.ttl !== undefined ? Number(options.ttl) : DEFAULT_CACHE_TTL_MS;
            const expiresAt = options && options.expires_at !== undefined ? Number(options.expires_at) : Date.now() + ttl;
            const entry = { value: String(value), expires_at: expiresAt };
            entries.set(String(key), entry);
            post({ type: 'cache', id: run.id, op: 'set', key: String(key), value: entry.value, expires_at: expiresAt });
            return { type: 'success' };
        },
        delete(key) {
            record(run, 'cache.delete', [key]);
            entries.delete(String(key));
            post({ type: 'cache', id: run.id, op: 'delete', key: String(key) });
            return { type: 'success' };
        },
    });
}

// Every method records {api, args} and, like Auth0's, returns the api object for chaining.
function makeApi(run, methods, cache) {
    const api = {};
    for (const dotted of methods) {
        const parts = dotted.split('.');
        if (parts[0] === 'cache')
            continue;
        let node = api;
        for (const part of parts.slice(0, -1))
            node = node[part] || (node[part] = {});
        node[parts[parts.length - 1]] = (...args) => {
            record(run, dotted, args);
            return api;
        };
    }
    if (methods.some((dotted) => dotted.startsWith('cache.')))
        api.cache = cache;
    return api;
}

// ---- errors ----

function describeThrown(value, fileName) {
    if (!(value instanceof Error) && !(value && typeof value === 'object' && 'stack' in value && 'message' in value))
        return { error: typeof value === 'string' ? value : util.inspect(value), stack: '' };
    const name = String(value.name || 'Error');
    const message = String(value.message || '');
    const stack = String(value.stack || '')
        .split('\n')
        .filter((line) => !RUNNER_FRAMES.some((frame) => line.includes(frame)))
        .join('\n');
    const escaped = fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const where = new RegExp('[( ]' + escaped + ':(\\d+):(\\d+)\\)?$', 'm').exec(stack);
    return {
        error: message ? name + ': ' + message : name,
        stack: stack,
        line: where ? Number(where[1]) : 0,
        column: where ? Number(where[2]) : 0,
    };
}

// ---- a run ----

async function run(request) {
    const state = { id: request.id, started: performance.now(), lines: 0 };
    state.failed = new Promise((resolve, reject) => { state.fail = reject; });
    state.failed.catch(() => {});
    current = state;
    let body;
    try {
        body = compileModule(request.code, request.fileName);
    } catch (error) {
        return describeSyntaxError(error);
    }
    let handlerStarted = 0;
    try {
        const base = request.modulesDir ? path.join(request.modulesDir, '..') : __dirname;
        const filename = path.join(base, request.fileName);
        const module = { exports: {} };
        body.call(module.exports, module.exports, Module.createRequire(filename), module, filename, base);
        const handler = module.exports && module.exports[request.handler];
        if (typeof handler !== 'function')
            return { status: 'threw', error: 'The action does not export ' + request.handler };
        const api = makeApi(state, request.api, makeCache(state, request.cache || {}));
        handlerStarted = performance.now();
        const value = await Promise.race([handler(request.event, api), state.failed]);
        return { status: 'succeeded', durationMs: performance.now() - handlerStarted, returnValue: toJson(value) };
    } catch (error) {
        return Object.assign(describeThrown(error, request.fileName), {
            status: 'threw',
            durationMs: handlerStarted ? performance.now() - handlerStarted : 0,
        });
    }
}

// An error thrown later by a timer of the action, or a promise it left rejected, fails the run in progress.
process.on('uncaughtException', (error) => failCurrent(error));
process.on('unhandledRejection', (error) => failCurrent(error));

function failCurrent(error) {
    if (current)
        current.fail(error);
}

parentPort.on('message', async (request) => {
    if (request.type !== 'run')
        return;
    const result = await run(request);
    current = null;
    post(Object.assign({ type: 'done', id: request.id }, result));
});

post({ type: 'ready' });
