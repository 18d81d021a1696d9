/**
 * The HTTP gateway: a Netty pipeline that enforces body limits, hands each complete request to a virtual
 * thread, and a small router that maps method + path to a route (plus one prefix, the function URLs', that takes
 * every method and path below it). The event loop never blocks; routes run
 * blocking code on their virtual thread and produce a {@link dev.kumo.server.http.Response}.
 */
package dev.kumo.server.http;
