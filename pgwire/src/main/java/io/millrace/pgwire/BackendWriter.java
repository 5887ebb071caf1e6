package io.millrace.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Encodes backend messages for one connection. Used only by the connection's own thread: messages
 * accumulate in a buffer that goes to the channel when it grows past {@link #FLUSH_THRESHOLD} or when
 * the protocol asks for a flush (ReadyForQuery, Flush, before a COPY source may block). Each flush
 * waits until the channel is writable again, so a slow client slows down the producer instead of
 * filling the heap.
 */
final class BackendWriter {
    static final int FLUSH_THRESHOLD = 64 * 1024;
    private static final byte[] NO_BYTES = new byte[0];

    private final Channel channel;
    private final Object writability = new Object();
    private ByteBuf buffer;

    BackendWriter(Channel channel) {
        this.channel = channel;
    }

    /** Thrown to the connection thread when the client has gone away; unwinds whatever it was doing. */
    static final class ConnectionClosedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectionClosedException() {
            super("connection closed", null, false, false);
        }
    }

    // ---- flow control

    /** Called on the event loop when the channel's writability changes or the channel closes. */
    void wakeUp() {
        synchronized (writability) {
            writability.notifyAll();
        }
    }

    /** Sends what is buffered, then waits until the channel can take more. */
    void flush() {
        flushWithoutWaiting();
        awaitWritable();
    }

    /** Sends what is buffered without waiting for the client (used when closing the connection). */
    void flushWithoutWaiting() {
        if (buffer != null && buffer.isReadable()) {
            ByteBuf b = buffer;
            buffer = null;
            channel.writeAndFlush(b, channel.voidPromise());
        }
    }

    /** Flushes when enough has accumulated. */
    void maybeFlush() {
        if (buffer != null && buffer.readableBytes() >= FLUSH_THRESHOLD) {
            flush();
        }
    }

    private void awaitWritable() {
        if (!channel.isActive()) {
            throw new ConnectionClosedException();
        }
        if (channel.isWritable()) {
            return;
        }
        synchronized (writability) {
            while (!channel.isWritable()) {
                if (!channel.isActive()) {
                    throw new ConnectionClosedException();
                }
                try {
                    writability.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectionClosedException();
                }
            }
        }
    }

    /** Drops anything not yet sent (the connection is going away). */
    void release() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    // ---- framing

    private ByteBuf buf() {
        if (buffer == null) {
            buffer = channel.alloc().buffer(8192);
        }
        return buffer;
    }

    private int begin(char type) {
        ByteBuf b = buf();
        b.writeByte(type);
        int lengthIndex = b.writerIndex();
        b.writeInt(0);
        return lengthIndex;
    }

    private void end(int lengthIndex) {
        buffer.setInt(lengthIndex, buffer.writerIndex() - lengthIndex);
    }

    private void cString(String s) {
        ByteBufUtil.writeUtf8(buffer, s);
        buffer.writeByte(0);
    }

    private void empty(char type) {
        end(begin(type));
    }

    // ---- messages

    /** The single-byte answer to SSLRequest and GSSENCRequest. */
    void refuseEncryption() {
        buf().writeByte('N');
    }

    void authenticationOk() {
        authentication(0, NO_BYTES);
    }

    /** AuthenticationXXX with a request code and its data (e.g. 10 = SASL with mechanism names). */
    void authentication(int code, byte[] data) {
        int at = begin('R');
        buffer.writeInt(code);
        buffer.writeBytes(data);
        end(at);
    }

    void negotiateProtocolVersion(int newestMinor, List<String> unrecognizedOptions) {
        int at = begin('v');
        buffer.writeInt(newestMinor);
        buffer.writeInt(unrecognizedOptions.size());
        for (String option : unrecognizedOptions) {
            cString(option);
        }
        end(at);
    }

    void parameterStatus(String name, String value) {
        int at = begin('S');
        cString(name);
        cString(value);
        end(at);
    }

    void parameterStatus(Map<String, String> parameters) {
        parameters.forEach(this::parameterStatus);
    }

    void backendKeyData(int processId, int secretKey) {
        int at = begin('K');
        buffer.writeInt(processId);
        buffer.writeInt(secretKey);
        end(at);
    }

    void readyForQuery(char status) {
        int at = begin('Z');
        buffer.writeByte(status);
        end(at);
    }

    void error(PgError error) {
        response('E', error);
    }

    void notice(PgError notice) {
        response('N', notice);
    }

    private void response(char type, PgError e) {
        int at = begin(type);
        field('S', e.severity());
        field('V', e.severity());
        field('C', e.code());
        field('M', e.message());
        if (e.detail() != null) {
            field('D', e.detail());
        }
        if (e.hint() != null) {
            field('H', e.hint());
        }
        if (e.position() > 0) {
            field('P', Integer.toString(e.position()));
        }
        if (e.where() != null) {
            field('W', e.where());
        }
        buffer.writeByte(0);
        end(at);
    }

    private void field(char code, String value) {
        buffer.writeByte(code);
        cString(value);
    }

    void rowDescription(List<ResultColumn> columns, short[] formats) {
        int at = begin('T');
        buffer.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn c = columns.get(i);
            cString(c.name());
            buffer.writeInt(c.tableOid());
            buffer.writeShort(c.columnNumber());
            buffer.writeInt(c.type().oid());
            buffer.writeShort(c.type().typlen());
            buffer.writeInt(c.typmod());
            buffer.writeShort(formats == null ? 0 : formats[i]);
        }
        end(at);
    }

    void parameterDescription(List<PgType> types) {
        int at = begin('t');
        buffer.writeShort(types.size());
        for (PgType t : types) {
            buffer.writeInt(t.oid());
        }
        end(at);
    }

    /**
     * One DataRow. {@code formats} holds 0 (text) or 1 (binary) per column, or is null for all text.
     * Values are encoded straight into the output buffer.
     */
    void dataRow(Object[] row, List<ResultColumn> columns, short[] formats, ZoneId zone) {
        int start = buf().writerIndex();
        try {
            writeDataRow(row, columns, formats, zone);
        } catch (RuntimeException e) {
            buffer.writerIndex(start); // never send half a message
            throw e;
        }
    }

    private void writeDataRow(Object[] row, List<ResultColumn> columns, short[] formats, ZoneId zone) {
        int at = begin('D');
        buffer.writeShort(row.length);
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (value == null) {
                buffer.writeInt(-1);
                continue;
            }
            PgType type = i < columns.size() ? columns.get(i).type() : PgType.TEXT;
            if (formats != null && formats[i] == 1) {
                byte[] bytes = PgValueCodec.encodeBinary(type, value);
                buffer.writeInt(bytes.length);
                buffer.writeBytes(bytes);
            } else {
                int lengthIndex = buffer.writerIndex();
                buffer.writeInt(0);
                int written = ByteBufUtil.writeUtf8(buffer, PgValueCodec.encodeText(type, value, zone));
                buffer.setInt(lengthIndex, written);
            }
        }
        end(at);
    }

    void commandComplete(String tag) {
        if (tag == null) {
            throw new IllegalStateException("the statement completed without a command tag");
        }
        int at = begin('C');
        cString(tag);
        end(at);
    }

    void emptyQueryResponse() {
        empty('I');
    }

    void parseComplete() {
        empty('1');
    }

    void bindComplete() {
        empty('2');
    }

    void closeComplete() {
        empty('3');
    }

    void noData() {
        empty('n');
    }

    void portalSuspended() {
        empty('s');
    }

    /** CopyOutResponse ('H') or CopyInResponse ('G'), text format for the copy and every column. */
    void copyResponse(char type, int columnCount) {
        int at = begin(type);
        buffer.writeByte(0);
        buffer.writeShort(columnCount);
        for (int i = 0; i < columnCount; i++) {
            buffer.writeShort(0);
        }
        end(at);
    }

    /** CopyData holding one line of COPY text. */
    void copyData(CharSequence line) {
        int at = begin('d');
        ByteBufUtil.writeUtf8(buffer, line);
        end(at);
    }

    void copyDone() {
        empty('c');
    }
}
