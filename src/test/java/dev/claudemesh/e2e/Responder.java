package dev.claudemesh.e2e;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/** Decides the fake model's reply to a Messages request. */
@FunctionalInterface
public interface Responder {

    Reply reply(RecordedRequest request);

    /** Always the same text. */
    static Responder text(String text) {
        Reply reply = Reply.text(text);
        return request -> reply;
    }

    /** Answers {@code prefix} + the user's prompt ({@link RecordedRequest#promptText()}), to see it in the TUI. */
    static Responder echo(String prefix) {
        return request -> Reply.text(prefix + request.promptText());
    }

    static Responder of(Function<RecordedRequest, Reply> function) {
        Objects.requireNonNull(function, "function");
        return function::apply;
    }

    /** {@code reply} for requests matching {@code condition}, otherwise this responder. */
    default Responder when(Predicate<RecordedRequest> condition, Reply reply) {
        Responder fallback = this;
        return request -> condition.test(request) ? reply : fallback.reply(request);
    }
}
