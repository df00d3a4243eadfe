package dev.claudemesh.gui.window;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudemesh.api.SearchQuery;
import dev.claudemesh.client.ApiException;
import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.gui.Background;
import dev.claudemesh.gui.GuiServices;
import dev.claudemesh.gui.model.SessionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Search of transcripts: across every session ({@code GET /v1/search}, the daemon's index) or within the selected
 * session. When the daemon has no cross-session search yet (404) the pane says so and searches the session only.
 * Enter searches; a result (click or Enter) opens its whole turn.
 */
final class SearchView {
    private final GuiServices services;
    private final Supplier<SessionRow> selected;
    private final TextField query = new TextField();
    private final RadioButton everywhere = new RadioButton("_All sessions");
    private final RadioButton inSession = new RadioButton("_This session");
    private final CheckBox regex = new CheckBox("Re_gex");
    private final ListView<SearchHitRow> results = new ListView<>();
    private final TextArea turn = new TextArea();
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();
    private boolean globalMissing;
    private int generation;

    SearchView(GuiServices services, Supplier<SessionRow> selected) {
        this.services = services;
        this.selected = selected;
        query.setId("search-query");
        query.setPromptText("Text to find in transcripts (Enter searches)");
        query.setOnAction(e -> search());
        ToggleGroup scope = new ToggleGroup();
        everywhere.setToggleGroup(scope);
        inSession.setToggleGroup(scope);
        everywhere.setSelected(true);
        everywhere.setId("search-all");
        inSession.setId("search-session");
        regex.setId("search-regex");
        Button go = new Button("_Search");
        go.setMnemonicParsing(true);
        go.setOnAction(e -> search());
        HBox.setHgrow(query, Priority.ALWAYS);
        HBox bar = new HBox(8, query, everywhere, inSession, regex, go);
        bar.setPadding(new Insets(4));
        status.setId("search-status");
        status.setWrapText(true);
        status.setPadding(new Insets(0, 4, 4, 4));
        results.setId("search-results");
        results.setCellFactory(v -> new SearchHitCell());
        results.setPlaceholder(new Label("No results yet. Type some text above and press Enter."));
        results.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> openTurn(now));
        results.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                query.requestFocus();
            }
        });
        turn.setId("search-turn");
        turn.setEditable(false);
        turn.setWrapText(true);
        turn.setPromptText("Select a result to read its whole turn.");
        SplitPane split = new SplitPane(results, turn);
        split.setDividerPositions(0.45);
        root.setTop(new VBox(bar, status));
        root.setCenter(split);
    }

    Node node() {
        return root;
    }

    void focus() {
        query.requestFocus();
        query.selectAll();
    }

    TextField query() {
        return query;
    }

    ListView<SearchHitRow> results() {
        return results;
    }

    void search() {
        String q = query.getText();
        if (q == null || q.isBlank()) {
            status.setText("Type something to search for.");
            return;
        }
        boolean all = everywhere.isSelected() && !globalMissing;
        SessionRow s = selected.get();
        if (!all && s == null) {
            status.setText("Select a session in the Peers tab to search within it, or search all sessions.");
            return;
        }
        boolean re = regex.isSelected();
        int gen = ++generation;
        status.setText("Searching…");
        Background.call(
                services,
                c -> all ? searchAll(c, q, re) : searchSession(c, s, q, re),
                (Found f) -> {
                    if (gen == generation) {
                        results.getItems().setAll(f.hits());
                        status.setText(f.summary());
                        turn.clear();
                    }
                },
                err -> {
                    if (gen != generation) {
                        return;
                    }
                    if (all && err instanceof ApiException a && a.status() == 404 && isMissingRoute(a)) {
                        globalMissing = true;
                        everywhere.setDisable(true);
                        inSession.setSelected(true);
                        status.setText("Search across every session is not available from this daemon yet;"
                                + " searching within the selected session only.");
                        if (s != null) {
                            search();
                        }
                        return;
                    }
                    results.getItems().clear();
                    status.setText("Search failed: " + Background.describe(err));
                });
    }

    private record Found(List<SearchHitRow> hits, String summary) {}

    private static boolean isMissingRoute(ApiException a) {
        return a.getMessage() != null && a.getMessage().startsWith("no such endpoint");
    }

    private static Found searchAll(DaemonClient c, String q, boolean re) throws Exception {
        JsonNode r = c.searchAll(q, re, 200);
        List<SearchHitRow> hits = new ArrayList<>();
        r.path("hits").forEach(h -> hits.add(SearchHitRow.fromGlobal(h)));
        String note = hits.size() + " results across all sessions in "
                + r.path("took_ms").asLong() + " ms"
                + (r.path("truncated").asBoolean() ? " (more exist; refine the query)" : "");
        JsonNode index = r.path("index");
        if (index.has("ready") && !index.path("ready").asBoolean()) {
            note += "; the index is still being built, results may be incomplete";
        } else if (index.path("lag_ms").asLong() > 5_000) {
            note += "; the index is " + index.path("lag_ms").asLong() / 1000 + " s behind";
        }
        return new Found(hits, note);
    }

    private static Found searchSession(DaemonClient c, SessionRow s, String q, boolean re) throws Exception {
        JsonNode r = c.search(s.id(), new SearchQuery(q, re, false, 0, 200, null));
        List<SearchHitRow> hits = new ArrayList<>();
        r.path("hits").forEach(h -> hits.add(SearchHitRow.fromSession(s.id(), s.folder(), h, q, re)));
        String note = hits.size() + " results in " + s.label() + " ("
                + r.path("turns_scanned").asInt()
                + " turns searched in " + r.path("elapsed_ms").asLong() + " ms)"
                + (r.path("complete").asBoolean(true) ? "" : "; the search stopped early, refine the query");
        return new Found(hits, note);
    }

    private void openTurn(SearchHitRow hit) {
        if (hit == null) {
            return;
        }
        turn.setText("Loading turn " + hit.turn() + " of " + hit.folder() + "…");
        Background.call(
                services,
                c -> c.turn(hit.session(), hit.turn()),
                r -> {
                    if (results.getSelectionModel().getSelectedItem() == hit) {
                        turn.setText(hit.folder() + " · " + hit.session() + "\n" + TurnText.of(r.path("turn")));
                        turn.positionCaret(0);
                    }
                },
                err -> {
                    if (results.getSelectionModel().getSelectedItem() == hit) {
                        turn.setText("This turn cannot be opened (" + Background.describe(err) + ").\n\nWhat matched:\n"
                                + hit.snippet());
                    }
                });
    }
}
