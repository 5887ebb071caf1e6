package io.millrace.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderedBytesTest {

    private static byte[] encLong(Long v) {
        OrderedBytes b = new OrderedBytes();
        return (v == null ? b.writeNull() : b.writeLong(v)).toArray();
    }

    @Test
    void longsOrderAsNumbersWithNullFirst() {
        List<Long> values = new ArrayList<>(List.of(Long.MIN_VALUE, -5L, -1L, 0L, 1L, 7L, Long.MAX_VALUE));
        Collections.shuffle(values, new Random(1));
        values.sort(Long::compare);
        byte[] prev = encLong(null);
        for (Long v : values) {
            byte[] cur = encLong(v);
            assertTrue(OrderedBytes.compare(prev, cur) < 0, "order at " + v);
            assertEquals(v, new OrderedBytes.Reader(cur).readNullTag() ? null : new OrderedBytes.Reader(cur, 1, cur.length).readLong());
            prev = cur;
        }
    }

    @Test
    void doublesOrderAsNumbers() {
        double[] sorted = {Double.NEGATIVE_INFINITY, -1e300, -2.5, -0.0, 1e-300, 3.0, Double.POSITIVE_INFINITY, Double.NaN};
        for (int i = 0; i + 1 < sorted.length; i++) {
            byte[] a = new OrderedBytes().writeDouble(sorted[i]).toArray();
            byte[] b = new OrderedBytes().writeDouble(sorted[i + 1]).toArray();
            assertTrue(OrderedBytes.compare(a, b) < 0, sorted[i] + " < " + sorted[i + 1]);
            OrderedBytes.Reader r = new OrderedBytes.Reader(a);
            r.readNullTag();
            assertEquals(sorted[i] == 0 ? 0.0 : sorted[i], r.readDouble());
        }
        assertEquals(0, OrderedBytes.compare(new OrderedBytes().writeDouble(-0.0).toArray(),
                new OrderedBytes().writeDouble(0.0).toArray()));
    }

    @Test
    void stringsOrderByteWiseAndRoundTrip() {
        String[] sorted = {"", "a", "a\u0000", "a\u0000b", "ab", "b", "\u00e9"};
        for (int i = 0; i + 1 < sorted.length; i++) {
            byte[] a = new OrderedBytes().writeString(sorted[i]).writeLong(9).toArray();
            byte[] b = new OrderedBytes().writeString(sorted[i + 1]).writeLong(1).toArray();
            assertTrue(OrderedBytes.compare(a, b) < 0, "'" + sorted[i] + "' < '" + sorted[i + 1] + "'");
            OrderedBytes.Reader r = new OrderedBytes.Reader(a);
            r.readNullTag();
            assertEquals(sorted[i], r.readString());
            r.readNullTag();
            assertEquals(9, r.readLong());
        }
    }

    @Test
    void decimalsOrderByValueAndKeepScaleOnRequest() {
        String[] sorted = {"-1000", "-12.5", "-0.123", "-0.12", "0", "0.001", "0.12", "0.123", "1", "1.5", "10", "123456789.5"};
        for (int i = 0; i + 1 < sorted.length; i++) {
            byte[] a = new OrderedBytes().writeDecimal(new BigDecimal(sorted[i]), false).toArray();
            byte[] b = new OrderedBytes().writeDecimal(new BigDecimal(sorted[i + 1]), false).toArray();
            assertTrue(OrderedBytes.compare(a, b) < 0, sorted[i] + " < " + sorted[i + 1]);
        }
        for (String s : sorted) {
            byte[] a = new OrderedBytes().writeDecimal(new BigDecimal(s), true).toArray();
            OrderedBytes.Reader r = new OrderedBytes.Reader(a);
            r.readNullTag();
            assertEquals(new BigDecimal(s).toPlainString(), r.readDecimal(true).toPlainString());
        }
        byte[] x = new OrderedBytes().writeDecimal(new BigDecimal("1.50"), false).toArray();
        byte[] y = new OrderedBytes().writeDecimal(new BigDecimal("1.5"), false).toArray();
        assertEquals(0, OrderedBytes.compare(x, y));
        OrderedBytes.Reader r = new OrderedBytes.Reader(new OrderedBytes().writeDecimal(new BigDecimal("100"), false).toArray());
        r.readNullTag();
        assertEquals("100", r.readDecimal(false).toPlainString());
    }
}
