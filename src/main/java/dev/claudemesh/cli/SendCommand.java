package dev.claudemesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.SendRequest;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.SelfFinder;
import dev.claudemesh.message.MessageKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "send",
        description = {
            "Send a task (default) or a note to a session, by id or folder name. Prints the message id.",
            "A task wakes the receiver and is to be acted on; a note waits for its next prompt."
        })
final class SendCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "<target>", description = "A claudemesh id or a folder name.")
    String target;

    @Parameters(
            index = "1..*",
            arity = "1..*",
            paramLabel = "<message>",
            description = "The message; several words are joined with spaces; '-' reads it from stdin.")
    List<String> words;

    @Option(names = "--note", description = "Send a note (informational) instead of a task.")
    boolean note;

    @Option(names = "--reply-to", paramLabel = "<message-id>", description = "The message this answers.")
    String replyTo;

    @Mixin
    JsonOutput json;

    SendCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        String body = words.size() == 1 && words.get(0).equals("-") ? readStdin() : String.join(" ", words);
        if (body.isBlank()) {
            throw new CliMain.CliException("the message is empty");
        }
        var client = ctx.client();
        String from = SelfFinder.find(client, ctx.env())
                .map(s -> s.path("id").asText())
                .orElse("cli");
        MessageKind kind = note ? MessageKind.NOTE : MessageKind.TASK;
        JsonNode res;
        try {
            res = client.send(new SendRequest(from, target, kind, body, replyTo));
        } catch (ApiException e) {
            throw new CliMain.CliException(e.getMessage());
        }
        if (json.enabled) {
            ctx.out().println(client.json().writeValueAsString(res));
        } else {
            ctx.out().println(res.path("id").asText());
            JsonNode to = res.path("to");
            ctx.err()
                    .println("sent " + (note ? "note" : "task") + " to "
                            + to.path("id").asText() + " (" + to.path("folder").asText() + "): "
                            + describe(res.path("delivery").asText()));
        }
        return ExitCodes.OK;
    }

    private String readStdin() throws IOException {
        byte[] raw = ctx.in().readAllBytes();
        return new String(raw, StandardCharsets.UTF_8);
    }

    private static String describe(String delivery) {
        return switch (delivery) {
            case "realtime" -> "it will be woken now";
            case "end-of-turn" -> "it is busy; it gets the task when its turn ends";
            default -> "it gets it with its next prompt";
        };
    }
}
