package io.millrace.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.common.MillraceException;
import io.millrace.common.SqlState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    @TempDir
    Path dir;

    private static byte[] key(long rel, long row) {
        return new OrderedBytes().writeRaw(Keys.relation(rel)).writeLong(row).toArray();
    }

    @Test
    void commitIsAtomicAndSnapshotsAreStable() {
        try (Store store = Store.open(dir, 8 << 20)) {
            try (Commit c = store.newCommit()) {
                c.put(key(1, 1), Keys.longValue(1));
                c.put(key(1, 2), Keys.longValue(2));
                store.write(c);
            }
            try (StoreSnapshot snap = store.snapshot()) {
                try (Commit c = store.newCommit()) {
                    c.delete(key(1, 1));
                    c.put(key(1, 3), Keys.longValue(3));
                    store.write(c);
                }
                assertEquals(1, Keys.readLongValue(snap.get(key(1, 1))));
                assertNull(snap.get(key(1, 3)));
                int n = 0;
                try (KeyValueIterator it = snap.scan(Keys.relation(1))) {
                    while (it.next()) {
                        n++;
                    }
                }
                assertEquals(2, n);
            }
            assertNull(store.get(key(1, 1)));
            assertEquals(3, Keys.readLongValue(store.get(key(1, 3))));
        }
        try (Store reopened = Store.open(dir, 8 << 20)) {
            assertEquals(2, Keys.readLongValue(reopened.get(key(1, 2))));
        }
    }

    @Test
    void secondOpenOfTheSameDirectoryIsRefused() {
        try (Store store = Store.open(dir, 8 << 20)) {
            MillraceException e = assertThrows(MillraceException.class, () -> Store.open(dir, 8 << 20));
            assertEquals(SqlState.OBJECT_IN_USE, e.sqlState());
            assertTrue(e.getMessage().contains("in use by another Millrace server"), e.getMessage());
        }
    }

    @Test
    void stateOverlayMergesPendingWritesOverCommittedState() {
        try (Store store = Store.open(dir, 8 << 20)) {
            byte[] prefix = Keys.operatorState(7, 1, 0);
            StateStore state = new StateStore(store, new StateMemory(1 << 20), true);
            for (long i = 0; i < 5; i++) {
                state.put(new OrderedBytes().writeRaw(prefix).writeLong(i).toArray(), Keys.longValue(i));
            }
            try (Commit c = store.newCommit()) {
                state.flushTo(c);
                store.write(c);
            }
            state.committed();
            state.delete(new OrderedBytes().writeRaw(prefix).writeLong(1).toArray());
            state.put(new OrderedBytes().writeRaw(prefix).writeLong(2).toArray(), Keys.longValue(20));
            state.put(new OrderedBytes().writeRaw(prefix).writeLong(9).toArray(), Keys.longValue(9));
            List<Map.Entry<byte[], byte[]>> all = state.scan(prefix);
            assertArrayEquals(new long[] {0, 20, 3, 4, 9}, values(all));
            assertEquals(0, Keys.readLongValue(state.first(prefix).getValue()));
            state.discard();
            assertEquals(5, state.scan(prefix).size());
            // A store that must read what was committed before it existed sees the same.
            StateStore cold = new StateStore(store, new StateMemory(1 << 20), false);
            assertEquals(5, cold.scan(prefix).size());
            assertEquals(3, Keys.readLongValue(cold.get(new OrderedBytes().writeRaw(prefix).writeLong(3).toArray())));
            // Past its memory budget a cache empties itself and reads the store again.
            StateStore tiny = new StateStore(store, new StateMemory(200), false);
            assertEquals(5, tiny.scan(prefix).size());
            assertEquals(5, tiny.scan(prefix).size());
        }
    }

    @Test
    void marksUndoPendingWritesNewestFirst() {
        try (Store store = Store.open(dir, 8 << 20)) {
            byte[] prefix = Keys.operatorState(7, 1, 0);
            try (Commit c = store.newCommit()) {
                for (long i = 0; i < 5; i++) {
                    c.put(new OrderedBytes().writeRaw(prefix).writeLong(i).toArray(), Keys.longValue(i));
                }
                store.write(c);
            }
            StateStore state = new StateStore(store, null, false);
            byte[] k1 = new OrderedBytes().writeRaw(prefix).writeLong(1).toArray();
            byte[] k2 = new OrderedBytes().writeRaw(prefix).writeLong(2).toArray();
            byte[] k9 = new OrderedBytes().writeRaw(prefix).writeLong(9).toArray();
            state.put(k2, Keys.longValue(20));
            StateStore.Mark outer = state.mark();
            state.delete(k1);
            state.put(k9, Keys.longValue(9));
            StateStore.Mark inner = state.mark();
            state.put(k2, Keys.longValue(200));
            state.delete(k9);
            state.put(k9, Keys.longValue(90));
            assertArrayEquals(new long[] {0, 200, 3, 4, 90}, values(state.scan(prefix)));
            state.rollbackTo(inner);
            assertArrayEquals(new long[] {0, 20, 3, 4, 9}, values(state.scan(prefix)));
            state.put(k1, Keys.longValue(10));
            state.rollbackTo(inner);
            assertNull(state.get(k1));
            state.rollbackTo(outer);
            assertArrayEquals(new long[] {0, 1, 20, 3, 4}, values(state.scan(prefix)));
            assertEquals(1, state.pendingWrites());
            assertThrows(IllegalStateException.class, () -> state.rollbackTo(inner));
            state.forgetMarks();
            assertThrows(IllegalStateException.class, () -> state.rollbackTo(outer));
            assertThrows(IllegalStateException.class, () -> new StateStore().mark());
        }
    }

    private static long[] values(List<Map.Entry<byte[], byte[]>> entries) {
        return entries.stream().mapToLong(e -> Keys.readLongValue(e.getValue())).toArray();
    }
}
