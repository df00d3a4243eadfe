package dev.claudemesh.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudemesh.support.RawBytes;
import dev.claudemesh.support.TestDaemon;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests Jetty itself refuses before any route runs: the answer is still JSON, never an HTML page. */
class MalformedRequestTest {
    @TempDir
    static Path tmp;

    static TestDaemon d;

    @BeforeAll
    static void start() throws Exception {
        d = TestDaemon.start(tmp);
    }

    @AfterAll
    static void stop() {
        d.close();
    }

    static Stream<Arguments> malformed() {
        String host = "Host: 127.0.0.1:PORT\r\n";
        return Stream.of(
                Arguments.of("bad percent escape in the URI", "GET /v1/%zz HTTP/1.1\r\n" + host + "\r\n"),
                Arguments.of("ambiguous path segment", "GET /v1/%2e%2e/x HTTP/1.1\r\n" + host + "\r\n"),
                Arguments.of("encoded slash", "GET /v1/sessions/a%2Fb HTTP/1.1\r\n" + host + "\r\n"),
                Arguments.of("a header without a colon", "GET /v1/health HTTP/1.1\r\n" + host + "Broken\r\n\r\n"),
                Arguments.of(
                        "a control character in a header",
                        "GET /v1/health HTTP/1.1\r\n" + host + "X: a\u0001b\r\n\r\n"),
                Arguments.of("HTTP/0.9", "GET /v1/health\r\n\r\n"),
                Arguments.of("an unknown HTTP version", "GET /v1/health HTTP/7.3\r\n" + host + "\r\n"),
                Arguments.of("no Host in HTTP/1.1", "GET /v1/health HTTP/1.1\r\n\r\n"),
                Arguments.of(
                        "oversized headers",
                        "GET /v1/health HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(20_000) + "\r\n\r\n"),
                Arguments.of("an oversized URI", "GET /v1/" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host + "\r\n"),
                Arguments.of(
                        "bad chunk size",
                        "POST /v1/messages HTTP/1.1\r\n" + host
                                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
                Arguments.of(
                        "Content-Length that is not a number",
                        "POST /v1/messages HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n{}"),
                Arguments.of(
                        "two different Content-Lengths",
                        "POST /v1/messages HTTP/1.1\r\n" + host + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"),
                Arguments.of(
                        "Content-Length and chunked together",
                        "POST /v1/messages HTTP/1.1\r\n" + host
                                + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"),
                Arguments.of(
                        "an unknown transfer coding",
                        "POST /v1/messages HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n{}"),
                Arguments.of("an unknown method", "BREW /v1/health HTTP/1.1\r\n" + host + "\r\n"),
                Arguments.of("a space in the method", "G T /v1/health HTTP/1.1\r\n" + host + "\r\n"),
                Arguments.of("binary garbage", "\u0000\u0001\u0002\u00ff\u00fe garbage\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void a_malformed_request_gets_a_json_error_or_nothing(String what, String request) throws Exception {
        RawBytes.Answer a = RawBytes.send(d.port(), request.replace("PORT", Integer.toString(d.port())));

        if (a.empty()) {
            assertThat(a.body()).as(what + ": nothing but a closed connection").isEmpty();
            return;
        }
        assertThat(a.status()).as(what).isBetween(400, 599);
        assertThat(a.body())
                .as(what)
                .startsWith("{\"error\":")
                .doesNotContain("<html")
                .doesNotContain("<h2>");
        assertThat(a.contentType()).as(what).startsWith("application/json");
    }
}
