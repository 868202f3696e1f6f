'use strict';
// Compiling a custom action as the body of a CommonJS module, shared by runner.js (syntax checks) and
// action-thread.js (runs). The body gets the usual module parameters and keeps the action's own file name,
// so line numbers in errors and stacks are the action's lines.

const vm = require('vm');

const MODULE_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname'];

function compileModule(code, fileName) {
    return vm.compileFunction(String(code), MODULE_PARAMS, { filename: fileName });
}

// Node decorates a compile error's stack as "file:LINE\n<source line>\n   ^^^\n\nSyntaxError: message".
function describeSyntaxError(error) {
    const head = String(error.stack || '').split('\n    at ')[0];
    const lines = head.split('\n');
    const where = /:(\d+)$/.exec(lines[0] || '');
    const caret = (lines[2] || '').indexOf('^');
    return {
        status: 'syntaxError',
        error: String(error.name || 'SyntaxError') + ': ' + error.message,
        stack: head,
        line: where ? Number(where[1]) : 0,
        column: where && caret >= 0 ? caret + 1 : 0,
    };
}

module.exports = { compileModule, describeSyntaxError };
