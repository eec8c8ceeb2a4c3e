package com.wxqr.mp.callback;

import com.wxqr.mp.crypto.MessageCrypto;
import com.wxqr.mp.crypto.MessageCrypto.KeySlot;
import com.wxqr.mp.crypto.MessageCryptoException;
import com.wxqr.mp.crypto.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One account's side of WeChat's server protocol: verifies the URL-verification request, verifies,
 * decrypts and parses pushes, and seals passive replies — plaintext, or in the encrypted envelope
 * when the push was encrypted (docs/PROTOCOL.md#pushes). It also holds the sender's side
 * ({@link #encodePush}, {@link #openReply}) so an emulator and tests produce and judge the wire
 * format with the same code.
 *
 * <p>What it accepts follows the account's {@link MessageMode} (default {@link MessageMode#SAFE}
 * when an EncodingAESKey is configured, else {@link MessageMode#PLAIN}), and a replay window: a
 * push or verification whose {@code timestamp} is further than {@code maxTimestampAge} (default 5
 * minutes) from now, in the past or the future, is refused.
 *
 * <p>Instances are immutable and thread-safe. Every refusal is a {@link CallbackRejectedException}
 * with one precise reason; its message names the problem and never a secret.
 */
public final class CallbackCodec {

    /** Default largest body accepted: far above any real push, far below memory trouble. */
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    /**
     * Default replay window: 5 minutes either side of now. WeChat retries a push within about 15 s
     * with its first timestamp, so this leaves room for clock skew and slow retries.
     */
    public static final Duration DEFAULT_MAX_TIMESTAMP_AGE = Duration.ofMinutes(5);

    private final String token;
    private final MessageCrypto crypto;
    private final MessageMode mode;
    private final Clock clock;
    private final Duration maxTimestampAge;
    private final int maxBodyBytes;

    private CallbackCodec(Builder b) {
        if (b.token == null || b.token.isEmpty()) {
            throw new IllegalArgumentException("token must not be empty");
        }
        this.token = b.token;
        if (b.encodingAesKey != null && !b.encodingAesKey.isEmpty()) {
            if (b.appId == null || b.appId.isBlank()) {
                throw new IllegalArgumentException("appId is required with an encodingAesKey");
            }
            this.crypto = new MessageCrypto(b.appId, b.encodingAesKey, b.previousEncodingAesKey);
        } else {
            this.crypto = null;
        }
        this.mode = b.messageMode != null ? b.messageMode : crypto != null ? MessageMode.SAFE : MessageMode.PLAIN;
        if (mode != MessageMode.PLAIN && crypto == null) {
            throw new IllegalArgumentException("messageMode " + mode + " needs an encodingAesKey");
        }
        this.clock = Objects.requireNonNull(b.clock, "clock");
        if (b.maxTimestampAge.isNegative()) {
            throw new IllegalArgumentException("maxTimestampAge must not be negative");
        }
        this.maxTimestampAge = b.maxTimestampAge;
        if (b.maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = b.maxBodyBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The message mode this codec enforces, as configured or derived from the presence of a key. */
    public MessageMode messageMode() {
        return mode;
    }

    /**
     * Checks a URL-verification GET (docs/PROTOCOL.md#server-url-verification) and returns the {@code echostr} to
     * answer with. Works in every message mode (WeChat signs it with {@code signature} only), within the replay window.
     *
     * @throws CallbackRejectedException MISSING_PARAMETER, STALE_TIMESTAMP or BAD_SIGNATURE
     */
    public String verifyUrl(CallbackParams params, String echostr) {
        requireParam("echostr", echostr);
        checkTimestampAndNonce(params);
        checkSignature(params);
        return echostr;
    }

    /**
     * Verifies and reads a POSTed push. A plaintext push is refused in {@link MessageMode#SAFE}
     * (ENCRYPTION_REQUIRED) and otherwise checked against {@code signature}; an encrypted one
     * ({@code encrypt_type=aes}) against {@code msg_signature} over its {@code Encrypt}, then
     * decrypted (AppID checked) and its decrypted content parsed; plaintext fields of a
     * compatible-mode body are not trusted. The timestamp must be within the replay window.
     *
     * @throws CallbackRejectedException for any failure, before anything is parsed that was not authenticated
     */
    public OpenedPush open(CallbackParams params, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (body.length > maxBodyBytes) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.TOO_LARGE,
                    "body of " + body.length + " bytes exceeds " + maxBodyBytes);
        }
        boolean encrypted = params.encrypted();
        if (!encrypted && mode == MessageMode.SAFE) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.ENCRYPTION_REQUIRED,
                    "the account is in safe mode; a push without encrypt_type=aes and msg_signature is refused");
        }
        checkTimestampAndNonce(params);
        String xml = new String(body, StandardCharsets.UTF_8);
        if (!encrypted) {
            checkSignature(params);
            return new OpenedPush(InboundMessage.parse(xml), false, null);
        }
        if (crypto == null) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.ENCRYPTION_NOT_CONFIGURED,
                    "an encrypted push arrived but no EncodingAESKey is configured");
        }
        requireParam("msg_signature", params.msgSignature());
        String encrypt = XmlFields.parse(xml).get("Encrypt");
        if (encrypt == null || encrypt.isEmpty()) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.MISSING_PARAMETER, "the push has no Encrypt");
        }
        if (!Signatures.matches(
                Signatures.sign(token, params.timestamp(), params.nonce(), encrypt), params.msgSignature())) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.BAD_SIGNATURE, "msg_signature does not match");
        }
        MessageCrypto.Decrypted decrypted = decrypt(encrypt);
        return new OpenedPush(InboundMessage.parse(decrypted.message()), true, decrypted.keySlot());
    }

    /**
     * The HTTP response body answering {@code opened}: {@code success} for {@link Reply#success()};
     * otherwise the reply XML addressed back to the sender, in the encrypted envelope
     * (Encrypt, MsgSignature, TimeStamp, Nonce) when the push was encrypted.
     */
    public String seal(OpenedPush opened, Reply reply) {
        if (reply instanceof Reply.Success) {
            return "success";
        }
        long now = clock.instant().getEpochSecond();
        InboundMessage message = opened.message();
        String xml = reply.toXml(/* toUser= */ message.fromUser(), /* fromUser= */ message.toUser(), now);
        if (!opened.encrypted()) {
            return xml;
        }
        String encrypt = crypto.encrypt(xml, opened.keySlot() == null ? KeySlot.CURRENT : opened.keySlot());
        String timestamp = Long.toString(now);
        String nonce = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L));
        return new XmlWriter(encrypt.length() + 256)
                .cdata("Encrypt", encrypt)
                .cdata("MsgSignature", Signatures.sign(token, timestamp, nonce, encrypt))
                .number("TimeStamp", now)
                .cdata("Nonce", nonce)
                .end();
    }

    /**
     * Builds a push exactly as WeChat sends it (sender's side, for emulators and tests): the query
     * parameters with {@code signature} (and {@code encrypt_type=aes}, {@code msg_signature} when
     * encrypted) and the body — the XML itself, the XML with {@code Encrypt} added (compatible), or
     * only {@code ToUserName} and {@code Encrypt} (safe).
     *
     * <p>{@code mode} is the sender's: it does not depend on the message mode this codec enforces
     * when opening pushes, so a test can produce a push the receiver must refuse.
     *
     * @param openid the sender's OpenID for the {@code openid} parameter, or null to omit it
     * @throws IllegalStateException for an encrypted mode without an encodingAesKey
     */
    public Push encodePush(String plainXml, MessageMode mode, String timestamp, String nonce, String openid) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("signature", Signatures.sign(token, timestamp, nonce));
        query.put("timestamp", timestamp);
        query.put("nonce", nonce);
        if (openid != null) {
            query.put("openid", openid);
        }
        if (mode == MessageMode.PLAIN) {
            return new Push(query, plainXml);
        }
        if (crypto == null) {
            throw new IllegalStateException("an encrypted push needs an encodingAesKey");
        }
        String encrypt = crypto.encrypt(plainXml);
        query.put("encrypt_type", "aes");
        query.put("msg_signature", Signatures.sign(token, timestamp, nonce, encrypt));
        String body;
        if (mode == MessageMode.SAFE) {
            String toUser = XmlFields.parse(plainXml).get("ToUserName");
            body = new XmlWriter()
                    .cdata("ToUserName", toUser)
                    .cdata("Encrypt", encrypt)
                    .end();
        } else {
            int end = plainXml.lastIndexOf("</xml>");
            if (end < 0) {
                throw new IllegalArgumentException("plainXml has no </xml>");
            }
            body = plainXml.substring(0, end) + "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt>"
                    + plainXml.substring(end);
        }
        return new Push(query, body);
    }

    /**
     * The same as {@link #encodePush(String, MessageMode, String, String, String)}.
     *
     * @deprecated use the {@link MessageMode} overload
     */
    @Deprecated(forRemoval = true)
    @SuppressWarnings({"removal", "InlineMeSuggester"})
    public Push encodePush(String plainXml, EncryptionMode mode, String timestamp, String nonce, String openid) {
        return encodePush(plainXml, MessageMode.valueOf(mode.name()), timestamp, nonce, openid);
    }

    /**
     * Reads a response to a push as WeChat does (sender's side): an encrypted envelope is verified
     * (MsgSignature over its own TimeStamp, Nonce and Encrypt) and decrypted to the reply XML; any
     * other body ({@code success}, empty, plaintext XML, junk) is returned unchanged.
     *
     * @throws CallbackRejectedException BAD_SIGNATURE, DECRYPTION_FAILED or APPID_MISMATCH for a bad envelope
     */
    public String openReply(String responseBody) {
        String trimmed = responseBody == null ? "" : responseBody.trim();
        if (!trimmed.startsWith("<") || !trimmed.contains("<Encrypt>")) {
            return responseBody == null ? "" : responseBody;
        }
        XmlFields envelope = XmlFields.parse(trimmed);
        String encrypt = envelope.get("Encrypt");
        if (encrypt == null) {
            return responseBody;
        }
        if (crypto == null) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.ENCRYPTION_NOT_CONFIGURED,
                    "an encrypted reply arrived but no EncodingAESKey is configured");
        }
        String timestamp = envelope.get("TimeStamp");
        String nonce = envelope.get("Nonce");
        String signature = envelope.get("MsgSignature");
        requireParam("TimeStamp", timestamp);
        requireParam("Nonce", nonce);
        requireParam("MsgSignature", signature);
        if (!Signatures.matches(Signatures.sign(token, timestamp.trim(), nonce, encrypt), signature)) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.BAD_SIGNATURE, "MsgSignature does not match");
        }
        return decrypt(encrypt).message();
    }

    private MessageCrypto.Decrypted decrypt(String encrypt) {
        try {
            return crypto.decrypt(encrypt);
        } catch (MessageCryptoException e) {
            CallbackRejectedException.Reason reason = e.reason() == MessageCryptoException.Reason.APPID_MISMATCH
                    ? CallbackRejectedException.Reason.APPID_MISMATCH
                    : CallbackRejectedException.Reason.DECRYPTION_FAILED;
            throw new CallbackRejectedException(reason, e.getMessage());
        }
    }

    /** The {@code signature} over token, timestamp and nonce (URL verification and plaintext pushes). */
    private void checkSignature(CallbackParams params) {
        requireParam("signature", params.signature());
        if (!Signatures.matches(Signatures.sign(token, params.timestamp(), params.nonce()), params.signature())) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.BAD_SIGNATURE, "signature does not match");
        }
    }

    private void checkTimestampAndNonce(CallbackParams params) {
        requireParam("timestamp", params.timestamp());
        requireParam("nonce", params.nonce());
        long timestamp = CallbackRejectedException.requireNumber(
                "timestamp", params.timestamp(), CallbackRejectedException.Reason.MISSING_PARAMETER);
        if (!maxTimestampAge.isZero()) {
            long age = clock.instant().getEpochSecond() - timestamp;
            if (Math.abs(age) > maxTimestampAge.toSeconds()) {
                throw new CallbackRejectedException(
                        CallbackRejectedException.Reason.STALE_TIMESTAMP,
                        "timestamp is " + Math.abs(age) + " s " + (age > 0 ? "old" : "in the future")
                                + ", more than the " + maxTimestampAge.toSeconds() + " s allowed");
            }
        }
    }

    private static void requireParam(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new CallbackRejectedException(
                    CallbackRejectedException.Reason.MISSING_PARAMETER, name + " is missing");
        }
    }

    /** Configures a {@link CallbackCodec}. Only {@code token} is required (plaintext mode). */
    public static final class Builder {
        private String token;
        private String appId;
        private String encodingAesKey;
        private String previousEncodingAesKey;
        private Clock clock = Clock.systemUTC();
        private Duration maxTimestampAge = DEFAULT_MAX_TIMESTAMP_AGE;
        private MessageMode messageMode;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder() {}

        /** The Token configured on the WeChat console. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The AppID checked inside every decrypted message. Required with an EncodingAESKey. */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /**
         * The 43-character EncodingAESKey; without it only plaintext pushes are accepted. With it the
         * default message mode is {@link MessageMode#SAFE}.
         */
        public Builder encodingAesKey(String encodingAesKey) {
            this.encodingAesKey = encodingAesKey;
            return this;
        }

        /** The EncodingAESKey in use before the last change, still accepted for decryption. */
        public Builder previousEncodingAesKey(String previousEncodingAesKey) {
            this.previousEncodingAesKey = previousEncodingAesKey;
            return this;
        }

        /** The clock for reply timestamps and the replay window; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The message mode set in WeChat's console; default {@link MessageMode#SAFE} when an
         * EncodingAESKey is set, else {@link MessageMode#PLAIN}. SAFE and COMPATIBLE need the key.
         */
        public Builder messageMode(MessageMode messageMode) {
            this.messageMode = Objects.requireNonNull(messageMode, "messageMode");
            return this;
        }

        /**
         * The replay window: pushes and URL verifications whose {@code timestamp} is further than
         * this from now, in the past or the future, are refused (STALE_TIMESTAMP). Default
         * {@link #DEFAULT_MAX_TIMESTAMP_AGE} (5 minutes); {@link Duration#ZERO} turns the check off.
         */
        public Builder maxTimestampAge(Duration maxTimestampAge) {
            this.maxTimestampAge = Objects.requireNonNull(maxTimestampAge, "maxTimestampAge");
            return this;
        }

        /** Largest body accepted, in bytes (default 256 KiB). */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is wrong */
        public CallbackCodec build() {
            return new CallbackCodec(this);
        }
    }
}
