package io.millrace.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The walk-through in README.md, pasted into real psql, prints exactly what the README says. */
class ReadmeWalkthroughTest {
    private static String block(String readme, String marker) {
        int at = readme.indexOf("<!-- " + marker + " -->");
        assertTrue(at >= 0, "README.md has no " + marker + " block");
        int start = readme.indexOf('\n', readme.indexOf("```", at)) + 1;
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }

    @Test
    void walkthroughWorksAsWritten() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String sql = block(readme, "walkthrough:sql");
        String expected = block(readme, "walkthrough:output");
        try (TestServer server = TestServer.startTemporary()) {
            assertEquals(expected, server.psql(sql));
        }
    }
}
