// A Node.js function for Kumo's process tier (runtime nodejs, handler index.handler). Deploy:
//   (cd examples/process/node && zip -q /tmp/node.zip index.js)
//   ./kumo fn deploy hello-node --runtime nodejs20.x --handler index.handler --zip /tmp/node.zip
'use strict';

let invocations = 0; // module state lives as long as the worker process: warm invocations see it

exports.handler = async (event, context) => {
  invocations += 1;
  const name = (event && event.name) || 'world';
  console.log(`greeting ${name} (invocation ${invocations} of worker ${process.pid})`);
  return {
    message: `Hello, ${name}!`,
    runtime: `node ${process.version}`,
    requestId: context.awsRequestId,
    remainingMs: context.getRemainingTimeInMillis(),
  };
};
