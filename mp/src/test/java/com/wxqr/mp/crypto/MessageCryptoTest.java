package com.wxqr.mp.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wxqr.mp.crypto.MessageCrypto.KeySlot;
import com.wxqr.mp.crypto.MessageCryptoException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MessageCryptoTest {

    private static final String OTHER_KEY = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    @Test
    void decryptsOfficialVectorA() {
        MessageCrypto crypto =
                new MessageCrypto(OfficialVectors.A.get("AppID"), OfficialVectors.A.get("EncodingAESKey"));
        MessageCrypto.Decrypted decrypted = crypto.decrypt(OfficialVectors.A.get("Encrypt"));
        assertThat(decrypted.message()).isEqualTo(OfficialVectors.A.get("msg"));
        assertThat(decrypted.keySlot()).isEqualTo(KeySlot.CURRENT);
    }

    @Test
    void encryptsOfficialVectorAReplyExactly() {
        MessageCrypto crypto =
                new MessageCrypto(OfficialVectors.A.get("AppID"), OfficialVectors.A.get("EncodingAESKey"));
        assertThat(crypto.encrypt(OfficialVectors.A.get("reply.msg"), ascii(OfficialVectors.A.get("reply.random"))))
                .isEqualTo(OfficialVectors.A.get("reply.Encrypt"));
        assertThat(crypto.decrypt(OfficialVectors.A.get("reply.Encrypt")).message())
                .isEqualTo(OfficialVectors.A.get("reply.msg"));
    }

    @Test
    void derivesVectorBKeyAndEncryptsItsMessagesExactly() {
        // The 43rd character 'G' leaves two non-zero trailing bits; they must be ignored, as WeChat does.
        byte[] key = Base64.getDecoder().decode(OfficialVectors.B.get("EncodingAESKey") + "=");
        assertThat(HexFormat.of().formatHex(key)).isEqualTo(OfficialVectors.B.get("AESKey.hex"));
        MessageCrypto crypto =
                new MessageCrypto(OfficialVectors.B.get("AppID"), OfficialVectors.B.get("EncodingAESKey"));
        byte[] random = ascii(OfficialVectors.B.get("randomStr"));
        assertThat(crypto.encrypt(OfficialVectors.B.get("replyMsg"), random))
                .isEqualTo(OfficialVectors.B.get("afterAesEncrypt"));
        assertThat(crypto.encrypt(OfficialVectors.B.get("replyMsg2"), random))
                .isEqualTo(OfficialVectors.B.get("afterAesEncrypt2"));
        assertThat(crypto.decrypt(OfficialVectors.B.get("afterAesEncrypt2")).message())
                .isEqualTo(OfficialVectors.B.get("replyMsg2"));
    }

    @Test
    void decryptsOfficialVectorC() {
        MessageCrypto crypto =
                new MessageCrypto(OfficialVectors.C.get("AppID"), OfficialVectors.C.get("EncodingAESKey"));
        assertThat(crypto.decrypt(OfficialVectors.C.get("Encrypt")).message()).isEqualTo(OfficialVectors.C.get("msg"));
    }

    @Test
    void roundTripsMessagesOfEveryLengthAroundTheBlockSize() {
        MessageCrypto crypto = new MessageCrypto("wx1234567890abcdef", OTHER_KEY);
        for (int length = 0; length <= 70; length++) {
            String message = "中".repeat(length % 3) + "x".repeat(length);
            String encrypted = crypto.encrypt(message);
            assertThat(Base64.getDecoder().decode(encrypted).length % 32).isZero();
            assertThat(crypto.decrypt(encrypted).message()).isEqualTo(message);
        }
    }

    @Test
    void aFullBlockOfPaddingIsAddedWhenTheLengthIsAMultipleOf32() {
        // 16 + 4 + 12 + 0 = 32 bytes would need no padding; PKCS#7 adds a whole block of 0x20.
        MessageCrypto crypto = new MessageCrypto("x", OTHER_KEY);
        String encrypted = crypto.encrypt("hello world!".substring(0, 11), new byte[16]);
        assertThat(Base64.getDecoder().decode(encrypted)).hasSize(64);
    }

    @Test
    void theSameMessageEncryptsDifferentlyEachTime() {
        MessageCrypto crypto = new MessageCrypto("wx1", OTHER_KEY);
        assertThat(crypto.encrypt("same")).isNotEqualTo(crypto.encrypt("same"));
    }

    @Test
    void refusesAMessageForAnotherAppId() {
        String forOther = new MessageCrypto("wxOTHER", OTHER_KEY).encrypt("<xml/>");
        assertRefused(() -> new MessageCrypto("wxMINE", OTHER_KEY).decrypt(forOther), Reason.APPID_MISMATCH);
    }

    @Test
    void aWrongKeyShowsAsBadPaddingOrLength() {
        String encrypted = new MessageCrypto("wx1", OTHER_KEY).encrypt("<xml>hello</xml>");
        assertRefused(
                () -> new MessageCrypto("wx1", OfficialVectors.A.get("EncodingAESKey")).decrypt(encrypted),
                Reason.BAD_PADDING,
                Reason.BAD_LENGTH);
    }

    @Test
    void refusesTamperedPadding() {
        MessageCrypto crypto = new MessageCrypto("wx1", OTHER_KEY);
        byte[] raw = Base64.getDecoder().decode(crypto.encrypt("<xml>hello</xml>"));
        raw[raw.length - 1] ^= 0x55; // CBC: flips bytes of the last block's plaintext, i.e. the padding
        assertRefused(() -> crypto.decrypt(Base64.getEncoder().encodeToString(raw)), Reason.BAD_PADDING);
    }

    @Test
    void refusesBadBase64AndBadBlockLengths() {
        MessageCrypto crypto = new MessageCrypto("wx1", OTHER_KEY);
        assertRefused(() -> crypto.decrypt("not base64 !!"), Reason.BAD_BASE64);
        assertRefused(() -> crypto.decrypt(Base64.getEncoder().encodeToString(new byte[48])), Reason.BAD_BLOCK_LENGTH);
        assertRefused(() -> crypto.decrypt(""), Reason.BAD_BLOCK_LENGTH);
    }

    @Test
    void acceptsThePreviousKeyDuringAKeyChangeAndSaysSo() {
        String underOldKey = new MessageCrypto("wx1", OTHER_KEY).encrypt("<xml>old</xml>");
        MessageCrypto crypto = new MessageCrypto("wx1", OfficialVectors.A.get("EncodingAESKey"), OTHER_KEY);
        MessageCrypto.Decrypted decrypted = crypto.decrypt(underOldKey);
        assertThat(decrypted.message()).isEqualTo("<xml>old</xml>");
        assertThat(decrypted.keySlot()).isEqualTo(KeySlot.PREVIOUS);

        String reply = crypto.encrypt("<xml>reply</xml>", KeySlot.PREVIOUS);
        assertThat(new MessageCrypto("wx1", OTHER_KEY).decrypt(reply).message()).isEqualTo("<xml>reply</xml>");
        assertThat(crypto.decrypt(crypto.encrypt("<xml>new</xml>")).keySlot()).isEqualTo(KeySlot.CURRENT);
    }

    @Test
    void rejectsMalformedKeysNamingTheSetting() {
        assertThatThrownBy(() -> new MessageCrypto("wx1", OTHER_KEY.substring(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encodingAesKey must be 43 characters")
                .hasMessageContaining("got 42")
                .hasMessageNotContaining(OTHER_KEY.substring(1));
        assertThatThrownBy(() -> new MessageCrypto("wx1", OTHER_KEY, OTHER_KEY.replace('0', '+')))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("previousEncodingAesKey");
        assertThatThrownBy(() -> new MessageCrypto(" ", OTHER_KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appId");
    }

    @Test
    void isSafeToShareAcrossThreads() throws Exception {
        MessageCrypto crypto = new MessageCrypto("wx1", OTHER_KEY);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = IntStream.range(0, 64)
                    .<Callable<Boolean>>mapToObj(i -> () -> {
                        for (int n = 0; n < 200; n++) {
                            String message = "<xml>" + i + "-" + n + "</xml>";
                            if (!crypto.decrypt(crypto.encrypt(message))
                                    .message()
                                    .equals(message)) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code decrypt} fails with a {@link MessageCryptoException} for one of {@code reasons}. */
    private static void assertRefused(ThrowingCallable decrypt, Reason... reasons) {
        assertThatThrownBy(decrypt)
                .isInstanceOfSatisfying(
                        MessageCryptoException.class,
                        e -> assertThat(e.reason()).isIn((Object[]) reasons));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
