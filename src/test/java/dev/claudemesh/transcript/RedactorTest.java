package dev.claudemesh.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {
    final Redactor redactor = new Redactor(64, 128);

    static String head(String redacted) {
        int cut = redacted.indexOf("\n…[cut ");
        return cut < 0 ? redacted : redacted.substring(0, cut);
    }

    @Test
    void cuts_at_a_byte_cap_without_splitting_multi_byte_characters() {
        String text = "é".repeat(40) + "漢".repeat(40) + "😀".repeat(40); // 2, 3 and 4 bytes each

        for (int cap = 16; cap < 360; cap++) { // the whole text is 360 bytes
            String kept = head(redactor.redact(text, cap));
            byte[] bytes = kept.getBytes(StandardCharsets.UTF_8);
            assertThat(bytes.length).as("cap %d", cap).isLessThanOrEqualTo(cap).isGreaterThan(cap - 4);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(kept); // no broken character
            assertThat(text).startsWith(kept);
        }
    }

    @Test
    void says_how_many_bytes_were_cut() {
        String text = "ab" + "é".repeat(10); // 2 + 20 = 22 bytes

        assertThat(redactor.redact(text, 17)).isEqualTo("ab" + "é".repeat(7) + "\n…[cut 6 of 22 bytes]");
        assertThat(redactor.redact("short", 17)).isEqualTo("short");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "anthropic | key sk-ant-api03-AbCdEfGh_IjKl-MnOpQrStUv done | key sk-ant-…[REDACTED] done",
                "openai | key sk-proj-AbCdEfGhIjKlMnOpQrStUvWx done | key sk-…[REDACTED] done",
                "github classic | ghp_0123456789abcdefghijABCDEFGHIJ | ghp_…[REDACTED]",
                "github oauth | gho_0123456789abcdefghijABCDEFGHIJ | gho_…[REDACTED]",
                "github server | ghs_0123456789abcdefghijABCDEFGHIJ | ghs_…[REDACTED]",
                "github fine-grained | github_pat_11ABCDEFG0123456789_abcdefghij | github_pat_…[REDACTED]",
                "aws | id AKIAIOSFODNN7EXAMPLE here | id AKIA…[REDACTED] here",
                "slack | xoxb-1234567890-abcdefghij | xoxb-…[REDACTED]",
                "authorization header | Authorization: Bearer abc.def.ghi123 | Authorization: Bearer [REDACTED]",
                "basic auth header | authorization: Basic dXNlcjpwYXNzd29yZA== | authorization: Basic [REDACTED]",
                "bare bearer | curl -H 'X: bearer abcdefghijklmnop1234' | curl -H 'X: bearer [REDACTED]'",
                "api_key assignment | api_key=abcd1234efgh | api_key=[REDACTED]",
                "token colon | token: 9f8e7d6c5b4a | token: [REDACTED]",
                "json password | \"db_password\": \"hunter22hunter\" | \"db_password\": \"[REDACTED]\"",
                "env with known key | OPENAI_API_KEY=sk-abcdefghijklmnop1234 | OPENAI_API_KEY=sk-…[REDACTED]",
            })
    void masks_each_kind_of_secret_keeping_a_short_prefix(String kind, String text, String masked) {
        assertThat(redactor.maskSecrets(text)).isEqualTo(masked);
    }

    @Test
    void masks_a_private_key_block_whole() {
        String pem =
                "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----\nafter";

        assertThat(redactor.maskSecrets(pem)).isEqualTo("before\n-----BEGIN PRIVATE KEY-----…[REDACTED]\nafter");
        assertThat(redactor.maskSecrets("x -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk"))
                .isEqualTo("x -----BEGIN PRIVATE KEY-----…[REDACTED]");
    }

    @Test
    void leaves_ordinary_text_and_token_counts_alone() {
        String text = "max_tokens: 4096, \"input_tokens\": 123456789, the task-runner said ok, basic idea";

        assertThat(redactor.maskSecrets(text)).isEqualTo(text);
    }

    @Test
    void a_secret_at_the_cut_never_shows_in_part() {
        String text = "x".repeat(49) + " sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz" + "y".repeat(100);

        String redacted = redactor.redact(text, 60);

        assertThat(redacted).startsWith("x".repeat(49) + " sk-ant-…[REDACTED]\n…[cut ");
        assertThat(redacted).doesNotContain("api03");
    }

    @Test
    void a_snippet_masks_a_secret_that_crosses_its_window() {
        String text = "prefix ghp_0123456789abcdefghijABCDEFGHIJ then the needle and more";
        int at = text.indexOf("needle");

        String snippet = redactor.snippet(text, at, at + 6, 14, true);
        String raw = redactor.snippet(text, at, at + 6, 14, false);

        assertThat(snippet).isEqualTo("…ghp_…[REDACTED] then the needle and more");
        assertThat(raw).isEqualTo("…GHIJ then the needle and more");
    }

    @Test
    void a_snippet_inside_a_long_private_key_is_masked() {
        String text = "-----BEGIN PRIVATE KEY-----\n" + "QUJD".repeat(500) + "NEEDLE" + "QUJD".repeat(100)
                + "\n-----END PRIVATE KEY-----";
        int at = text.indexOf("NEEDLE");

        assertThat(redactor.snippet(text, at, at + 6, 20, true))
                .doesNotContain("QUJD")
                .doesNotContain("NEEDLE");
    }

    @Test
    void redacting_an_entry_uses_the_cap_for_its_role() {
        String text = "a".repeat(100);
        TurnEntry tool = new TurnEntry(EntryRole.TOOL_RESULT, Instant.EPOCH, "Bash", text);
        TurnEntry assistant = new TurnEntry(EntryRole.ASSISTANT, Instant.EPOCH, null, text);

        assertThat(head(redactor.redact(tool).text())).hasSize(64);
        assertThat(redactor.redact(assistant).text()).isEqualTo(text);
    }
}
