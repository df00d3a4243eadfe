package dev.claudemesh.mcp;

import dev.claudemesh.client.DaemonClient;
import dev.claudemesh.client.DaemonUnavailableException;
import dev.claudemesh.client.LeanHttp;
import dev.claudemesh.client.ReconnectingTransport;
import dev.claudemesh.client.Transport;
import dev.claudemesh.config.DaemonState;
import dev.claudemesh.config.MeshHome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MCP server's daemon client: the one {@link DaemonClient} over a {@link ReconnectingTransport} (connect on
 * first use, reconnect once when the daemon it knew is gone), over the plain-socket HTTP client ({@code
 * java.net.http} would add about 17 MiB of resident memory to a process that lives as long as its claude session).
 * It also notices large answers, after which the heap is given back.
 */
final class DaemonLink {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** An answer at least this long leaves enough garbage that the heap should be given back afterwards. */
    static final int LARGE_ANSWER_CHARS = 256 * 1024;

    private final AtomicBoolean largeAnswer = new AtomicBoolean();
    private final DaemonClient client;

    DaemonLink(Transport transport) {
        this(transport, true);
    }

    /**
     * @param giveBackHeap whether large answers are noticed (a process of its own per session gives the heap
     *     back after one); false in the daemon, which serves many sessions from one heap
     */
    DaemonLink(Transport transport, boolean giveBackHeap) {
        this.client = new DaemonClient(giveBackHeap ? new Watched(transport) : transport, TIMEOUT);
    }

    /** The daemon of {@code home}, started in the background when none of this version runs. */
    static DaemonLink autostarting(MeshHome home) {
        return new DaemonLink(ReconnectingTransport.autostarting(home));
    }

    /** The daemon of {@code home} if one runs; never starts one. */
    static DaemonLink existing(MeshHome home) {
        return new DaemonLink(ReconnectingTransport.existing(home));
    }

    DaemonClient client() {
        return client;
    }

    /** Whether a large answer arrived since the last call (and forgets it). */
    boolean takeLargeAnswer() {
        return largeAnswer.getAndSet(false);
    }

    private final class Watched implements Transport {
        private final Transport inner;

        Watched(Transport inner) {
            this.inner = inner;
        }

        @Override
        public LeanHttp.Response exchange(String method, String path, String body, int timeoutMillis)
                throws DaemonUnavailableException {
            LeanHttp.Response res = inner.exchange(method, path, body, timeoutMillis);
            if (res.body().length() >= LARGE_ANSWER_CHARS) {
                largeAnswer.set(true);
            }
            return res;
        }

        @Override
        public DaemonState state() throws DaemonUnavailableException {
            return inner.state();
        }
    }
}
