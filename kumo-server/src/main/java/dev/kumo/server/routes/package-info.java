/**
 * The REST routes under {@code /v1} and the operational endpoints. Each class registers the routes of one
 * resource on the {@link dev.kumo.server.http.Router}; JSON views of core records live in
 * {@link dev.kumo.server.routes.Views}.
 */
package dev.kumo.server.routes;
