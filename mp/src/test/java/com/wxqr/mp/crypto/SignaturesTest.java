package com.wxqr.mp.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignaturesTest {

    @Test
    void urlVerificationSignatureMatchesTheOfficialExample() {
        assertThat(Signatures.sign("AAAAA", "1714036504", "1514711492"))
                .isEqualTo("f464b24fc39322e44b38aa78f5edd27bd1441696");
    }

    @Test
    void partsAreSortedAsStringsNotNumbers() {
        // "1714037059" < "486452656" as strings although not as numbers (docs/PROTOCOL.md#signatures).
        assertThat(Signatures.sign("AAAAA", "1714037059", "486452656"))
                .isEqualTo("899cf89e464efb63f54ddac96b0a0a235f53aa78")
                .isEqualTo(Signatures.sign("486452656", "AAAAA", "1714037059"));
    }

    @Test
    void safeModePushUrlSignatureMatchesTheOfficialExample() {
        OfficialVectors a = OfficialVectors.A;
        assertThat(Signatures.sign(a.get("Token"), a.get("timestamp"), a.get("nonce")))
                .isEqualTo(a.get("signature"));
    }

    /**
     * msg_signature is the signature over Token, timestamp, nonce and Encrypt (docs/PROTOCOL.md#signatures), in every
     * vector.
     */
    @ParameterizedTest(name = "{0}: {4}")
    @CsvSource({
        "A, timestamp,       nonce,       Encrypt,         msg_signature",
        "A, reply.TimeStamp, reply.Nonce, reply.Encrypt,   reply.MsgSignature",
        "B, timestamp,       nonce,       afterAesEncrypt, derived.msg_signature",
        "C, timestamp,       nonce,       Encrypt,         msg_signature",
    })
    void msgSignatureMatchesEveryOfficialVector(
            OfficialVectors vector, String timestamp, String nonce, String encrypt, String msgSignature) {
        assertThat(Signatures.sign(vector.get("Token"), vector.get(timestamp), vector.get(nonce), vector.get(encrypt)))
                .isEqualTo(vector.get(msgSignature));
    }

    @Test
    void matchesIsExactAndNullSafe() {
        String good = Signatures.sign("a", "b", "c");
        assertThat(Signatures.matches(good, good)).isTrue();
        assertThat(Signatures.matches(good, good.substring(1) + "0")).isFalse();
        assertThat(Signatures.matches(good, good.toUpperCase(java.util.Locale.ROOT)))
                .isFalse();
        assertThat(Signatures.matches(good, good.substring(0, 39))).isFalse();
        assertThat(Signatures.matches(good, null)).isFalse();
        assertThat(Signatures.matches(null, good)).isFalse();
    }

    @Test
    void aNullPartIsACallerMistake() {
        assertThatThrownBy(() -> Signatures.sign("token", null, "nonce"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("part 1");
    }
}
