/**
 * The PostgreSQL v3 wire protocol on Netty.
 *
 * <p>The server module implements {@link io.millrace.pgwire.PgSessionFactory} and
 * {@link io.millrace.pgwire.PgSession} and starts a {@link io.millrace.pgwire.PgServer}; pgwire owns
 * everything on the wire: framing, startup and authentication (trust), simple and extended query,
 * COPY TO STDOUT and FROM STDIN, cancel requests, and the text and binary encodings of values
 * ({@link io.millrace.pgwire.PgValueCodec}).
 *
 * <h2>Threads</h2>
 * Netty's event loops only split frames. Each connection has its own thread that handles its
 * messages in order: every {@code PgSession} method except {@code cancel()} is called on that
 * thread, so a session needs no locking of its own. {@code cancel()} is called from another thread
 * when a client sends a CancelRequest with the connection's key, and when the client disconnects;
 * it must make the running statement (or a blocking {@code CopyRowSource.next()}) fail with 57014
 * soon. After a disconnect, {@code close()} follows once the connection thread is idle.
 * Output is flushed in 64 KiB chunks and the connection thread waits while the client is not
 * reading, so a large result or an endless COPY never piles up in memory.
 *
 * <h2>Values</h2>
 * Result rows and bound parameters are {@code Object[]} / {@code List<Object>} of the Java types
 * listed on {@link io.millrace.pgwire.PgType} (null is SQL NULL): Boolean, Short, Integer, Long,
 * Float, Double, BigDecimal, String, LocalDate, LocalTime, LocalDateTime, Instant (timestamptz,
 * rendered in {@code PgSession.timeZone()}), Integer for oid.
 *
 * <h2>Errors</h2>
 * Throw {@link io.millrace.common.MillraceException}; its SQLSTATE, message, detail, hint and
 * position go to the client. Positions from {@code PgSession.parse} are relative to the query string
 * passed to it; positions from {@code prepare}, {@code executeSimple}, {@code bind} and
 * {@code execute} are relative to the statement's own {@code sql()}, and pgwire adds the statement's
 * {@code offsetInQuery()}. Any other exception is reported as XX000 with its message and logged.
 */
package io.millrace.pgwire;
