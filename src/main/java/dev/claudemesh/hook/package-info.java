/**
 * The processes claude runs on every prompt ({@code claudemesh hook <event>}, {@code claudemesh statusline}) and the
 * background Stop waiter. JDK-only on purpose (no Jackson, picocli, Javalin or MCP class loads): they forward
 * claude's stdin to the daemon with {@link dev.claudemesh.client.LeanHttp} and the paths of {@link
 * dev.claudemesh.api.Endpoints}, print what comes back, and fail open.
 */
package dev.claudemesh.hook;
