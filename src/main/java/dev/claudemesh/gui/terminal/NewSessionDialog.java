package dev.claudemesh.gui.terminal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Asks for what a new terminal session needs: a folder (it must exist and be a directory) and claude's arguments
 * (split like a shell would). Problems are shown in the dialog, which stays open until they are fixed or it is
 * cancelled.
 */
public final class NewSessionDialog {
    /** What the person chose. */
    public record Choice(Path folder, List<String> claudeArgs) {}

    private final Dialog<Choice> dialog = new Dialog<>();
    private final TextField folder = new TextField();
    private final TextField args = new TextField();
    private final Label error = new Label();

    public NewSessionDialog(Window owner, Path initialFolder) {
        dialog.initOwner(owner);
        dialog.setTitle("New session");
        dialog.setHeaderText("Run claude under claudemesh in a terminal tab");
        ButtonType start = new ButtonType("_Start", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(start, ButtonType.CANCEL);
        folder.setId("new-folder");
        folder.setText(initialFolder == null ? "" : initialFolder.toString());
        folder.setPrefColumnCount(40);
        args.setId("new-args");
        args.setPromptText("e.g. --model sonnet   (optional)");
        error.setId("new-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b00020;");
        Button browse = new Button("_Browse…");
        browse.setOnAction(e -> browse());
        Label folderLabel = new Label("_Folder:");
        folderLabel.setMnemonicParsing(true);
        folderLabel.setLabelFor(folder);
        Label argsLabel = new Label("Claude _arguments:");
        argsLabel.setMnemonicParsing(true);
        argsLabel.setLabelFor(args);
        HBox.setHgrow(folder, Priority.ALWAYS);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, folderLabel, new HBox(8, folder, browse));
        grid.addRow(1, argsLabel, args);
        grid.add(error, 0, 2, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().lookupButton(start).addEventFilter(ActionEvent.ACTION, e -> {
            if (validate().isEmpty()) {
                e.consume(); // stay open: the error says what to fix
            }
        });
        dialog.setResultConverter(b -> b == start ? validate().orElse(null) : null);
        dialog.setOnShown(e -> folder.requestFocus());
    }

    public Dialog<Choice> dialog() {
        return dialog;
    }

    public Optional<Choice> showAndWait() {
        return dialog.showAndWait();
    }

    /** The choice if the fields are valid; otherwise shows why and returns empty. */
    Optional<Choice> validate() {
        Optional<String> problem = Optional.empty();
        Path dir = null;
        List<String> words = List.of();
        String f = folder.getText() == null ? "" : folder.getText().trim();
        if (f.startsWith("~/") || f.equals("~")) {
            f = System.getProperty("user.home") + f.substring(1);
        }
        try {
            dir = f.isEmpty() ? null : Path.of(f).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problem = Optional.of("The folder name is not a valid path: " + e.getReason());
        }
        if (problem.isEmpty()) {
            if (dir == null) {
                problem = Optional.of("Choose the folder claude should work in.");
            } else if (!Files.exists(dir)) {
                problem = Optional.of("The folder " + dir + " does not exist.");
            } else if (!Files.isDirectory(dir)) {
                problem = Optional.of(dir + " is a file, not a folder.");
            }
        }
        if (problem.isEmpty()) {
            try {
                words = ClaudeArgs.parse(args.getText() == null ? "" : args.getText());
            } catch (IllegalArgumentException e) {
                problem = Optional.of("Claude arguments: " + e.getMessage() + ".");
            }
        }
        error.setText(problem.orElse(""));
        return problem.isPresent() ? Optional.empty() : Optional.of(new Choice(dir, words));
    }

    private void browse() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Folder for the new session");
        try {
            Path now = Path.of(folder.getText().trim());
            if (Files.isDirectory(now)) {
                c.setInitialDirectory(now.toFile());
            }
        } catch (InvalidPathException ignored) {
            // start wherever the chooser likes
        }
        File chosen = c.showDialog(dialog.getOwner());
        if (chosen != null) {
            folder.setText(chosen.getPath());
        }
    }
}
