package io.millrace.storage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An order-preserving ("memcomparable") byte encoding: for two values of the same type, comparing
 * their encodings as unsigned bytes gives the same order as comparing the values, with NULL
 * before every value. Keys built from several values concatenate their encodings, so a key
 * prefix of the first columns is a byte prefix of the whole key, which makes prefix scans work.
 *
 * <p>Every value starts with a tag byte: {@link #NULL_TAG} for NULL, {@link #VALUE_TAG} otherwise.
 */
public final class OrderedBytes {
    public static final byte NULL_TAG = 0x01;
    public static final byte VALUE_TAG = 0x02;

    private byte[] buf;
    private int len;

    public OrderedBytes() {
        this(32);
    }

    public OrderedBytes(int capacity) {
        buf = new byte[Math.max(8, capacity)];
    }

    /** Forgets the contents; keeps the buffer. */
    public OrderedBytes reset() {
        len = 0;
        return this;
    }

    public int length() {
        return len;
    }

    public byte[] toArray() {
        return Arrays.copyOf(buf, len);
    }

    /** The internal buffer; valid up to {@link #length()}, until the next write. */
    public byte[] buffer() {
        return buf;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public OrderedBytes writeRaw(byte[] bytes) {
        return writeRaw(bytes, 0, bytes.length);
    }

    public OrderedBytes writeRaw(byte[] bytes, int off, int n) {
        ensure(n);
        System.arraycopy(bytes, off, buf, len, n);
        len += n;
        return this;
    }

    public OrderedBytes writeByte(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    public OrderedBytes writeNull() {
        return writeByte(NULL_TAG);
    }

    public OrderedBytes writeBoolean(boolean v) {
        ensure(2);
        buf[len++] = VALUE_TAG;
        buf[len++] = (byte) (v ? 1 : 0);
        return this;
    }

    /** A fixed 8-byte big-endian long with the sign bit flipped, without a tag. */
    public OrderedBytes writeRawLong(long v) {
        ensure(8);
        long x = v ^ Long.MIN_VALUE;
        for (int i = 7; i >= 0; i--) {
            buf[len + i] = (byte) x;
            x >>>= 8;
        }
        len += 8;
        return this;
    }

    /** Any integer kind (smallint, integer, bigint, date, time, timestamps) as one 8-byte form. */
    public OrderedBytes writeLong(long v) {
        writeByte(VALUE_TAG);
        return writeRawLong(v);
    }

    /** Doubles order as numbers; -0.0 equals 0.0 and every NaN is one value above +Infinity. */
    public OrderedBytes writeDouble(double v) {
        if (v == 0.0) {
            v = 0.0;
        }
        long bits = Double.isNaN(v) ? 0x7ff8000000000000L : Double.doubleToLongBits(v);
        bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        writeByte(VALUE_TAG);
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[len + i] = (byte) bits;
            bits >>>= 8;
        }
        len += 8;
        return this;
    }

    /**
     * Strings as their UTF-8 bytes (byte order is code point order) with 0x00 escaped as 0x00 0xFF
     * and terminated by 0x00 0x01, so a shorter string sorts before its extensions.
     */
    public OrderedBytes writeString(String s) {
        writeByte(VALUE_TAG);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length + 2);
        for (byte b : utf8) {
            if (b == 0) {
                ensure(utf8.length + 3);
                buf[len++] = 0;
                buf[len++] = (byte) 0xFF;
            } else {
                buf[len++] = b;
            }
        }
        ensure(2);
        buf[len++] = 0;
        buf[len++] = 1;
        return this;
    }

    /**
     * Numerics ordered by value. Equal values with different scales (1.5 and 1.50) encode the same
     * unless {@code keepScale}, in which case the scale follows as a tie-breaker so the exact value
     * can be decoded.
     */
    public OrderedBytes writeDecimal(BigDecimal v, boolean keepScale) {
        writeByte(VALUE_TAG);
        int signum = v.signum();
        if (signum == 0) {
            writeByte(0x80);
        } else {
            BigDecimal n = v.stripTrailingZeros();
            String digits = n.unscaledValue().abs().toString();
            // value = 0.d1d2d3... x 10^exponent
            int exponent = digits.length() - n.scale();
            boolean neg = signum < 0;
            writeByte(neg ? 0x7F : 0x81);
            int e = exponent ^ Integer.MIN_VALUE;
            if (neg) {
                e = ~e;
            }
            ensure(4 + digits.length() + 1);
            buf[len++] = (byte) (e >>> 24);
            buf[len++] = (byte) (e >>> 16);
            buf[len++] = (byte) (e >>> 8);
            buf[len++] = (byte) e;
            for (int i = 0; i < digits.length(); i++) {
                int d = digits.charAt(i) - '0' + 2;
                buf[len++] = (byte) (neg ? 0xFF - d : d);
            }
            buf[len++] = (byte) (neg ? 0xFF : 0x00);
        }
        if (keepScale) {
            writeRawLong(v.scale());
        }
        return this;
    }

    /** Reads values written by {@link OrderedBytes}, in order. */
    public static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        public Reader(byte[] buf) {
            this(buf, 0, buf.length);
        }

        public Reader(byte[] buf, int offset, int end) {
            this.buf = buf;
            this.pos = offset;
            this.end = end;
        }

        public int position() {
            return pos;
        }

        public boolean hasMore() {
            return pos < end;
        }

        /** True (and consumes the tag) when the next value is NULL; otherwise consumes the value tag. */
        public boolean readNullTag() {
            byte tag = buf[pos++];
            if (tag == NULL_TAG) {
                return true;
            }
            if (tag != VALUE_TAG) {
                throw new IllegalStateException("corrupt key: unexpected tag " + tag + " at " + (pos - 1));
            }
            return false;
        }

        public int readByte() {
            return buf[pos++] & 0xFF;
        }

        public boolean readBoolean() {
            return buf[pos++] != 0;
        }

        public long readRawLong() {
            long x = 0;
            for (int i = 0; i < 8; i++) {
                x = (x << 8) | (buf[pos++] & 0xFF);
            }
            return x ^ Long.MIN_VALUE;
        }

        public long readLong() {
            return readRawLong();
        }

        public double readDouble() {
            long x = 0;
            for (int i = 0; i < 8; i++) {
                x = (x << 8) | (buf[pos++] & 0xFF);
            }
            long bits = x < 0 ? x ^ Long.MIN_VALUE : ~x;
            return Double.longBitsToDouble(bits);
        }

        public String readString() {
            int start = pos;
            int n = 0;
            boolean escaped = false;
            int p = pos;
            while (true) {
                byte b = buf[p];
                if (b == 0) {
                    if (buf[p + 1] == 1) {
                        break;
                    }
                    escaped = true;
                    p += 2;
                } else {
                    p++;
                }
                n++;
            }
            String s;
            if (!escaped) {
                s = new String(buf, start, p - start, StandardCharsets.UTF_8);
            } else {
                byte[] out = new byte[n];
                int o = 0;
                for (int i = start; i < p; i++) {
                    out[o++] = buf[i];
                    if (buf[i] == 0) {
                        i++;
                    }
                }
                s = new String(out, 0, o, StandardCharsets.UTF_8);
            }
            pos = p + 2;
            return s;
        }

        public BigDecimal readDecimal(boolean keepScale) {
            int kind = buf[pos++] & 0xFF;
            BigDecimal v;
            if (kind == 0x80) {
                v = BigDecimal.ZERO;
            } else {
                boolean neg = kind == 0x7F;
                int e = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                        | (buf[pos + 3] & 0xFF);
                pos += 4;
                if (neg) {
                    e = ~e;
                }
                int exponent = e ^ Integer.MIN_VALUE;
                StringBuilder digits = new StringBuilder();
                while (true) {
                    int b = buf[pos++] & 0xFF;
                    if (b == (neg ? 0xFF : 0x00)) {
                        break;
                    }
                    digits.append((char) ((neg ? 0xFF - b : b) - 2 + '0'));
                }
                BigInteger unscaled = new BigInteger(digits.toString());
                v = new BigDecimal(neg ? unscaled.negate() : unscaled, digits.length() - exponent);
            }
            if (keepScale) {
                int scale = (int) readRawLong();
                v = v.setScale(scale);
            } else if (v.scale() < 0) {
                v = v.setScale(0);
            }
            return v;
        }
    }

    /** The smallest key greater than every key starting with {@code prefix}, or null if none. */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }

    /** Unsigned lexicographic comparison, the order RocksDB's default comparator uses. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
