package io.millrace.pgwire;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Password authentication as PostgreSQL does it: SCRAM-SHA-256 (RFC 5802 and 7677, without channel
 * binding), md5 and cleartext. Passwords are kept only as verifiers in PostgreSQL's formats:
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} or {@code md5<hex>}.
 *
 * <p>An unknown user, a user without a password and a wrong password all fail the same way, at
 * the end of the exchange, with 28P01.
 */
public final class PasswordAuthenticators {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ITERATIONS = 4096;
    private static final String SCRAM_PREFIX = "SCRAM-SHA-256$";
    private static final String MECHANISM = "SCRAM-SHA-256";

    private PasswordAuthenticators() {
    }

    /** A SCRAM-SHA-256 verifier for {@code password}, with a fresh salt. */
    public static String scramVerifier(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return scramVerifier(password, salt, ITERATIONS);
    }

    static String scramVerifier(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] storedKey = sha256(hmac(salted, "Client Key"));
        byte[] serverKey = hmac(salted, "Server Key");
        Base64.Encoder b64 = Base64.getEncoder();
        return SCRAM_PREFIX + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                + b64.encodeToString(serverKey);
    }

    /** PostgreSQL's md5 verifier: "md5" and the hex MD5 of the password followed by the user name. */
    public static String md5Verifier(String user, String password) {
        return "md5" + md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code text} is already a verifier (so CREATE ROLE ... PASSWORD keeps it as is). */
    public static boolean isVerifier(String text) {
        return text.startsWith(SCRAM_PREFIX) && Scram.parse(text) != null
                || text.length() == 35 && text.startsWith("md5") && text.substring(3).matches("[0-9a-f]{32}");
    }

    /**
     * SCRAM-SHA-256; {@code verifiers} gives a user's verifier or null. A user whose password is
     * stored as md5 cannot use SCRAM, as in PostgreSQL.
     */
    public static Authenticator scram(Function<String, String> verifiers) {
        return new ScramExchange(verifiers);
    }

    /** md5, or SCRAM for a user whose verifier is SCRAM (PostgreSQL does the same). */
    public static Authenticator md5(Function<String, String> verifiers) {
        return new Authenticator() {
            private Authenticator delegate;
            private String user;
            private final byte[] salt = new byte[4];

            @Override
            public Step start(Map<String, String> startupParameters) {
                user = startupParameters.get("user");
                String verifier = verifiers.apply(user);
                if (verifier != null && verifier.startsWith(SCRAM_PREFIX)) {
                    delegate = scram(verifiers);
                    return delegate.start(startupParameters);
                }
                RANDOM.nextBytes(salt);
                return new Step.Challenge(5, salt.clone());
            }

            @Override
            public Step respond(byte[] response) {
                if (delegate != null) {
                    return delegate.respond(response);
                }
                String sent = cString(response);
                String verifier = verifiers.apply(user);
                if (verifier == null || !verifier.startsWith("md5")) {
                    return failed(user);
                }
                byte[] inner = verifier.substring(3).getBytes(StandardCharsets.US_ASCII);
                byte[] withSalt = new byte[inner.length + salt.length];
                System.arraycopy(inner, 0, withSalt, 0, inner.length);
                System.arraycopy(salt, 0, withSalt, inner.length, salt.length);
                String expected = "md5" + md5Hex(withSalt);
                return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        sent.getBytes(StandardCharsets.US_ASCII)) ? new Step.Ok() : failed(user);
            }
        };
    }

    /** The password in clear text (only sensible over TLS), checked against either kind of verifier. */
    public static Authenticator cleartext(Function<String, String> verifiers) {
        return new Authenticator() {
            private String user;

            @Override
            public Step start(Map<String, String> startupParameters) {
                user = startupParameters.get("user");
                return new Step.Challenge(3, new byte[0]);
            }

            @Override
            public Step respond(byte[] response) {
                String password = cString(response);
                String verifier = verifiers.apply(user);
                if (verifier == null) {
                    return failed(user);
                }
                String computed;
                if (verifier.startsWith("md5")) {
                    computed = md5Verifier(user, password);
                } else {
                    Scram s = Scram.parse(verifier);
                    computed = s == null ? "" : scramVerifier(password, s.salt, s.iterations);
                }
                return MessageDigest.isEqual(computed.getBytes(StandardCharsets.UTF_8),
                        verifier.getBytes(StandardCharsets.UTF_8)) ? new Step.Ok() : failed(user);
            }
        };
    }

    static Authenticator.Step failed(String user) {
        return new Authenticator.Step.Fail(new MillraceException(SqlState.INVALID_PASSWORD,
                "password authentication failed for user \"" + user + "\""));
    }

    /** A parsed SCRAM verifier. */
    private record Scram(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
        static Scram parse(String verifier) {
            try {
                String[] parts = verifier.substring(SCRAM_PREFIX.length()).split("[$:]");
                Base64.Decoder b64 = Base64.getDecoder();
                return new Scram(Integer.parseInt(parts[0]), b64.decode(parts[1]), b64.decode(parts[2]),
                        b64.decode(parts[3]));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /** One SCRAM-SHA-256 exchange: SASL, SASLContinue with the server-first message, SASLFinal. */
    private static final class ScramExchange implements Authenticator {
        private final Function<String, String> verifiers;
        private String user;
        private Scram scram;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;
        private String gs2Header;

        ScramExchange(Function<String, String> verifiers) {
            this.verifiers = verifiers;
        }

        @Override
        public Step start(Map<String, String> startupParameters) {
            user = startupParameters.get("user");
            return new Step.Challenge(10, (MECHANISM + "\0\0").getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public Step respond(byte[] response) {
            return clientFirstBare == null ? clientFirst(response) : clientFinal(response);
        }

        private Step clientFirst(byte[] response) {
            ByteBuffer in = ByteBuffer.wrap(response);
            String mechanism = readCString(in);
            if (!mechanism.equals(MECHANISM)) {
                return protocolError("client selected an invalid SASL authentication mechanism");
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                return protocolError("malformed SCRAM message");
            }
            byte[] body = new byte[length];
            in.get(body);
            String message = new String(body, StandardCharsets.UTF_8);
            // gs2 header: "n,," (no channel binding) or "y,," (client could, server did not offer it).
            if (!(message.startsWith("n,") || message.startsWith("y,"))) {
                return protocolError("channel binding is not supported");
            }
            int secondComma = message.indexOf(',', 2);
            if (secondComma < 0) {
                return protocolError("malformed SCRAM message");
            }
            clientFirstBare = message.substring(secondComma + 1);
            String clientNonce = attribute(clientFirstBare, 'r');
            if (clientNonce == null) {
                return protocolError("malformed SCRAM message");
            }
            String verifier = verifiers.apply(user);
            scram = verifier != null && verifier.startsWith(SCRAM_PREFIX) ? Scram.parse(verifier) : null;
            byte[] salt = scram != null ? scram.salt : randomBytes(16);
            int iterations = scram != null ? scram.iterations : ITERATIONS;
            nonce = clientNonce + Base64.getEncoder().encodeToString(randomBytes(18));
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
            gs2Header = message.substring(0, secondComma + 1);
            return new Step.Challenge(11, serverFirst.getBytes(StandardCharsets.UTF_8));
        }

        private Step clientFinal(byte[] response) {
            String message = new String(response, StandardCharsets.UTF_8);
            int proofAt = message.lastIndexOf(",p=");
            if (proofAt < 0) {
                return protocolError("malformed SCRAM message");
            }
            String withoutProof = message.substring(0, proofAt);
            String binding = attribute(message, 'c');
            String sentNonce = attribute(message, 'r');
            byte[] proof;
            try {
                proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
            } catch (IllegalArgumentException e) {
                return protocolError("malformed SCRAM message");
            }
            if (binding == null || !binding.equals(Base64.getEncoder().encodeToString(
                    gs2Header.getBytes(StandardCharsets.UTF_8))) || !nonce.equals(sentNonce)) {
                return protocolError("SCRAM channel binding or nonce check failed");
            }
            if (scram == null || proof.length != 32) {
                return failed(user);
            }
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                    .getBytes(StandardCharsets.UTF_8);
            byte[] clientSignature = hmac(scram.storedKey, authMessage);
            byte[] clientKey = new byte[32];
            for (int i = 0; i < 32; i++) {
                clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
            }
            if (!MessageDigest.isEqual(sha256(clientKey), scram.storedKey)) {
                return failed(user);
            }
            String serverFinal = "v=" + Base64.getEncoder().encodeToString(hmac(scram.serverKey, authMessage));
            return new Step.Final(12, serverFinal.getBytes(StandardCharsets.UTF_8));
        }

        private static Step protocolError(String message) {
            return new Step.Fail(new MillraceException(SqlState.PROTOCOL_VIOLATION, message));
        }

        /** The value of {@code name=} among a SCRAM message's comma-separated attributes. */
        private static String attribute(String message, char name) {
            for (String part : message.split(",")) {
                if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                    return part.substring(2);
                }
            }
            return null;
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String readCString(ByteBuffer in) {
        int start = in.position();
        while (in.hasRemaining() && in.get() != 0) {
            // scan to the terminator
        }
        return new String(in.array(), start, Math.max(0, in.position() - start - 1), StandardCharsets.UTF_8);
    }

    private static String cString(byte[] body) {
        int end = 0;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        return new String(body, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
