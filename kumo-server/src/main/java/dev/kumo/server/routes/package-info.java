/**
 * The REST routes under {@code /v1} and the operational endpoints. Each class registers the routes of one
 * resource on the {@link dev.kumo.server.http.Router}; JSON views of core records live in
 * {@link dev.kumo.server.routes.Views} and {@link dev.kumo.server.routes.EventViews}. Asynchronous routes (async
 * invoke, dead letters, schedules, triggers, rules, topics) delegate to the {@link dev.kumo.async.AsyncRuntime}.
 */
package dev.kumo.server.routes;
