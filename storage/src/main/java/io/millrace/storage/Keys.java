package io.millrace.storage;

/**
 * The key layout of the store. Every key starts with a space byte:
 * <ul>
 *   <li>{@code META name} — server-wide counters (last timestamp, next object id);</li>
 *   <li>{@code CATALOG id} — one catalog entry per object;</li>
 *   <li>{@code RELATION id rowKey} — rows of tables and materialized views;</li>
 *   <li>{@code STATE dataflowId operatorId ...} — operator state of maintained dataflows;</li>
 *   <li>{@code UNIQUE_INDEX indexId key} — entries of unique indexes.</li>
 * </ul>
 * Ids are 8-byte big-endian, so all keys of one object are contiguous and prefix-scannable.
 */
public final class Keys {
    public static final byte META = 0x01;
    public static final byte CATALOG = 0x02;
    public static final byte RELATION = 0x03;
    public static final byte STATE = 0x04;
    public static final byte UNIQUE_INDEX = 0x05;

    private Keys() {
    }

    public static byte[] meta(String name) {
        return new OrderedBytes().writeByte(META).writeString(name).toArray();
    }

    public static byte[] catalogPrefix() {
        return new byte[] {CATALOG};
    }

    public static byte[] catalog(long id) {
        return new OrderedBytes(9).writeByte(CATALOG).writeRawLong(id).toArray();
    }

    /** The prefix of every row of one relation. */
    public static byte[] relation(long relationId) {
        return new OrderedBytes(9).writeByte(RELATION).writeRawLong(relationId).toArray();
    }

    /** The prefix of every state key of one dataflow. */
    public static byte[] dataflowState(long dataflowId) {
        return new OrderedBytes(9).writeByte(STATE).writeRawLong(dataflowId).toArray();
    }

    /** The prefix of one operator's state in one dataflow. */
    public static byte[] operatorState(long dataflowId, int operatorId, int table) {
        return new OrderedBytes(18).writeByte(STATE).writeRawLong(dataflowId)
                .writeRawLong(((long) operatorId << 8) | table).toArray();
    }

    /** The prefix of every entry of one unique index. */
    public static byte[] uniqueIndex(long indexId) {
        return new OrderedBytes(9).writeByte(UNIQUE_INDEX).writeRawLong(indexId).toArray();
    }

    /** A long in values (counts, counters): the same 8 bytes as {@link OrderedBytes#writeRawLong}. */
    public static byte[] longValue(long v) {
        return new OrderedBytes(8).writeRawLong(v).toArray();
    }

    /** Reads the first 8 bytes of {@code b} as written by {@link #longValue}. */
    public static long readLongValue(byte[] b) {
        return new OrderedBytes.Reader(b).readRawLong();
    }
}
