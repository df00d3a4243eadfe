package dev.claudemesh.gui.send;

/** An unsent message: whom it is for (id, folder, or empty), its kind and its body. */
public record Draft(String target, String kind, String body, long savedAt) {
    public Draft {
        target = target == null ? "" : target;
        kind = "note".equals(kind) ? "note" : "task";
        body = body == null ? "" : body;
    }

    public boolean isEmpty() {
        return body.isBlank();
    }
}
