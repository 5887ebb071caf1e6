package io.millrace.pgwire;

import static io.millrace.pgwire.RawClient.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.millrace.pgwire.RawClient.Body;
import io.millrace.pgwire.RawClient.Msg;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The protocol message by message, through a raw socket. */
class PgProtocolTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(PgServerConfig.defaults().withPort(0).withMaxMessageBytes(64 * 1024));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void startupSendsParametersKeyAndReady() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.startup(Map.of("user", "test", "database", "test", "application_name", "raw"));
            List<Msg> messages = c.readUntilReady();
            assertEquals("RZ", types(messages));
            assertEquals(0, messages.get(0).buffer().getInt(), "AuthenticationOk");
            assertEquals('I', (char) messages.get(1).body()[0]);
            assertEquals("15.0 (Millrace test)", c.parameterStatus.get("server_version"));
            assertEquals("raw", c.parameterStatus.get("application_name"));
            assertEquals("UTF8", c.parameterStatus.get("client_encoding"));
            assertEquals("on", c.parameterStatus.get("integer_datetimes"));
            assertTrue(c.processId > 0);
        }
    }

    @Test
    void sslAndGssRequestsAreRefusedThenStartupProceeds() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.sendUntyped(new Body().i32(80877104).bytes());
            assertEquals('N', c.readByte());
            c.sendUntyped(new Body().i32(80877103).bytes());
            assertEquals('N', c.readByte());
            c.startup(Map.of("user", "test"));
            assertEquals("RZ", types(c.readUntilReady()));
        }
    }

    @Test
    void startupErrors() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.sendUntyped(new Body().i32(2 << 16).str("user").str("test").i8(0).bytes());
            Msg m = c.read();
            assertEquals('E', m.type());
            assertEquals("FATAL", m.fields().get('S'));
            assertEquals("0A000", m.fields().get('C'));
            assertEquals("unsupported frontend protocol 2.0: server supports 3.0 to 3.0", m.fields().get('M'));
            assertTrue(c.closedByServer());
        }
        try (RawClient c = new RawClient(server.port())) {
            c.startup(Map.of("database", "test"));
            Msg m = c.read();
            assertEquals("28000", m.fields().get('C'));
            assertTrue(c.closedByServer());
        }
        try (RawClient c = new RawClient(server.port())) {
            c.startup(Map.of("user", "test", "database", "nosuchdb"));
            assertEquals('R', c.read().type());
            Msg m = c.read();
            assertEquals("FATAL", m.fields().get('S'));
            assertEquals("42704", m.fields().get('C'));
            assertTrue(c.closedByServer());
        }
        try (RawClient c = new RawClient(server.port())) {
            c.sendUntyped(new byte[20_000]);
            Msg m = c.read();
            assertEquals("08P01", m.fields().get('C'));
            assertEquals("invalid length of startup packet", m.fields().get('M'));
        }
    }

    @Test
    void newerMinorVersionIsNegotiated() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.sendUntyped(new Body().i32((3 << 16) | 2).str("user").str("test").str("_pq_.fancy").str("1").i8(0)
                    .bytes());
            Msg v = c.read();
            assertEquals('v', v.type());
            ByteBuffer b = v.buffer();
            assertEquals(0, b.getInt());
            assertEquals(1, b.getInt());
            assertEquals("RZ", types(c.readUntilReady()));
        }
    }

    @Test
    void simpleQueryWithSeveralStatementsStopsAtTheFirstError() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            String sql = "select 1;  select * from nosuch; select 2";
            c.query(sql);
            List<Msg> messages = c.readUntilReady();
            assertEquals("TDCEZ", types(messages));
            assertEquals(List.of("1"), messages.get(1).columns());
            assertEquals("SELECT 1", messages.get(2).string());
            Map<Character, String> error = messages.get(3).fields();
            assertEquals("ERROR", error.get('S'));
            assertEquals("42P01", error.get('C'));
            assertEquals("relation \"nosuch\" does not exist", error.get('M'));
            assertEquals(sql.indexOf("nosuch") + 1, Integer.parseInt(error.get('P')));

            // a syntax error from parse() already points into the whole string
            c.query("select 1; syntax error");
            messages = c.readUntilReady();
            assertEquals("EZ", types(messages));
            assertEquals("42601", messages.get(0).fields().get('C'));
            assertEquals("18", messages.get(0).fields().get('P'));

            c.query("");
            assertEquals("IZ", types(c.readUntilReady()));
            c.query("  ;  -- nothing");
            assertEquals("IZ", types(c.readUntilReady()));

            c.query("notice; select 3");
            messages = c.readUntilReady();
            assertEquals("NNCTDCZ", types(messages));
            assertEquals("NOTICE", messages.get(0).fields().get('S'));
            assertEquals("00000", messages.get(0).fields().get('C'));
            assertEquals("first notice", messages.get(0).fields().get('M'));
            assertEquals("DO", messages.get(2).string());

            c.query("internal error");
            messages = c.readUntilReady();
            assertEquals("XX000", messages.get(0).fields().get('C'));
            assertEquals("something broke", messages.get(0).fields().get('M'));
        }
    }

    @Test
    void transactionStatusAndChangedParameters() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.query("begin");
            List<Msg> messages = c.readUntilReady();
            assertEquals('T', (char) messages.get(messages.size() - 1).body()[0]);
            c.query("select * from nosuch");
            messages = c.readUntilReady();
            assertEquals('E', (char) messages.get(messages.size() - 1).body()[0]);
            c.query("rollback");
            messages = c.readUntilReady();
            assertEquals('I', (char) messages.get(messages.size() - 1).body()[0]);
            c.query("set application_name = 'changed'; select 1");
            // ParameterStatus comes right after the SET's CommandComplete
            assertEquals('C', c.read().type());
            Msg status = c.read();
            assertEquals('S', status.type());
            assertEquals("changed", c.parameterStatus.get("application_name"));
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void extendedProtocolWithSuspendedPortal() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.query("begin");
            c.readUntilReady();
            c.send('P', new Body().str("s1").str("select series(5)").i16(0));
            c.send('B', new Body().str("p1").str("s1").i16(0).i16(0).i16(0));
            c.send('D', new Body().i8('P').str("p1"));
            c.send('E', new Body().str("p1").i32(2));
            c.sync();
            List<Msg> messages = c.readUntilReady();
            assertEquals("12TDDsZ", types(messages));
            assertEquals(List.of("1"), messages.get(3).columns());
            assertEquals('T', (char) messages.get(6).body()[0]);

            c.send('E', new Body().str("p1").i32(2));
            c.send('E', new Body().str("p1").i32(2));
            c.send('E', new Body().str("p1").i32(0));
            c.sync();
            messages = c.readUntilReady();
            assertEquals("DDsDCCZ", types(messages));
            assertEquals(List.of("5"), messages.get(3).columns());
            assertEquals("SELECT 5", messages.get(4).string());
            assertEquals("SELECT 0", messages.get(5).string(), "a completed portal returns no more rows");

            c.send('C', new Body().i8('P').str("p1"));
            c.send('E', new Body().str("p1").i32(0));
            c.send('E', new Body().str("p1").i32(0)); // ignored until Sync
            c.sync();
            messages = c.readUntilReady();
            assertEquals("3EZ", types(messages));
            assertEquals("34000", messages.get(1).fields().get('C'));

            c.query("commit");
            c.readUntilReady();
        }
    }

    @Test
    void portalsEndWithTheTransaction() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.send('P', new Body().str("").str("select series(3)").i16(0));
            c.send('B', new Body().str("p").str("").i16(0).i16(0).i16(0));
            c.send('E', new Body().str("p").i32(1));
            c.sync();
            assertEquals("12DsZ", types(c.readUntilReady()));
            c.send('E', new Body().str("p").i32(1));
            c.sync();
            List<Msg> messages = c.readUntilReady();
            assertEquals("34000", messages.get(0).fields().get('C'), "outside a transaction the portal is gone");
        }
    }

    @Test
    void describeStatementAndTypedParameters() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            // $1 declared int8 in Parse; $2 left to the server (text from the cast)
            c.send('P', new Body().str("e").str("echo $1::int4, $2::text").i16(2).i32(20).i32(0));
            c.send('D', new Body().i8('S').str("e"));
            c.sync();
            List<Msg> messages = c.readUntilReady();
            assertEquals("1tTZ", types(messages));
            ByteBuffer pd = messages.get(1).buffer();
            assertEquals(2, pd.getShort());
            assertEquals(20, pd.getInt());
            assertEquals(25, pd.getInt());

            // binary int8 and text parameters, binary results for the first column only
            c.send('B', new Body().str("").str("e").i16(2).i16(1).i16(0).i16(2)
                    .i32(8).raw(ByteBuffer.allocate(8).putLong(-7).array())
                    .i32(2).raw("hi".getBytes(StandardCharsets.UTF_8))
                    .i16(2).i16(1).i16(0));
            c.send('D', new Body().i8('P').str(""));
            c.send('E', new Body().str("").i32(0));
            c.sync();
            messages = c.readUntilReady();
            assertEquals("2TDCZ", types(messages));
            List<byte[]> row = messages.get(2).rawColumns();
            assertArrayEquals(ByteBuffer.allocate(8).putLong(-7).array(), row.get(0));
            assertEquals("hi", new String(row.get(1), StandardCharsets.UTF_8));

            // bad text input, bad binary input, wrong parameter count, duplicate statement
            c.send('B', new Body().str("").str("e").i16(0).i16(2).i32(3).raw("abc".getBytes()).i32(-1).i16(0));
            c.sync();
            Msg error = c.readUntilReady().get(0);
            assertEquals("22P02", error.fields().get('C'));
            assertEquals("invalid input syntax for type bigint: \"abc\"", error.fields().get('M'));

            c.send('B', new Body().str("").str("e").i16(1).i16(1).i16(2).i32(3).raw(new byte[3]).i32(-1).i16(0));
            c.sync();
            error = c.readUntilReady().get(0);
            assertEquals("22P03", error.fields().get('C'));
            assertEquals("incorrect binary data format in bind parameter 1", error.fields().get('M'));

            c.send('B', new Body().str("").str("e").i16(0).i16(0).i16(0));
            c.sync();
            error = c.readUntilReady().get(0);
            assertEquals("08P01", error.fields().get('C'));
            assertEquals("bind message supplies 0 parameters, but prepared statement \"e\" requires 2",
                    error.fields().get('M'));

            c.send('P', new Body().str("e").str("select 1").i16(0));
            c.send('B', new Body().str("").str("e").i16(0).i16(0).i16(0)); // skipped
            c.sync();
            messages = c.readUntilReady();
            assertEquals("EZ", types(messages));
            assertEquals("42P05", messages.get(0).fields().get('C'));

            c.send('P', new Body().str("").str("select 1; select 2").i16(0));
            c.sync();
            assertEquals("42601", c.readUntilReady().get(0).fields().get('C'));

            c.send('C', new Body().i8('S').str("e"));
            c.send('C', new Body().i8('S').str("never existed"));
            c.send('D', new Body().i8('S').str("e"));
            c.sync();
            messages = c.readUntilReady();
            assertEquals("33EZ", types(messages));
            assertEquals("26000", messages.get(2).fields().get('C'));
        }
    }

    @Test
    void emptyAndCommandStatementsInExtendedProtocol() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.send('P', new Body().str("").str("").i16(0));
            c.send('B', new Body().str("").str("").i16(0).i16(0).i16(0));
            c.send('D', new Body().i8('P').str(""));
            c.send('E', new Body().str("").i32(0));
            c.sync();
            assertEquals("12nIZ", types(c.readUntilReady()));

            c.query("begin");
            c.readUntilReady();
            c.send('P', new Body().str("").str("set x = 1").i16(0));
            c.send('B', new Body().str("").str("").i16(0).i16(0).i16(0));
            c.send('E', new Body().str("").i32(0));
            c.send('E', new Body().str("").i32(0));
            c.sync();
            List<Msg> messages = c.readUntilReady();
            assertEquals("12CEZ", types(messages));
            assertEquals("55000", messages.get(3).fields().get('C'));
        }
    }

    @Test
    void errorsWithPositionInExtendedProtocol() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.send('P', new Body().str("").str("  select * from nosuch").i16(0));
            c.send('B', new Body().str("").str("").i16(0).i16(0).i16(0));
            c.sync();
            List<Msg> messages = c.readUntilReady();
            assertEquals("EZ", types(messages));
            assertEquals("17", messages.get(0).fields().get('P'));
            c.query("select 4");
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void malformedQueryAndFunctionCallAreAnsweredWithReadyForQuery() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.send('Q', "select 1".getBytes(StandardCharsets.UTF_8)); // no terminator
            List<Msg> messages = c.readUntilReady();
            assertEquals("EZ", types(messages));
            assertEquals("08P01", messages.get(0).fields().get('C'));
            assertEquals("invalid message format", messages.get(0).fields().get('M'));
            c.send('F', new Body().i32(1234).i16(0).i16(0).i16(0));
            messages = c.readUntilReady();
            assertEquals("EZ", types(messages));
            assertEquals("0A000", messages.get(0).fields().get('C'));
            c.query("select 1");
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void portInUseIsAClearError() {
        java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
                () -> PgServer.start(PgServerConfig.defaults().withPort(server.port()), p -> null));
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + server.port()), e.getMessage());
    }

    @Test
    void unknownMessageTypeIsFatal() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.send('z', new byte[3]);
            Msg m = c.read();
            assertEquals("FATAL", m.fields().get('S'));
            assertEquals("08P01", m.fields().get('C'));
            assertEquals("invalid frontend message type 122", m.fields().get('M'));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void tooLargeMessageIsRefusedAndConnectionClosed() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.query("select 1; --" + "x".repeat(70 * 1024));
            Msg m = c.read();
            assertEquals('E', m.type());
            assertEquals("FATAL", m.fields().get('S'));
            assertEquals("54000", m.fields().get('C'));
            assertEquals("message too large", m.fields().get('M'));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void cancelRequestNeedsTheRightKey() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            server.shared.blocking = new java.util.concurrent.CountDownLatch(1);
            c.query("select block");
            assertTrue(server.shared.blocking.await(10, TimeUnit.SECONDS));
            int before = server.shared.cancels.get();
            try (RawClient cancel = new RawClient(server.port())) {
                cancel.sendUntyped(new Body().i32(80877102).i32(c.processId).i32(c.secretKey + 1).bytes());
                assertTrue(cancel.closedByServer());
            }
            assertEquals(before, server.shared.cancels.get(), "wrong key must not cancel");
            try (RawClient cancel = new RawClient(server.port())) {
                cancel.sendUntyped(new Body().i32(80877102).i32(c.processId).i32(c.secretKey).bytes());
                assertTrue(cancel.closedByServer());
            }
            List<Msg> messages = c.readUntilReady();
            assertEquals("EZ", types(messages));
            assertEquals("57014", messages.get(0).fields().get('C'));
            c.query("select 5");
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void endlessCopyWaitsForASlowClientAndStopsWhenItGoesAway() throws Exception {
        int closesBefore = server.shared.closes.get();
        try (RawClient c = RawClient.connect(server.port())) {
            c.query("copy endless to stdout");
            // the client reads nothing: the producer must stall once the buffers are full
            long last = -1;
            for (int i = 0; i < 100; i++) {
                Thread.sleep(100);
                long now = server.shared.endlessBatches.get();
                if (now == last && now > 0) {
                    break;
                }
                last = now;
            }
            long stalled = server.shared.endlessBatches.get();
            Thread.sleep(300);
            assertEquals(stalled, server.shared.endlessBatches.get(), "producer stalls while the client does not read");
            assertTrue(stalled < 5000, "bounded buffering, got " + stalled + " batches of ~11 KB");
            // reading resumes production
            Msg first = c.read();
            assertEquals('H', first.type());
            for (int i = 0; i < 1_000_000 && server.shared.endlessBatches.get() == stalled; i++) {
                assertEquals('d', c.read().type());
            }
            assertTrue(server.shared.endlessBatches.get() > stalled, "production resumed");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.shared.closes.get() == closesBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(server.shared.closes.get() > closesBefore, "session closed after the client left");
    }

    @Test
    void cancelEndsACopyOutWithAnError() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.query("copy endless to stdout");
            assertEquals('H', c.read().type());
            assertEquals('d', c.read().type());
            try (RawClient cancel = new RawClient(server.port())) {
                cancel.sendUntyped(new Body().i32(80877102).i32(c.processId).i32(c.secretKey).bytes());
                assertTrue(cancel.closedByServer());
            }
            Msg m = c.read();
            while (m.type() == 'd') {
                m = c.read();
            }
            assertEquals('E', m.type());
            assertEquals("57014", m.fields().get('C'));
            assertEquals('Z', c.read().type());
            c.query("select 11");
            assertEquals("TDCZ", types(c.readUntilReady()));
        }
    }

    @Test
    void copyInThroughTheProtocol() throws Exception {
        try (RawClient c = RawClient.connect(server.port())) {
            c.query("copy t from stdin");
            Msg response = c.read();
            assertEquals('G', response.type());
            c.send('d', "1\tone\t2024-01-01\n2\t\\N\t2024-0".getBytes(StandardCharsets.UTF_8));
            c.send('d', "1-02\n3\ttab\\there\t2024-01-03\n".getBytes(StandardCharsets.UTF_8));
            c.send('c', new byte[0]);
            List<Msg> messages = c.readUntilReady();
            assertEquals("CZ", types(messages));
            assertEquals("COPY 3", messages.get(0).string());
            List<Object[]> copied = server.shared.copied;
            assertEquals(3, copied.size());
            assertEquals(null, copied.get(1)[1]);
            assertEquals("tab\there", copied.get(2)[1]);

            c.query("copy t from stdin");
            assertEquals('G', c.read().type());
            c.send('d', "1\tone\tnot a date\n".getBytes(StandardCharsets.UTF_8));
            c.send('d', "2\ttwo\t2024-01-01\n".getBytes(StandardCharsets.UTF_8));
            c.send('c', new byte[0]);
            messages = c.readUntilReady();
            assertEquals("EZ", types(messages));
            assertEquals("22007", messages.get(0).fields().get('C'));
            assertEquals("COPY t, line 1, column d: \"not a date\"", messages.get(0).fields().get('W'));
            c.query("select 6");
            assertEquals("TDCZ", types(c.readUntilReady()), "left-over CopyData was ignored");

            c.query("copy t from stdin");
            assertEquals('G', c.read().type());
            c.send('f', new Body().str("client gave up"));
            messages = c.readUntilReady();
            assertEquals("57014", messages.get(0).fields().get('C'));
            assertEquals("COPY from stdin failed: client gave up", messages.get(0).fields().get('M'));
        }
    }

    @Test
    void terminateClosesTheSession() throws Exception {
        int closesBefore = server.shared.closes.get();
        try (RawClient c = RawClient.connect(server.port())) {
            c.send('X', new byte[0]);
            assertTrue(c.closedByServer());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.shared.closes.get() == closesBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(server.shared.closes.get() > closesBefore);
    }
}
