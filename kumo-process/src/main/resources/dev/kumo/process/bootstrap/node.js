// Kumo's Node.js runtime: a loop over the AWS Lambda Runtime API ($AWS_LAMBDA_RUNTIME_API) that loads
// <file>.<function> from $LAMBDA_TASK_ROOT ($_HANDLER) and calls it with (event, context); async functions,
// promises and callback-style handlers work. No dependencies beyond Node itself.
'use strict';
const http = require('http');
const path = require('path');
const fs = require('fs');
const url = require('url');

const [apiHost, apiPort] = splitHostPort(process.env.AWS_LAMBDA_RUNTIME_API);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
// Printed before each post and before the first poll: tells Kumo the lines before it belong to what just ended.
const SYNC = '\u0001kumo-sync';

// The server keeps our stdin open; when it goes away, so do we.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();

function splitHostPort(value) {
  const i = (value || '').lastIndexOf(':');
  return [value.slice(0, i), Number(value.slice(i + 1))];
}

function request(method, urlPath, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: apiHost, port: apiPort, method, path: urlPath, agent,
      headers: Object.assign({ 'Content-Type': 'application/json' }, headers || {}) }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function errorBody(err, fallbackType) {
  const e = err instanceof Error ? err : new Error(typeof err === 'string' ? err : JSON.stringify(err));
  const type = err instanceof Error ? (e.name || fallbackType) : fallbackType;
  const stack = (e.stack || '').split('\n').slice(1).map((s) => s.trim()).filter((s) => s.length > 0);
  return { errorType: type, errorMessage: e.message, stackTrace: stack };
}

async function postError(urlPath, body) {
  const text = JSON.stringify(body);
  console.error(`${body.errorType}: ${body.errorMessage}`);
  console.log(SYNC);
  await request('POST', urlPath, text, { 'Lambda-Runtime-Function-Error-Type': body.errorType });
}

async function loadHandler() {
  const handler = process.env._HANDLER || '';
  const dot = handler.lastIndexOf('.');
  if (dot < 1) {
    throw Object.assign(new Error(`Bad handler ${handler}: expected file.function`), { name: 'Runtime.MalformedHandlerName' });
  }
  const file = handler.slice(0, dot);
  const fn = handler.slice(dot + 1);
  const root = process.env.LAMBDA_TASK_ROOT || process.cwd();
  let mod;
  let found = null;
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const candidate = path.resolve(root, file + ext);
    if (fs.existsSync(candidate)) { found = candidate; break; }
  }
  if (found === null) {
    throw Object.assign(new Error(`Cannot find module '${file}' in ${root}`), { name: 'Runtime.ImportModuleError' });
  }
  try {
    mod = found.endsWith('.mjs') ? await import(url.pathToFileURL(found).href) : require(found);
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND') e.name = 'Runtime.ImportModuleError';
    throw e;
  }
  const f = mod[fn] !== undefined ? mod[fn] : (mod.default && mod.default[fn]);
  if (typeof f !== 'function') {
    throw Object.assign(new Error(`${handler} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  return f;
}

function context(headers) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  return {
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

function call(handler, event, ctx) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err, value) => {
      if (settled) return;
      settled = true;
      if (err !== undefined && err !== null) reject(err); else resolve(value);
    };
    ctx.done = done;
    ctx.succeed = (v) => done(null, v);
    ctx.fail = (e) => done(e);
    try {
      const result = handler.length >= 3 ? handler(event, ctx, done) : handler(event, ctx);
      if (result && typeof result.then === 'function') {
        result.then((v) => done(null, v), (e) => done(e === undefined ? new Error('undefined') : e));
      } else if (handler.length < 3) {
        done(null, result);
      }
    } catch (e) {
      done(e);
    }
  });
}

async function main() {
  const base = '/2018-06-01/runtime';
  let handler;
  try {
    handler = await loadHandler();
  } catch (e) {
    await postError(`${base}/init/error`, errorBody(e, 'Runtime.UserCodeSyntaxError'));
    process.exit(1);
  }
  console.log(SYNC);
  for (;;) {
    const next = await request('GET', `${base}/invocation/next`);
    const id = next.headers['lambda-runtime-aws-request-id'];
    let event;
    try {
      event = next.body.length === 0 ? {} : JSON.parse(next.body.toString('utf8'));
    } catch (e) {
      event = next.body.toString('utf8');
    }
    try {
      const value = await call(handler, event, context(next.headers));
      const text = JSON.stringify(value === undefined ? null : value);
      console.log(SYNC);
      await request('POST', `${base}/invocation/${id}/response`, text);
    } catch (e) {
      await postError(`${base}/invocation/${id}/error`, errorBody(e, 'Error'));
    }
  }
}

main().catch((e) => {
  console.error(`Runtime API unreachable: ${e && e.message}`);
  process.exit(2);
});
