/**
 * AWS Lambda API compatibility on Kumo's own port: the Invoke API and the function, version and alias management
 * calls under {@code /2015-03-31/functions}, with Lambda's JSON shapes, headers and error codes, so that the
 * official AWS SDKs and CLI work against Kumo unchanged. Every route is a thin translation onto Kumo's own
 * components (the dispatcher, the asynchronous runtime, the deployer and the store); nothing here runs functions.
 * {@link dev.kumo.server.compat.lambda.LambdaApi} wires it; {@code docs/guides/lambda-compat.md} lists what is
 * supported.
 */
package dev.kumo.server.compat.lambda;
