/**
 * Claude Code transcripts: finding, reading, redacting and searching them. Framework-free core (Jackson and
 * re2j only); the daemon, MCP tools and CLI call it.
 *
 * <h2>Entry points</h2>
 *
 * <ul>
 *   <li>{@link dev.claudemesh.transcript.TranscriptLocator} - the only way to a {@link
 *       dev.claudemesh.transcript.TranscriptFile}: a path a client names is accepted only if it is a regular
 *       {@code .jsonl} file whose real path lies under the real {@code $CLAUDE_CONFIG_DIR/projects} (else
 *       {@code ~/.claude/projects}).
 *   <li>{@link dev.claudemesh.transcript.TranscriptReader} - {@code readHistory} (last N turns, redacted by
 *       default), {@code getTurn} (one turn whole), {@code countTurns}.
 *   <li>{@link dev.claudemesh.transcript.TranscriptSearch} - substring or regex search with context turns, a
 *       result cap and a time bound.
 *   <li>{@link dev.claudemesh.transcript.Redactor} - byte caps and secret masking.
 *   <li>{@link dev.claudemesh.transcript.TurnScanner} - turn pieces of a byte range, for the full-text index in
 *       {@code transcript.index}.
 * </ul>
 *
 * <h2>Turns</h2>
 *
 * A turn is a real user prompt and everything after it up to the next prompt. Turns are numbered from
 * <b>1</b> in file order and a turn's number never changes as the file grows. What counts as a prompt is
 * defined once ({@code PromptClassifier}): a {@code user} record that is not sidechain, meta, synthetic or a
 * compaction summary, has text or images and no {@code tool_result} block, and is not command output or an
 * interruption notice. Slash commands ({@code /model opus}) and bash-mode input ({@code ! ls}) are prompts.
 * Records before the first prompt belong to no turn and are neither returned nor searched. Sidechain (subagent)
 * records and thinking blocks are left out; the subagent's answer arrives as the Task tool's result.
 *
 * <h2>Reading defensively</h2>
 *
 * One JSON record per line. Malformed lines, non-objects, unknown record types and unknown blocks are skipped;
 * a last line without its newline (still being written) is ignored until its newline arrives. Lines over 32 MiB
 * are skipped whole. Memory is bounded by a 256 KiB chunk plus the longest line; nothing holds the file.
 *
 * <h2>Redaction</h2>
 *
 * {@code readHistory(…, redact=true)} masks secrets and cuts tool calls, tool output and context at 4 KiB and
 * prompts / assistant text at 16 KiB (UTF-8 bytes, whole characters, with a {@code …[cut N of M bytes]} note).
 * {@code getTurn(…, raw=false)} returns the turn whole (nothing cut) with secrets masked; {@code raw=true} and
 * {@code redact=false} return the text exactly as recorded. Search snippets and summaries are masked unless
 * {@code SearchOptions.redact} is false.
 *
 * <h2>Search</h2>
 *
 * One streaming pass. Lines are prefiltered on raw bytes by a literal every match must contain (ASCII case
 * folded for case-insensitive queries) and by the token prompt records carry; only those lines are parsed.
 * Matching runs on the readable entry text, never on JSON keys or ids. Results are in file order; a result
 * says whether the cap or the time bound cut the search short. Regexes are re2j (linear time); a regex with
 * no literal text (e.g. {@code [A-Z]{3}\d{4}}) must examine every entry and is several times slower - the time
 * bound then applies.
 */
package dev.claudemesh.transcript;
