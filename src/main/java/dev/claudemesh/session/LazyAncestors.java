package dev.claudemesh.session;

import java.util.AbstractList;
import java.util.List;

/**
 * A process's ancestors ({@link ProcessInfo#ancestors}, nearest first, at most {@code max}) read from {@code /proc}
 * only when first asked for: a hook whose session is found by its session id never walks the process tree.
 * Not thread-safe; one request's.
 */
public final class LazyAncestors extends AbstractList<Long> {
    private final long pid;
    private final int max;
    private List<Long> read;

    public LazyAncestors(long pid, int max) {
        this.pid = pid;
        this.max = max;
    }

    private List<Long> list() {
        if (read == null) {
            List<Long> all = ProcessInfo.ancestors(pid);
            read = List.copyOf(all.size() > max ? all.subList(0, max) : all);
        }
        return read;
    }

    @Override
    public Long get(int index) {
        return list().get(index);
    }

    @Override
    public int size() {
        return list().size();
    }
}
