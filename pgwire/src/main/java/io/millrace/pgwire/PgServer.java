package io.millrace.pgwire;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL v3 protocol server. Start it with {@link #start}, giving the
 * {@link PgSessionFactory} that opens a {@link PgSession} for every client that completes startup;
 * {@link #close()} stops listening, tells connected clients (57P01) and waits briefly for their
 * sessions to close.
 *
 * <p>Netty's event loops only move bytes and split frames; each connection runs its session on its
 * own thread (see {@link PgConnection}).
 */
public final class PgServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgServer.class);
    /** Beyond this much unsent output a connection's thread waits for the client to read. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Channel serverChannel;
    private final PgConnectionRegistry registry;

    private PgServer(EventLoopGroup bossGroup, EventLoopGroup workerGroup, Channel serverChannel,
            PgConnectionRegistry registry) {
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.serverChannel = serverChannel;
        this.registry = registry;
    }

    /** Binds {@code config.host():config.port()} and starts accepting clients. */
    public static PgServer start(PgServerConfig config, PgSessionFactory factory) {
        return start(config, factory, AuthenticationPolicy.trustAll(), null);
    }

    /**
     * Binds and starts accepting clients, authenticating them as {@code authentication} says;
     * with {@code tls} not null, a client's SSLRequest is accepted and the connection encrypted.
     */
    public static PgServer start(PgServerConfig config, PgSessionFactory factory, AuthenticationPolicy authentication,
            SslContext tls) {
        requireNonNull(config, "config is null");
        requireNonNull(factory, "factory is null");
        requireNonNull(authentication, "authentication is null");
        PgConnectionRegistry registry = new PgConnectionRegistry();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            PgConnection connection = new PgConnection(ch, config, factory, registry, authentication);
                            ch.pipeline().addLast("frames", new PgFrameDecoder(config.maxMessageBytes()));
                            ch.pipeline().addLast("connection", new ConnectionHandler(connection, tls));
                        }
                    });
            Channel channel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
            PgServer server = new PgServer(boss, workers, channel, registry);
            log.info("pgwire listening on {}", channel.localAddress());
            return server;
        } catch (Exception e) { // Netty rethrows the bind failure's IOException unchecked
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            Throwable cause = e instanceof IOException ? e : e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": "
                        + io.getMessage(), io);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot start pgwire on " + config.host() + ":" + config.port(), e);
        }
    }

    /** The port the server listens on (the ephemeral one when the config said 0). */
    public int port() {
        return address().getPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        for (PgConnection connection : registry.all()) {
            connection.terminate();
        }
        try {
            for (PgConnection connection : registry.all()) {
                connection.awaitTermination(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        log.info("pgwire stopped");
    }

    /** The event-loop side of a connection: hands decoded messages and channel events over. */
    private static final class ConnectionHandler extends ChannelInboundHandlerAdapter {
        private final PgConnection connection;
        private final SslContext tls;

        ConnectionHandler(PgConnection connection, SslContext tls) {
            this.connection = connection;
            this.tls = tls;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connection.start();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // TLS starts here on the event loop: the client sends its handshake as soon as it reads
            // 'S', and those bytes must reach the TLS handler, not the frame decoder.
            if (msg instanceof FrontendMessage.SslRequest && tls != null && !connection.isEncrypted()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'S'}));
                ctx.pipeline().addFirst("tls", tls.newHandler(ctx.alloc()));
                connection.encrypted();
                return;
            }
            connection.received((FrontendMessage) msg);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            connection.writabilityChanged();
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connection.channelClosed();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) {
                log.debug("connection error: {}", cause.toString());
            } else {
                log.warn("connection error", cause);
            }
            ctx.close();
        }
    }
}
