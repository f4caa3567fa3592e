// node --require without-koffi.cjs ...: koffi cannot be resolved, as where its native binary is missing.
// The pid lock then has no kernel lock to take and runs on the pid judgement alone (lockKind 'pid').
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- it patches CommonJS resolution */
const Module = require('node:module');

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveWithoutKoffi(request, ...rest) {
  if (request === 'koffi') throw Object.assign(new Error("Cannot find module 'koffi'"), { code: 'MODULE_NOT_FOUND' });
  return resolve.call(this, request, ...rest);
};
