/**
 * The daemon's core in one place: {@link dev.claudemesh.mesh.Mesh} combines the session registry, the message store,
 * the event hub and the limits (hop count, per-pair rate, body size) behind the operations the HTTP routes, tests and
 * benchmarks call; {@link dev.claudemesh.mesh.HookHandler} decides what each Claude Code hook does and answers a
 * structured {@link dev.claudemesh.mesh.HookReply} (the daemon renders Claude Code's JSON). Framework-free; refusals
 * are {@link dev.claudemesh.session.MeshException}s with a {@link dev.claudemesh.session.Reason}.
 */
package dev.claudemesh.mesh;
