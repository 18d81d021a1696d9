/**
 * The Java worker: the main class of a process-tier worker JVM. It starts generic (JVM up, platform classes
 * loaded), waits on stdin for the function it is to serve, loads that function's jar with the same handler
 * rules as the in-JVM tiers, and then runs the AWS Lambda Runtime API loop against its endpoint. It exits when
 * its stdin closes, so no worker outlives the server that started it.
 */
package dev.kumo.process.worker;
