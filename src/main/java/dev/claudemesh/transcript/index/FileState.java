package dev.claudemesh.transcript.index;

/**
 * What the index knows about one transcript file: how far it read it and which piece was still open there.
 *
 * @param id row id
 * @param path the transcript's real path
 * @param sessionId Claude Code's session id (the file name without {@code .jsonl})
 * @param folder the last element of {@code cwd} (or of the project folder's name when no record named a cwd)
 * @param cwd the working folder the records name, or null
 * @param fileKey the file's identity (inode) when it was read; another key means it was replaced
 * @param size the file's size when last looked at
 * @param mtime its modification time then (ms)
 * @param headLength how many leading bytes {@code headHash} covers
 * @param headHash CRC32 of the first {@code headLength} bytes: a rewritten file shows a different head
 * @param offset everything before this offset (whole lines) is indexed
 * @param tailStart offset of the last piece, re-read when the file grows (it may still be growing)
 * @param tailTurn that piece's turn (0: no turn yet)
 * @param tailSegment that piece's segment (-1: no piece yet)
 * @param tailTime that turn's prompt time (ms, 0 when unknown)
 * @param turns the number of turns indexed
 */
record FileState(
        long id,
        String path,
        String sessionId,
        String folder,
        String cwd,
        String fileKey,
        long size,
        long mtime,
        int headLength,
        long headHash,
        long offset,
        long tailStart,
        int tailTurn,
        int tailSegment,
        long tailTime,
        int turns) {}
