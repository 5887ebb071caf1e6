package io.millrace.pgwire;

import io.millrace.common.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the byte stream into frontend messages. A connection starts with untyped packets (length,
 * then a code: SSLRequest, GSSENCRequest, CancelRequest or the StartupMessage); after the
 * StartupMessage every message is a type byte, a length that counts itself, and a body.
 * Lengths above {@code maxMessageBytes} are refused before any of the body is buffered.
 */
final class PgFrameDecoder extends ByteToMessageDecoder {
    static final int SSL_REQUEST_CODE = 80877103;
    static final int GSSENC_REQUEST_CODE = 80877104;
    static final int CANCEL_REQUEST_CODE = 80877102;
    /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
    private static final int MAX_STARTUP_PACKET_LENGTH = 10000;

    private enum State { STARTUP, MESSAGES, DISCARD }

    private final int maxMessageBytes;
    private State state = State.STARTUP;

    PgFrameDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case STARTUP -> decodeStartup(in, out);
            case MESSAGES -> decodeMessage(in, out);
            case DISCARD -> in.skipBytes(in.readableBytes());
        }
    }

    private void decodeStartup(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) {
            fatal(in, out, SqlState.PROTOCOL_VIOLATION, "invalid length of startup packet", null);
            return;
        }
        if (in.readableBytes() < length) {
            return;
        }
        in.skipBytes(4);
        ByteBuf body = in.readSlice(length - 4);
        int code = body.readInt();
        switch (code) {
            case SSL_REQUEST_CODE -> out.add(new FrontendMessage.SslRequest());
            case GSSENC_REQUEST_CODE -> out.add(new FrontendMessage.GssEncRequest());
            case CANCEL_REQUEST_CODE -> {
                if (body.readableBytes() != 8) {
                    fatal(in, out, SqlState.PROTOCOL_VIOLATION, "invalid length of startup packet", null);
                    return;
                }
                out.add(new FrontendMessage.CancelRequest(body.readInt(), body.readInt()));
                state = State.DISCARD;
            }
            default -> {
                Map<String, String> parameters = new LinkedHashMap<>();
                try {
                    while (body.isReadable()) {
                        String name = readCString(body);
                        if (name.isEmpty()) {
                            break;
                        }
                        parameters.put(name, readCString(body));
                    }
                } catch (MalformedException e) {
                    fatal(in, out, SqlState.PROTOCOL_VIOLATION, "invalid startup packet layout: expected terminator as last byte", null);
                    return;
                }
                out.add(new FrontendMessage.Startup(code, parameters));
                state = State.MESSAGES;
            }
        }
    }

    private void decodeMessage(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 5) {
            return;
        }
        int start = in.readerIndex();
        int type = in.getUnsignedByte(start);
        int length = in.getInt(start + 1);
        if (length < 4) {
            fatal(in, out, SqlState.PROTOCOL_VIOLATION, "invalid message length", null);
            return;
        }
        if (length > maxMessageBytes) {
            fatal(in, out, SqlState.PROGRAM_LIMIT_EXCEEDED, "message too large",
                    "The message is " + length + " bytes long; the limit is " + maxMessageBytes + " bytes.");
            return;
        }
        if (in.readableBytes() < 1 + length) {
            return;
        }
        in.skipBytes(5);
        ByteBuf body = in.readSlice(length - 4);
        try {
            FrontendMessage message = decodeBody(type, body);
            if (body.isReadable() && !(message instanceof FrontendMessage.Unknown)) {
                throw new MalformedException("invalid message format");
            }
            out.add(message);
        } catch (MalformedException | IndexOutOfBoundsException e) {
            out.add(new FrontendMessage.Malformed(type, "invalid message format"));
        }
    }

    private static FrontendMessage decodeBody(int type, ByteBuf body) {
        switch (type) {
            case 'Q':
                return new FrontendMessage.Query(readCString(body));
            case 'P': {
                String name = readCString(body);
                String sql = readCString(body);
                int count = body.readUnsignedShort();
                int[] oids = new int[count];
                for (int i = 0; i < count; i++) {
                    oids[i] = body.readInt();
                }
                return new FrontendMessage.Parse(name, sql, oids);
            }
            case 'B': {
                String portal = readCString(body);
                String statement = readCString(body);
                short[] parameterFormats = readShorts(body);
                int count = body.readUnsignedShort();
                byte[][] parameters = new byte[count][];
                for (int i = 0; i < count; i++) {
                    int length = body.readInt();
                    if (length < -1 || length > body.readableBytes()) {
                        throw new MalformedException("invalid parameter length");
                    }
                    if (length >= 0) {
                        parameters[i] = new byte[length];
                        body.readBytes(parameters[i]);
                    }
                }
                short[] resultFormats = readShorts(body);
                return new FrontendMessage.Bind(portal, statement, parameterFormats, parameters, resultFormats);
            }
            case 'D': {
                char kind = (char) body.readUnsignedByte();
                return new FrontendMessage.Describe(kind, readCString(body));
            }
            case 'E': {
                String portal = readCString(body);
                return new FrontendMessage.Execute(portal, body.readInt());
            }
            case 'C': {
                char kind = (char) body.readUnsignedByte();
                return new FrontendMessage.Close(kind, readCString(body));
            }
            case 'S':
                return new FrontendMessage.Sync();
            case 'H':
                return new FrontendMessage.Flush();
            case 'X':
                return new FrontendMessage.Terminate();
            case 'd': {
                byte[] data = new byte[body.readableBytes()];
                body.readBytes(data);
                return new FrontendMessage.CopyData(data);
            }
            case 'c':
                return new FrontendMessage.CopyDone();
            case 'f':
                return new FrontendMessage.CopyFail(readCString(body));
            case 'p': {
                byte[] data = new byte[body.readableBytes()];
                body.readBytes(data);
                return new FrontendMessage.PasswordMessage(data);
            }
            default:
                body.skipBytes(body.readableBytes());
                return new FrontendMessage.Unknown(type);
        }
    }

    private void fatal(ByteBuf in, List<Object> out, SqlState sqlState, String message, String detail) {
        in.skipBytes(in.readableBytes());
        state = State.DISCARD;
        out.add(new FrontendMessage.FatalFrame(sqlState, message, detail));
    }

    private static short[] readShorts(ByteBuf body) {
        int count = body.readUnsignedShort();
        short[] values = new short[count];
        for (int i = 0; i < count; i++) {
            values[i] = body.readShort();
        }
        return values;
    }

    private static String readCString(ByteBuf body) {
        int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new MalformedException("missing string terminator");
        }
        String s = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
        body.readerIndex(end + 1);
        return s;
    }

    private static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }
}
