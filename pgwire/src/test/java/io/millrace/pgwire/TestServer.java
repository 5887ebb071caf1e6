package io.millrace.pgwire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A PgServer on an ephemeral port backed by {@link TestSession}, and a way to run psql against it. */
final class TestServer implements AutoCloseable {
    final TestSession.Shared shared = new TestSession.Shared();
    final PgServer server;

    TestServer() {
        this(PgServerConfig.defaults().withPort(0));
    }

    TestServer(PgServerConfig config) {
        server = PgServer.start(config, TestSession.factory(shared));
    }

    int port() {
        return server.port();
    }

    String url(String options) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/test?user=test&connectTimeout=5&socketTimeout=30"
                + (options.isEmpty() ? "" : "&" + options);
    }

    @Override
    public void close() {
        server.close();
    }

    record PsqlResult(int exitCode, String stdout, String stderr) {
    }

    /** Runs psql with a connection string to this server plus {@code args}, feeding {@code stdin}. */
    PsqlResult psql(String extraConnection, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("/usr/bin/psql");
        command.add("host=127.0.0.1 port=" + port() + " user=test dbname=test " + extraConnection);
        command.add("-X");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PGCONNECT_TIMEOUT", "5");
        pb.environment().remove("PGPASSWORD");
        pb.environment().remove("PGSERVICE");
        Path out = Files.createTempFile("psql", ".out");
        Path err = Files.createTempFile("psql", ".err");
        try {
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            try (var stdinStream = p.getOutputStream()) {
                if (stdin != null) {
                    stdinStream.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("psql timed out: " + Files.readString(err));
            }
            return new PsqlResult(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
