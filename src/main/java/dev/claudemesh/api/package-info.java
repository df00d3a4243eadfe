/**
 * The daemon's wire contract, shared by the daemon and every client: endpoint paths ({@link
 * dev.claudemesh.api.Endpoints}, JDK-only so the hook processes use it too), the JSON mapping ({@link
 * dev.claudemesh.api.WireJson}) and the request shapes. Depends on core value types only; clients never reach into
 * {@code daemon} for any of this.
 */
package dev.claudemesh.api;
