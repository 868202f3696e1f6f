'use strict';
// Authdeck's custom-action runner: the main thread of the Node.js worker process that ActionRuntime
// (core/runtime) drives over JSON lines on stdin/stdout. One JSON object per line each way:
//
//   runner -> app  {"type":"hello","protocol":1,"node":"20.11.1"}                       first line, once
//   app -> runner  {"type":"run","id":7,"actionId":"...","fileName":"a.js","handler":"onExecuteX",
//                   "api":["access.deny",...],"code":"...","event":{...},"secrets":{...},
//                   "configuration":{...},"modulesDir":"...","timeoutMs":20000,"memoryLimitMb":128}
//   app -> runner  {"type":"check","id":8,"code":"...","fileName":"a.js"}
//   app -> runner  {"type":"cancel","id":7}
//   runner -> app  {"type":"result","id":7,"status":"succeeded"|"threw"|"timedOut"|"outOfMemory"|
//                   "workerCrashed"|"syntaxError"|"cancelled","error":"...","stack":"...","line":3,
//                   "column":5,"commands":[...],"console":[{"level":"log","text":"...","atMs":1.2}],
//                   "durationMs":0.4,"returnValue":...}
//
// Each run executes in one of a pool of warm worker_threads (action-thread.js) with a heap limit; the main
// thread enforces the timeout by terminating the thread and keeps api.cache per action id. Nothing but
// protocol lines is ever written to stdout, and nothing from a request (secrets!) is written anywhere else.
// Written for Node.js 12 syntax so that an old Node.js still says hello and can be refused by version.

const PROTOCOL = 1;

function send(message) {
    process.stdout.write(JSON.stringify(message) + '\n');
}

send({ type: 'hello', protocol: PROTOCOL, node: process.versions.node });

const path = require('path');
const { Worker } = require('worker_threads');
const { compileModule, describeSyntaxError } = require('./compile.js');

const THREAD_SCRIPT = path.join(__dirname, 'action-thread.js');
const POOL_SIZE = Math.max(1, parseInt(process.argv[2], 10) || 2);
const DEFAULT_MEMORY_MB = Math.max(16, parseInt(process.argv[3], 10) || 128);

const slots = []; // {worker, ready, run, memoryLimitMb, failure}
const waiting = []; // run requests waiting for a free thread
const caches = new Map(); // actionId -> Map(key -> {value, expires_at})

function seconds(ms) {
    return String(Number((ms / 1000).toPrecision(3)));
}

// ---- api.cache, kept here per action id; the threads get a snapshot and report each write ----

function cacheSnapshot(actionId) {
    const snapshot = {};
    const entries = caches.get(actionId);
    if (!entries)
        return snapshot;
    const now = Date.now();
    for (const [key, entry] of entries) {
        if (entry.expires_at <= now)
            entries.delete(key);
        else
            snapshot[key] = entry;
    }
    return snapshot;
}

function applyCacheWrite(actionId, write) {
    if (!actionId)
        return; // a one-off run's cache lives only as long as the run
    let entries = caches.get(actionId);
    if (!entries) {
        entries = new Map();
        caches.set(actionId, entries);
    }
    if (write.op === 'set')
        entries.set(String(write.key), { value: String(write.value), expires_at: Number(write.expires_at) });
    else if (write.op === 'delete')
        entries.delete(String(write.key));
}

// ---- the pool of JS threads ----

function spawn(slot, memoryLimitMb) {
    const worker = new Worker(THREAD_SCRIPT, {
        resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb },
        stdout: true, // the thread captures its own output; whatever escapes is dropped, never ours
        stderr: true,
    });
    slot.worker = worker;
    slot.ready = false;
    slot.run = null;
    slot.memoryLimitMb = memoryLimitMb;
    slot.failure = '';
    worker.stdout.resume();
    worker.stderr.resume();
    worker.on('message', (message) => {
        if (slot.worker === worker)
            onThreadMessage(slot, message);
    });
    worker.on('error', (error) => {
        if (slot.worker === worker)
            onThreadLost(slot, error, null);
    });
    worker.on('exit', (code) => {
        if (slot.worker === worker)
            onThreadLost(slot, null, code);
    });
}

// Stops the slot's thread (its events are ignored from now on) and starts a fresh one.
function replace(slot, memoryLimitMb) {
    const old = slot.worker;
    slot.worker = null;
    if (old)
        old.terminate();
    spawn(slot, memoryLimitMb);
}

function onThreadMessage(slot, message) {
    const run = slot.run;
    if (message.type === 'ready') {
        slot.ready = true;
        pump();
    } else if (!run || message.id !== run.request.id) {
        return; // a late message of a run that already ended
    } else if (message.type === 'console') {
        run.console.push(message.line);
    } else if (message.type === 'command') {
        run.commands.push(message.command);
    } else if (message.type === 'cache') {
        applyCacheWrite(run.request.actionId, message);
    } else if (message.type === 'done') {
        finishRun(slot, message);
    }
}

