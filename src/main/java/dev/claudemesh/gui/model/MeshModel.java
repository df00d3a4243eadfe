package dev.claudemesh.gui.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.Endpoints;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.gui.GuiServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live state of the mesh for the JavaFX views: the sessions and the link to the daemon. It loads the {@code GET
 * /v1/sessions} snapshot, then follows the daemon's mesh-wide event stream ({@code GET /v1/events}, long-poll) on
 * one background thread, and reloads the snapshot when the stream says it is {@code truncated} or after the daemon
 * was away. It never polls on a timer; only while the daemon cannot be reached does it retry, with a short backoff.
 * Every change reaches the observable state on the JavaFX thread.
 */
public final class MeshModel implements AutoCloseable {
    /** The type of the synthetic event listeners get after every snapshot (re)load. */
    public static final String RELOADED = "model.reloaded";

    private static final int RELOAD_OVER = 20; // a batch touching more sessions than this reloads them all

    private final GuiServices services;
    private final long pollMillis;
    private final ObservableList<SessionRow> rows = FXCollections.observableArrayList();
    private final ObservableList<SessionRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<ConnectionState> connection =
            new ReadOnlyObjectWrapper<>(ConnectionState.down("not started"));
    private final List<Consumer<FeedEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread loop;

    public MeshModel(GuiServices services) {
        this(services, Duration.ofSeconds(25));
    }

    /** @param poll how long one long-poll may wait in the daemon (at most 55 s) */
    public MeshModel(GuiServices services, Duration poll) {
        this.services = services;
        this.pollMillis = Math.max(0, Math.min(poll.toMillis(), 55_000));
    }

    /** The live sessions, oldest first; change only on the JavaFX thread. */
    public ObservableList<SessionRow> sessions() {
        return readOnlyRows;
    }

    public ReadOnlyObjectProperty<ConnectionState> connection() {
        return connection.getReadOnlyProperty();
    }

    public GuiServices services() {
        return services;
    }

    /** The session with this id, if it is live (JavaFX thread). */
    public Optional<SessionRow> session(String id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /**
     * Calls {@code l} on the JavaFX thread for every event of the stream, after the sessions reflect it, and with a
     * {@link #RELOADED} event after each snapshot load (events may have been missed: views refresh what they show).
     */
    public void addListener(Consumer<FeedEvent> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<FeedEvent> l) {
        listeners.remove(l);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = new Thread(this::run, "claudemesh-gui-events");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public synchronized void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        fx(() -> connection.set(ConnectionState.down("closed")));
    }

    private void run() {
        long cursor = -1;
        boolean reload = true;
        boolean wasConnected = false;
        int failures = 0;
        while (running) {
            try {
                DaemonClient c = services.client();
                if (reload) {
                    JsonNode snap = c.get(Endpoints.SESSIONS);
                    cursor = snap.path("seq").asLong(-1);
                    List<SessionRow> all = new ArrayList<>();
                    snap.path("sessions").forEach(s -> all.add(SessionRow.fromJson(s)));
                    fx(() -> {
                        rows.setAll(all);
                        connection.set(ConnectionState.connected());
                        fire(List.of(new FeedEvent(0, RELOADED, null, null, null, null, null, 0)));
                    });
                    reload = false;
                    wasConnected = true;
                    failures = 0;
                }
                JsonNode batch = c.meshEvents(cursor, pollMillis);
                if (batch == null || !running) {
                    continue;
                }
                if (batch.path("truncated").asBoolean()) {
                    reload = true;
                    continue;
                }
                cursor = batch.path("seq").asLong(cursor);
                List<FeedEvent> events = new ArrayList<>();
                batch.path("events").forEach(e -> events.add(FeedEvent.fromJson(e)));
                reload = apply(c, events);
            } catch (DaemonUnavailableException | RuntimeException e) {
                if (!running) {
                    return;
                }
                failures++;
                reload = true;
                String why = reason(e);
                ConnectionState st =
                        wasConnected && failures <= 3 ? ConnectionState.reconnecting(why) : ConnectionState.down(why);
                fx(() -> connection.set(st));
                pause(Math.min(2_000, 250L << Math.min(failures - 1, 3)));
            }
        }
    }

    /** Refreshes the sessions a batch touched; returns true when it touched so many that a reload is cheaper. */
    private boolean apply(DaemonClient c, List<FeedEvent> events) throws DaemonUnavailableException {
        Set<String> touched = new LinkedHashSet<>();
        for (FeedEvent e : events) {
            if (e.session() != null) {
                touched.add(e.session());
            }
        }
        if (touched.size() > RELOAD_OVER) {
            fx(() -> fire(events));
            return true;
        }
        Map<String, SessionRow> fresh = new LinkedHashMap<>(); // id -> row, or null when it is gone
        for (String id : touched) {
            fresh.put(id, fetch(c, id));
        }
        fx(() -> {
            fresh.forEach(this::put);
            fire(events);
        });
        return false;
    }

    private static SessionRow fetch(DaemonClient c, String id) throws DaemonUnavailableException {
        try {
            return SessionRow.fromJson(c.session(id));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private void put(String id, SessionRow row) {
        int at = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(id)) {
                at = i;
                break;
            }
        }
        if (row == null) {
            if (at >= 0) {
                rows.remove(at);
            }
        } else if (at >= 0) {
            rows.set(at, row);
        } else {
            int i = 0;
            while (i < rows.size() && !rows.get(i).startedAt().isAfter(row.startedAt())) {
                i++;
            }
            rows.add(i, row);
        }
    }

    private void fire(List<FeedEvent> events) {
        for (FeedEvent e : events) {
            for (Consumer<FeedEvent> l : listeners) {
                l.accept(e);
            }
        }
    }

    private static String reason(Exception e) {
        if (e instanceof ApiException a) {
            return "the daemon refused (" + a.status() + "): " + a.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void fx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
