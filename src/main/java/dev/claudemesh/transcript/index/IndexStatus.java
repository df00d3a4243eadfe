package dev.claudemesh.transcript.index;

/**
 * The index's health.
 *
 * @param ready the first full build has finished
 * @param files transcripts indexed
 * @param turns turns indexed
 * @param indexBytes the index file's size on disk (with its WAL)
 * @param transcriptBytes the indexed transcripts' total size
 * @param pendingFiles transcripts with changes not indexed yet
 * @param lagMillis how long the oldest pending change has waited
 * @param bytesIndexedSinceStart transcript bytes read since the daemon started (low after a restart: it resumes)
 * @param lastError the last failure, or null
 * @param lastErrorAt when it happened (ms since the epoch, 0 for none)
 * @param path the index file
 * @param projectsDir the folder whose transcripts are indexed
 */
public record IndexStatus(
        boolean ready,
        long files,
        long turns,
        long indexBytes,
        long transcriptBytes,
        long pendingFiles,
        long lagMillis,
        long bytesIndexedSinceStart,
        String lastError,
        long lastErrorAt,
        String path,
        String projectsDir) {}
