package io.millrace.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * Millrace's own feature suites ({@code src/test/resources/slt/*.slt}), found on the test
 * classpath. A server-backed test runs them with
 * {@code SltRunner.runAll(SltSuites.paths(), url, options)} in both modes.
 */
public final class SltSuites {
    private SltSuites() {}

    /** The folder holding the suites. */
    public static Path directory() {
        URL url = SltSuites.class.getResource("/slt");
        if (url == null) {
            throw new IllegalStateException("the slt suites are not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every suite file, sorted by name. */
    public static List<Path> paths() {
        try {
            return SltSource.folder(directory()).stream().map(s -> Path.of(s.name())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
