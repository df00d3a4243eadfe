package dev.claudemesh.mesh;

/** Limits that keep agents from flooding or looping; defaults suit people, tests may loosen them. */
public record MeshLimits(int maxBodyBytes, int maxHops, int pairPerMinute, long leaseTtlMillis, int maxAttempts) {
    public static final MeshLimits DEFAULT = new MeshLimits(64 * 1024, 8, 30, 30_000, 5);

    public MeshLimits {
        if (maxBodyBytes < 1 || maxHops < 1 || pairPerMinute < 1 || leaseTtlMillis < 100 || maxAttempts < 1) {
            throw new IllegalArgumentException("mesh limits must be positive (lease ttl at least 100 ms)");
        }
    }
}
