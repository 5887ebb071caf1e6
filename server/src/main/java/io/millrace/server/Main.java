package io.millrace.server;

import java.util.concurrent.CountDownLatch;

/** The command line: {@code millrace [flags]} runs the server in the foreground until SIGTERM or Ctrl-C. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = ServerConfig.parse(args);
        } catch (ServerConfig.HelpRequested h) {
            System.out.println(ServerConfig.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("millrace: " + e.getMessage());
            System.exit(2);
            return;
        }
        MillraceServer server;
        try {
            server = MillraceServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("millrace: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "millrace-shutdown"));
        System.out.println("Millrace " + ServerConfig.VERSION + " is ready: psql -h " + config.host() + " -p "
                + server.port() + " -U " + config.user() + " " + config.database());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