function onThreadLost(slot, error, exitCode) {
    const run = slot.run;
    slot.worker = null;
    slot.run = null;
    if (!slot.ready) {
        // The thread did not even start: do not respawn in a loop; the next run tries again.
        slot.failure = 'Could not start a JS thread: ' + (error ? error.message : 'exit code ' + exitCode);
        failWaitingIfNoThread();
        return;
    }
    if (run) {
        clearTimeout(run.timer);
        if (error && error.code === 'ERR_WORKER_OUT_OF_MEMORY')
            reply(run, { status: 'outOfMemory', error: 'The action ran out of memory (limit ' + slot.memoryLimitMb + ' MB)' });
        else if (error)
            reply(run, { status: 'threw', error: String(error.name || 'Error') + ': ' + error.message, stack: String(error.stack || '') });
        else
            reply(run, { status: 'workerCrashed', error: 'The action stopped its JS thread (exit code ' + exitCode + ')' });
    }
    spawn(slot, slot.memoryLimitMb);
}

function failWaitingIfNoThread() {
    if (slots.some((slot) => slot.worker))
        return;
    const reason = slots.map((slot) => slot.failure).filter(Boolean)[0] || 'No JS thread is running';
    while (waiting.length)
        send({ type: 'result', id: waiting.shift().id, status: 'workerCrashed', error: reason });
}

function pump() {
    for (const slot of slots) {
        if (!slot.worker && waiting.length)
            spawn(slot, waiting[0].memoryLimitMb);
    }
    while (waiting.length) {
        const slot = slots.find((s) => s.worker && s.ready && !s.run);
        if (!slot)
            return;
        const request = waiting.shift();
        if (slot.memoryLimitMb !== request.memoryLimitMb) {
            waiting.unshift(request);
            replace(slot, request.memoryLimitMb);
            continue;
        }
        startRun(slot, request);
    }
}

function startRun(slot, request) {
    const run = { request: request, console: [], commands: [], timer: null };
    slot.run = run;
    run.timer = setTimeout(() => {
        slot.run = null;
        replace(slot, slot.memoryLimitMb);
        reply(run, { status: 'timedOut', error: 'Timed out after ' + seconds(request.timeoutMs) + ' s' });
        pump();
    }, request.timeoutMs);
    const event = Object.assign({}, request.event, {
        secrets: request.secrets || {},
        configuration: request.configuration || {},
    });
    slot.worker.postMessage({
        type: 'run',
        id: request.id,
        fileName: request.fileName,
        handler: request.handler,
        api: request.api || [],
        code: request.code,
        event: event,
        modulesDir: request.modulesDir || '',
        cache: cacheSnapshot(request.actionId),
    });
}

function finishRun(slot, done) {
    const run = slot.run;
    clearTimeout(run.timer);
    slot.run = null;
    reply(run, done);
    pump();
}

function reply(run, fields) {
    send({
        type: 'result',
        id: run.request.id,
        status: fields.status,
        error: fields.error || '',
        stack: fields.stack || '',
        line: fields.line || 0,
        column: fields.column || 0,
        commands: run.commands,
        console: run.console,
        durationMs: fields.durationMs || 0,
        returnValue: fields.returnValue,
    });
}

function cancel(id) {
    const index = waiting.findIndex((request) => request.id === id);
    if (index >= 0) {
        waiting.splice(index, 1);
        send({ type: 'result', id: id, status: 'cancelled', error: 'Cancelled' });
        return;
    }
    const slot = slots.find((s) => s.run && s.run.request.id === id);
    if (!slot)
        return;
    const run = slot.run;
    clearTimeout(run.timer);
    slot.run = null;
    replace(slot, slot.memoryLimitMb);
    reply(run, { status: 'cancelled', error: 'Cancelled' });
}

// ---- syntax check, in this thread: compiling does not run anything ----

function check(request) {
    try {
        compileModule(request.code, request.fileName);
        send({ type: 'result', id: request.id, status: 'succeeded' });
    } catch (error) {
        send(Object.assign({ type: 'result', id: request.id }, describeSyntaxError(error)));
    }
}

// ---- the protocol ----

function onLine(line) {
    if (!line.trim())
        return;
    let message;
    try {
        message = JSON.parse(line);
    } catch (error) {
        send({ type: 'error', error: 'A request was not JSON' }); // never echo any of it: it may hold secrets
        return;
    }
    if (message.type === 'run') {
        message.memoryLimitMb = Math.max(16, Number(message.memoryLimitMb) || DEFAULT_MEMORY_MB);
        message.timeoutMs = Math.max(1, Number(message.timeoutMs) || 20000);
        waiting.push(message);
        pump();
    } else if (message.type === 'check') {
        check(message);
    } else if (message.type === 'cancel') {
        cancel(message.id);
    } else {
        send({ type: 'error', error: 'Unknown request type: ' + String(message.type) });
    }
}

for (let i = 0; i < POOL_SIZE; ++i) {
    const slot = {};
    slots.push(slot);
    spawn(slot, DEFAULT_MEMORY_MB);
}

let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        onLine(line);
    }
});
// The app closed our stdin (it quit or dropped us): stop, threads and all.
process.stdin.on('end', () => process.exit(0));
