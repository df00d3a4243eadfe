package dev.claudemesh.api;

import dev.claudemesh.message.LeaseHolder;
import dev.claudemesh.message.MessageKind;
import java.util.List;

/**
 * The body of {@code POST /v1/sessions/{id}/lease}: which kinds (empty = all), who holds the lease, how to render
 * it ({@code paste}, {@code rewake}, {@code prompt_context}, {@code stop_block}; null = not at all), its time to
 * live and how many messages at most (null = the daemon's defaults).
 */
public record LeaseRequest(List<MessageKind> kinds, LeaseHolder holder, String render, Long ttlMs, Integer max) {
    public LeaseRequest {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }
}
