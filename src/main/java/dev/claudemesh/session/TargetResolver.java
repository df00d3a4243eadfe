package dev.claudemesh.session;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Resolves a target a person or model typed: exact claudemesh id first, then the case-insensitive folder
 * name (basename of cwd). Ambiguous or unknown targets fail with the candidates listed.
 */
public final class TargetResolver {
    private TargetResolver() {}

    public static Session resolve(String target, List<Session> live) {
        if (target == null || target.isBlank()) {
            throw new InvalidInputException("a target is needed: a claudemesh id or a folder name");
        }
        String t = target.trim();
        if (t.length() > 255 || t.indexOf('/') >= 0 || t.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(
                    "'" + Ids.printable(t) + "' is not a target: use a claudemesh id or a folder name (no '/')");
        }
        for (Session s : live) {
            if (s.id().equals(t)) {
                return s;
            }
        }
        String lower = t.toLowerCase(Locale.ROOT);
        List<Session> byFolder = live.stream()
                .filter(s -> s.folder().toLowerCase(Locale.ROOT).equals(lower))
                .toList();
        if (byFolder.size() == 1) {
            return byFolder.get(0);
        }
        if (byFolder.size() > 1) {
            throw new TargetException(
                    Reason.AMBIGUOUS_TARGET,
                    "'" + t + "' matches " + byFolder.size() + " sessions; use an id: " + describe(byFolder),
                    byFolder);
        }
        String known = live.isEmpty() ? "no sessions are live" : "live sessions: " + describe(live);
        throw new TargetException(
                Reason.NOT_FOUND, "no live session has id or folder '" + Ids.printable(t) + "'; " + known, live);
    }

    private static String describe(List<Session> sessions) {
        return sessions.stream().map(s -> s.id() + " (" + s.cwd() + ")").collect(Collectors.joining(", "));
    }

    /** An unknown or ambiguous target; carries the sessions to choose from. */
    public static final class TargetException extends MeshException {
        private final transient List<Session> candidates;

        public TargetException(Reason reason, String message, List<Session> candidates) {
            super(reason, message);
            this.candidates = List.copyOf(candidates);
        }

        public List<Session> candidates() {
            return candidates;
        }
    }
}
