package com.wxqr.mp.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    void urlVerificationSignatureMatchesTheOfficialExample() {
        assertThat(Signatures.sign("AAAAA", "1714036504", "1514711492"))
                .isEqualTo("f464b24fc39322e44b38aa78f5edd27bd1441696");
    }

    @Test
    void partsAreSortedAsStringsNotNumbers() {
        // "1714037059" < "486452656" as strings although not as numbers (spec §1.2).
        assertThat(Signatures.sign("AAAAA", "1714037059", "486452656"))
                .isEqualTo("899cf89e464efb63f54ddac96b0a0a235f53aa78")
                .isEqualTo(Signatures.sign("486452656", "AAAAA", "1714037059"));
    }

    @Test
    void safeModePushCarriesBothOfficialSignatures() {
        assertThat(Signatures.sign(OfficialVectors.A.TOKEN, OfficialVectors.A.TIMESTAMP, OfficialVectors.A.NONCE))
                .isEqualTo(OfficialVectors.A.SIGNATURE);
        assertThat(Signatures.sign(
                        OfficialVectors.A.TOKEN,
                        OfficialVectors.A.TIMESTAMP,
                        OfficialVectors.A.NONCE,
                        OfficialVectors.A.ENCRYPT))
                .isEqualTo(OfficialVectors.A.MSG_SIGNATURE);
    }

    @Test
    void replyMsgSignatureMatchesTheOfficialExample() {
        assertThat(Signatures.sign(
                        OfficialVectors.A.TOKEN,
                        OfficialVectors.A.REPLY_TIMESTAMP,
                        OfficialVectors.A.REPLY_NONCE,
                        OfficialVectors.A.REPLY_ENCRYPT))
                .isEqualTo(OfficialVectors.A.REPLY_MSG_SIGNATURE);
    }

    @Test
    void tencentSamplesSignaturesMatch() {
        assertThat(Signatures.sign(
                        OfficialVectors.C.TOKEN,
                        OfficialVectors.C.TIMESTAMP,
                        OfficialVectors.C.NONCE,
                        OfficialVectors.C.ENCRYPT))
                .isEqualTo(OfficialVectors.C.MSG_SIGNATURE);
        assertThat(Signatures.sign(
                        OfficialVectors.B.TOKEN,
                        OfficialVectors.B.TIMESTAMP,
                        OfficialVectors.B.NONCE,
                        OfficialVectors.B.AFTER_AES_ENCRYPT))
                .isEqualTo(OfficialVectors.B.DERIVED_MSG_SIGNATURE);
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
