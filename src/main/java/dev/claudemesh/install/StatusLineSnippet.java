package dev.claudemesh.install;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.regex.Pattern;

/**
 * How to add the claudemesh badge to a status line that belongs to someone else. Claude Code hands the
 * status-line command its JSON on stdin, so the combined command reads stdin once and feeds the same text
 * to both programs.
 */
public final class StatusLineSnippet {
    private static final Pattern BADGE = Pattern.compile("claudemesh'?\"?\\s+statusline\\b");

    private StatusLineSnippet() {}

    /** A status-line command that prints {@code theirs}'s output, a space and our badge (when there is one). */
    public static String combinedCommand(String theirs, MeshEntries entries) {
        return "input=$(cat); s=$(printf '%s' \"$input\" | { " + theirs + "; }); b=$(printf '%s' \"$input\" | "
                + entries.command("statusline") + "); printf '%s%s' \"$s\" \"${b:+ $b}\"";
    }

    /** Lines for a script that reads stdin itself. */
    public static String scriptLines(MeshEntries entries) {
        return "input=$(cat)   # read Claude Code's JSON once; use \"$input\" where the script read stdin\n"
                + "badge=$(printf '%s' \"$input\" | " + entries.command("statusline") + ")\n"
                + "printf '%s %s' \"<your status text>\" \"$badge\"";
    }

    /** The message install prints when it leaves a foreign status line alone. */
    public static String message(String theirs, MeshEntries entries) {
        String json =
                JsonWriter.write(JsonNodeFactory.instance.textNode(combinedCommand(theirs, entries)), JsonStyle.CLAUDE);
        return "Your status line belongs to another command, so install left it alone. To add the claudemesh badge,\n"
                + "either set statusLine.command in settings.json to:\n  " + json + "\n"
                + "or add these lines to your status-line script:\n  "
                + scriptLines(entries).replace("\n", "\n  ");
    }

    /** True when a foreign status-line command already runs {@code claudemesh statusline}. */
    public static boolean includesBadge(String command) {
        return BADGE.matcher(command).find();
    }
}
