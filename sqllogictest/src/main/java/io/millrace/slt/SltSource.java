package io.millrace.slt;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where a script comes from: a file on disk, or an entry of the SQLite corpus jar
 * ({@code net.hydromatic:sql-logic-test}), read from the classpath without extracting it.
 */
public final class SltSource {
    /** Prefix of a command-line argument that selects corpus files. */
    public static final String CORPUS_PREFIX = "corpus:";
    /** A file known to be in the corpus jar, used to find the jar on the classpath. */
    private static final String CORPUS_PROBE = "test/select1.test";

    private final String name;
    private final Path path; // null for corpus entries
    private final String resource; // null for files

    private SltSource(String name, Path path, String resource) {
        this.name = requireNonNull(name, "name is null");
        this.path = path;
        this.resource = resource;
    }

    public static SltSource file(Path path) {
        return new SltSource(path.toString(), path, null);
    }

    /** The corpus entry {@code entry}, e.g. {@code test/select1.test}. */
    public static SltSource corpusEntry(String entry) {
        return new SltSource(CORPUS_PREFIX + entry, null, entry);
    }

    /** The name shown in reports: the path, or {@code corpus:ENTRY}. */
    public String name() {
        return name;
    }

    public String read() throws IOException {
        if (path != null) {
            return Files.readString(path, StandardCharsets.UTF_8);
        }
        try (InputStream in = SltSource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no corpus entry " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The scripts an argument names: a file; a folder (every {@code .slt} and {@code .test} file
     * under it, sorted by path); or {@code corpus:PREFIX} (every corpus entry whose name starts with
     * PREFIX, e.g. {@code corpus:test/index/between/}, sorted by name).
     */
    public static List<SltSource> resolve(String argument) throws IOException {
        if (argument.startsWith(CORPUS_PREFIX)) {
            return corpus(argument.substring(CORPUS_PREFIX.length()));
        }
        Path p = Path.of(argument);
        if (Files.isDirectory(p)) {
            return folder(p);
        }
        if (!Files.isRegularFile(p)) {
            throw new IOException("no such file or folder: " + argument);
        }
        return List.of(file(p));
    }

    /** Every {@code .slt} and {@code .test} file under {@code folder}, sorted by path. */
    public static List<SltSource> folder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".slt") || f.toString().endsWith(".test"))
                    .sorted()
                    .map(SltSource::file)
                    .toList();
        }
    }

    /** The corpus files whose entry name starts with {@code prefix}, sorted by name. */
    public static List<SltSource> corpus(String prefix) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : corpusEntries()) {
            if (entry.startsWith(prefix)) {
                entries.add(entry);
            }
        }
        entries.sort(null);
        List<SltSource> sources = new ArrayList<>();
        for (String e : entries) {
            sources.add(corpusEntry(e));
        }
        return sources;
    }

    /** Every {@code .test} entry under {@code test/} in the corpus jar. */
    public static List<String> corpusEntries() throws IOException {
        URL probe = SltSource.class.getClassLoader().getResource(CORPUS_PROBE);
        if (probe == null) {
            throw new IOException("the sqllogictest corpus (net.hydromatic:sql-logic-test) is not on the classpath");
        }
        List<String> entries = new ArrayList<>();
        if (probe.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) probe.openConnection();
            Path jar;
            try {
                jar = Path.of(connection.getJarFileURL().toURI());
            } catch (URISyntaxException e) {
                throw new IOException("cannot locate the corpus jar from " + probe, e);
            }
            try (JarFile jarFile = new JarFile(jar.toFile())) {
                Enumeration<JarEntry> all = jarFile.entries();
                while (all.hasMoreElements()) {
                    JarEntry e = all.nextElement();
                    if (!e.isDirectory() && e.getName().startsWith("test/") && e.getName().endsWith(".test")) {
                        entries.add(e.getName());
                    }
                }
            }
        } else {
            // The corpus is on the classpath as a folder (e.g. in an IDE): walk it.
            Path root;
            try {
                root = Path.of(probe.toURI()).getParent().getParent();
            } catch (URISyntaxException e) {
                throw new IOException("cannot locate the corpus from " + probe, e);
            }
            try (Stream<Path> walk = Files.walk(root.resolve("test"))) {
                walk.filter(Files::isRegularFile)
                        .filter(f -> f.toString().endsWith(".test"))
                        .forEach(f -> entries.add(root.relativize(f).toString().replace('\\', '/')));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        entries.sort(null);
        return entries;
    }

    @Override
    public String toString() {
        return name;
    }
}
