package dev.claudemesh.gui.tray;

import dev.claudemesh.gui.model.SessionRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The tray menu and tooltip for a list of live sessions: one row per session ({@code folder · id ·
 * idle|busy · ✉N}, opening the send dialog for it), then Open window, New session…, Notifications, Quit.
 */
public final class TrayMenu {
    /** What the rows do; the app wires them to its window and settings. */
    public record Actions(
            Consumer<String> sendTo,
            Runnable openWindow,
            Runnable newSession,
            Runnable toggleNotifications,
            Runnable quit) {}

    private TrayMenu() {}

    public static String row(SessionRow s) {
        return s.folder() + " · " + s.id() + " · " + s.activity() + " · ✉" + s.pending();
    }

    public static List<TrayMenuItem> items(List<SessionRow> sessions, boolean notificationsOn, Actions a) {
        List<TrayMenuItem> out = new ArrayList<>();
        List<SessionRow> sorted = new ArrayList<>(sessions);
        sorted.sort(Comparator.comparing(SessionRow::folder, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(SessionRow::id));
        if (sorted.isEmpty()) {
            out.add(TrayMenuItem.disabled("none", "No live sessions"));
        }
        for (SessionRow s : sorted) {
            String id = s.id();
            out.add(TrayMenuItem.action(
                    "session:" + id, row(s), () -> a.sendTo().accept(id)));
        }
        out.add(TrayMenuItem.separator("sessions"));
        out.add(TrayMenuItem.action("open", "Open window", a.openWindow()));
        out.add(TrayMenuItem.action("new", "New session…", a.newSession()));
        out.add(TrayMenuItem.check("notify", "Notifications", notificationsOn, a.toggleNotifications()));
        out.add(TrayMenuItem.separator("quit"));
        out.add(TrayMenuItem.action("quit", "Quit", a.quit()));
        return out;
    }

    public static int waiting(List<SessionRow> sessions) {
        return sessions.stream().mapToInt(SessionRow::pending).sum();
    }

    public static String title(List<SessionRow> sessions) {
        int n = sessions.size();
        int w = waiting(sessions);
        return "claudemesh: " + n + (n == 1 ? " live session" : " live sessions") + ", " + w
                + (w == 1 ? " message waiting" : " messages waiting");
    }

    /** The tooltip's longer text: the sessions with waiting messages, at most eight. */
    public static String tooltip(List<SessionRow> sessions) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (SessionRow s : sessions) {
            if (s.pending() > 0 && shown < 8) {
                if (b.length() > 0) {
                    b.append('\n');
                }
                b.append(s.folder()).append(" · ").append(s.id()).append(": ✉").append(s.pending());
                shown++;
            }
        }
        return b.toString();
    }
}
