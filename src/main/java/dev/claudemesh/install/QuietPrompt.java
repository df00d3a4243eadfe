package dev.claudemesh.install;

import dev.claudemesh.config.MeshHome;
import java.nio.file.Path;
import java.util.List;

/**
 * The quiet prompt: claude's UserPromptSubmit command on the thin path. Inside the {@code /bin/sh -c} claude already
 * starts, with no exec and no request, it writes one record into {@code <home>/prompts/<pid of that sh>} when the
 * daemon keeps the marker {@code <home>/quiet/p<CLAUDE_PID>} (a symlink to {@code /proc/<daemon pid>}, so it stops
 * existing with that daemon), which says the daemon has nothing for this claude's prompt hook; otherwise (no marker,
 * no {@code CLAUDE_PID}, no {@code prompts} folder, a failed write) it {@code exec}s the thin launcher's hook as before.
 * The home is {@code $CLAUDEMESH_HOME}, else the one install wrote in, as the thin launcher computes it.
 */
public final class QuietPrompt {
    /** The hook event the quiet prompt stands in for; the first word of its record. */
    public static final String EVENT = "UserPromptSubmit";
    /** The folder under the mesh home that holds the daemon's markers ({@link MeshHome#quietDir}). */
    static final String MARKERS = "quiet";
    /** The folder under the mesh home the quiet prompt writes its records into ({@link MeshHome#promptsDir}). */
    static final String RECORDS = "prompts";

    private static final String HEAD = "h=${CLAUDEMESH_HOME:-";
    private static final String MIDDLE = "}; [ -e \"$h/" + MARKERS + "/p$CLAUDE_PID\" ] && printf '" + EVENT
            + " %s %s\\n' \"$CLAUDE_PID\" \"$CLAUDE_CODE_SESSION_ID\" 2>/dev/null >\"$h/" + RECORDS + "/$$\" || exec ";

    private QuietPrompt() {}

    /** Everything the command runs before {@code exec <launcher> hook UserPromptSubmit}, ending in {@code exec }. */
    public static String prefix(Path meshHome) {
        return HEAD + ShellWords.quote(meshHome.toString()) + MIDDLE;
    }

    /** The whole command: the quiet record, else {@code exec launcherCommand} (the launcher's own hook command). */
    public static String command(Path meshHome, String launcherCommand) {
        return prefix(meshHome) + launcherCommand;
    }

    /** The daemon's marker for one claude, as the command tests it: {@code <home>/quiet/p<claudePid>}. */
    public static Path marker(Path meshHome, long claudePid) {
        return new MeshHome(meshHome).quietDir().resolve("p" + claudePid);
    }

    /** The folder the command writes its records into: {@code <home>/prompts}. */
    public static Path records(Path meshHome) {
        return new MeshHome(meshHome).promptsDir();
    }

    /** The record one quiet prompt writes, as the command's {@code printf} writes it. */
    public static String record(String claudePid, String sessionId) {
        return EVENT + " " + claudePid + " " + sessionId + "\n";
    }

    /**
     * The command after {@code || exec } when {@code command} is a quiet prompt exactly as {@link #command} writes it
     * (any absolute home, quoted as {@link ShellWords#quote} quotes it) and that tail is our UserPromptSubmit hook
     * ({@code <…/claudemesh> hook UserPromptSubmit}); else null.
     */
    public static String tailOf(String command) {
        if (command == null || !command.startsWith(HEAD)) {
            return null;
        }
        int end = quotedWordEnd(command, HEAD.length());
        if (end < 0 || !command.startsWith(MIDDLE, end)) {
            return null;
        }
        String raw = command.substring(HEAD.length(), end);
        List<String> home = ShellWords.split(raw);
        if (home.size() != 1
                || !home.get(0).startsWith("/")
                || !ShellWords.quote(home.get(0)).equals(raw)) {
            return null;
        }
        String tail = command.substring(end + MIDDLE.length());
        List<String> words = ShellWords.split(tail);
        boolean ours = words.size() == 3
                && MeshEntries.isOurProgram(words.get(0))
                && words.get(1).equals("hook")
                && words.get(2).equals(EVENT);
        return ours ? tail : null;
    }

    /** Whether {@code command} is a quiet prompt of ours (see {@link #tailOf}). */
    public static boolean isQuiet(String command) {
        return tailOf(command) != null;
    }

    /**
     * Where a word as {@link ShellWords#quote} writes it ends: a bare run of its safe characters, or single-quoted
     * pieces joined by {@code \'}; -1 when none starts at {@code from}.
     */
    private static int quotedWordEnd(String s, int from) {
        if (from < s.length() && s.charAt(from) == '\'') {
            int i = from;
            while (true) {
                int close = s.indexOf('\'', i + 1);
                if (close < 0) {
                    return -1;
                }
                i = close + 1;
                if (!s.startsWith("\\''", i)) {
                    return i;
                }
                i += 2;
            }
        }
        int i = from;
        while (i < s.length() && ShellWords.isPlain(s.charAt(i))) {
            i++;
        }
        return i == from ? -1 : i;
    }
}
