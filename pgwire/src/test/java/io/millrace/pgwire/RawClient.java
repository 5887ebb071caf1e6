package io.millrace.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A bare-bones protocol client for tests that need to see or send exact messages. */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    int processId;
    int secretKey;
    final Map<String, String> parameterStatus = new LinkedHashMap<>();

    /** One backend message. */
    record Msg(char type, byte[] body) {
        ByteBuffer buffer() {
            return ByteBuffer.wrap(body);
        }

        /** Fields of an ErrorResponse or NoticeResponse. */
        Map<Character, String> fields() {
            Map<Character, String> fields = new LinkedHashMap<>();
            int i = 0;
            while (body[i] != 0) {
                char code = (char) body[i++];
                int end = i;
                while (body[end] != 0) {
                    end++;
                }
                fields.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
                i = end + 1;
            }
            return fields;
        }

        /** The first C string of the body (CommandComplete tag). */
        String string() {
            int end = 0;
            while (body[end] != 0) {
                end++;
            }
            return new String(body, 0, end, StandardCharsets.UTF_8);
        }

        /** DataRow columns as text (null for NULL). */
        List<String> columns() {
            ByteBuffer b = buffer();
            int n = b.getShort();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int length = b.getInt();
                if (length < 0) {
                    values.add(null);
                } else {
                    byte[] v = new byte[length];
                    b.get(v);
                    values.add(new String(v, StandardCharsets.UTF_8));
                }
            }
            return values;
        }

        /** DataRow columns as raw bytes. */
        List<byte[]> rawColumns() {
            ByteBuffer b = buffer();
            int n = b.getShort();
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int length = b.getInt();
                byte[] v = null;
                if (length >= 0) {
                    v = new byte[length];
                    b.get(v);
                }
                values.add(v);
            }
            return values;
        }
    }

    /** Builds a message body. */
    static final class Body {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream data = new DataOutputStream(bytes);

        Body str(String s) {
            return raw(s.getBytes(StandardCharsets.UTF_8)).i8(0);
        }

        Body i8(int v) {
            bytes.write(v);
            return this;
        }

        Body i16(int v) {
            try {
                data.writeShort(v);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return this;
        }

        Body i32(int v) {
            try {
                data.writeInt(v);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return this;
        }

        Body raw(byte[] b) {
            bytes.write(b, 0, b.length);
            return this;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Connects and completes startup as user "test". */
    static RawClient connect(int port) throws IOException {
        RawClient c = new RawClient(port);
        c.startup(Map.of("user", "test", "database", "test"));
        List<Msg> messages = c.readUntilReady();
        assertEquals('R', messages.get(0).type(), "AuthenticationOk first");
        return c;
    }

    void startup(Map<String, String> parameters) throws IOException {
        Body body = new Body().i32(196608);
        parameters.forEach((k, v) -> body.str(k).str(v));
        body.i8(0);
        sendUntyped(body.bytes());
    }

    void sendUntyped(byte[] body) throws IOException {
        out.writeInt(body.length + 4);
        out.write(body);
        out.flush();
    }

    void send(char type, byte[] body) throws IOException {
        out.write(type);
        out.writeInt(body.length + 4);
        out.write(body);
        out.flush();
    }

    void send(char type, Body body) throws IOException {
        send(type, body.bytes());
    }

    void query(String sql) throws IOException {
        send('Q', new Body().str(sql));
    }

    void sync() throws IOException {
        send('S', new byte[0]);
    }

    int readByte() throws IOException {
        return in.read();
    }

    Msg read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed");
        }
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        Msg msg = new Msg((char) type, body);
        if (msg.type() == 'S') {
            String s = new String(body, StandardCharsets.UTF_8);
            String[] parts = s.split("\0");
            parameterStatus.put(parts[0], parts.length > 1 ? parts[1] : "");
        } else if (msg.type() == 'K') {
            processId = msg.buffer().getInt();
            secretKey = msg.buffer().getInt(4);
        }
        return msg;
    }

    /** Messages up to and including ReadyForQuery, skipping ParameterStatus and BackendKeyData. */
    List<Msg> readUntilReady() throws IOException {
        List<Msg> messages = new ArrayList<>();
        while (true) {
            Msg m = read();
            if (m.type() == 'S' || m.type() == 'K') {
                continue;
            }
            messages.add(m);
            if (m.type() == 'Z') {
                return messages;
            }
        }
    }

    /** The message types of {@code messages} as a string, e.g. "TDCZ". */
    static String types(List<Msg> messages) {
        StringBuilder sb = new StringBuilder();
        for (Msg m : messages) {
            sb.append(m.type());
        }
        return sb.toString();
    }

    /** True when the server closes the connection (EOF) before the timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
