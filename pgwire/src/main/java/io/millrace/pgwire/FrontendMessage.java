package io.millrace.pgwire;

import java.util.Map;

/**
 * A message from the client, decoded from its frame by {@link PgFrameDecoder} on the event loop and
 * handled in order on the connection's own thread.
 */
sealed interface FrontendMessage {

    /** StartupMessage: protocol version (major in the high 16 bits) and parameters. */
    record Startup(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {
        int major() {
            return protocolVersion >>> 16;
        }

        int minor() {
            return protocolVersion & 0xFFFF;
        }
    }

    /** SSLRequest: answered 'N' (no TLS yet); the real startup packet follows. */
    record SslRequest() implements FrontendMessage {
    }

    /** GSSENCRequest: answered 'N'; the real startup packet follows. */
    record GssEncRequest() implements FrontendMessage {
    }

    /** CancelRequest, sent on a new connection with another connection's key. */
    record CancelRequest(int processId, int secretKey) implements FrontendMessage {
    }

    /** 'p': a password, SASL initial response or SASL response, depending on the exchange. */
    record PasswordMessage(byte[] body) implements FrontendMessage {
    }

    /** 'Q'. */
    record Query(String sql) implements FrontendMessage {
    }

    /** 'P'. An OID of 0 leaves the parameter's type to the server. */
    record Parse(String name, String sql, int[] parameterOids) implements FrontendMessage {
    }

    /** 'B'. A null entry of {@code parameters} is SQL NULL. */
    record Bind(String portal, String statement, short[] parameterFormats, byte[][] parameters,
            short[] resultFormats) implements FrontendMessage {
    }

    /** 'D': kind 'S' (statement) or 'P' (portal). */
    record Describe(char kind, String name) implements FrontendMessage {
    }

    /** 'E': maxRows 0 means all. */
    record Execute(String portal, int maxRows) implements FrontendMessage {
    }

    /** 'C': kind 'S' (statement) or 'P' (portal). */
    record Close(char kind, String name) implements FrontendMessage {
    }

    /** 'S'. */
    record Sync() implements FrontendMessage {
    }

    /** 'H'. */
    record Flush() implements FrontendMessage {
    }

    /** 'X'. */
    record Terminate() implements FrontendMessage {
    }

    /** 'd' during COPY FROM STDIN. */
    record CopyData(byte[] data) implements FrontendMessage {
    }

    /** 'c'. */
    record CopyDone() implements FrontendMessage {
    }

    /** 'f'. */
    record CopyFail(String message) implements FrontendMessage {
    }

    /** A message type the protocol does not define. */
    record Unknown(int type) implements FrontendMessage {
    }

    /**
     * A frame that cannot be handled: too large, or a bad length. The connection answers with a
     * FATAL error and closes; the decoder discards everything after it.
     */
    record FatalFrame(io.millrace.common.SqlState sqlState, String message, String detail)
            implements FrontendMessage {
    }

    /** A well-framed message whose body is malformed (08P01, an ordinary error). */
    record Malformed(int type, String reason) implements FrontendMessage {
    }
}
