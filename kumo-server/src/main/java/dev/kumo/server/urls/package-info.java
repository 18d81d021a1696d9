/**
 * Function URLs: HTTP routes ({@code METHOD /path/{param}/*}) served under the routes prefix on the API's
 * port. A compiled, most-specific-first {@link dev.kumo.server.urls.RouteTable} picks the route, the request
 * becomes a Lambda-style {@code 2.0} event, the function runs synchronously through the dispatcher, and its
 * output becomes the HTTP answer ({@code statusCode}, {@code headers}, {@code body}, {@code cookies}).
 */
package dev.kumo.server.urls;
