/**
 * The full-text index of every transcript under Claude Code's projects folder: framework-free (JDK, sqlite-jdbc
 * and the {@code transcript} core). {@link dev.claudemesh.transcript.index.TranscriptIndex} is the entry point the
 * daemon starts and stops.
 *
 * <h2>Storage</h2>
 *
 * Its own SQLite file ({@code index.db} in {@code CLAUDEMESH_HOME}), a cache that is deleted and rebuilt when it
 * is of another schema, unreadable, or on request. A contentless FTS5 table ({@code unicode61 remove_diacritics
 * 2}) holds the words of each document; {@code docs} says where the document lies in its transcript (file, turn,
 * piece, role, time, byte range); {@code files} what was read of each transcript. No text is stored: text is
 * masked ({@link dev.claudemesh.transcript.Redactor#maskSecrets(String)}) before it is tokenized, and snippets
 * are read back from the transcript.
 *
 * <h2>Documents</h2>
 *
 * One per turn piece and role ({@code user}: the prompt; {@code assistant}: the model's text; {@code tool}:
 * tool calls, tool output and harness context). A piece is a whole turn unless the turn spans more than 1 MiB of
 * transcript; then it is cut at line ends into 1 MiB pieces. Turn numbers are those of history and get_turn.
 *
 * <h2>Keeping up</h2>
 *
 * One thread. Changed files (watcher events, hits whose text no longer matches) go first, then the backlog of
 * the cold build (newest files first), each file read in slices of 8 MiB. A file is read on from the last
 * complete line indexed; its last piece is re-read, since that turn may still be growing. A file with another
 * inode, fewer bytes, another first 4 KiB or no line end where reading stopped is read again from the start;
 * a file that is gone is forgotten. A reconciliation lists every transcript every 10 s.
 */
package dev.claudemesh.transcript.index;
