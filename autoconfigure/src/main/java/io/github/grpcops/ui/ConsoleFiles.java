package io.github.grpcops.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.util.MimeType;

/**
 * The console's files, from the class path folder {@code io/github/grpcops/ui/}, read once. Only names
 * made of plain segments with a known extension are looked up, so no request reaches another folder.
 */
final class ConsoleFiles {

    private static final String FOLDER = "io/github/grpcops/ui/";

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private static final Map<String, MimeType> TYPES = Map.of("html", MimeType.valueOf("text/html;charset=UTF-8"), "js",
            MimeType.valueOf("text/javascript;charset=UTF-8"), "css", MimeType.valueOf("text/css;charset=UTF-8"), "svg",
            MimeType.valueOf("image/svg+xml"));

    private final Map<String, File> cache = new ConcurrentHashMap<>();

    /** The file called {@code name} (a path below the folder), or {@code null}. */
    File find(String name) {
        if (!NAME.matcher(name).matches()) {
            return null;
        }
        MimeType type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            return null;
        }
        return this.cache.computeIfAbsent(name, n -> {
            byte[] content = readOrNull(n);
            return (content != null) ? new File(content, type) : null;
        });
    }

    /** A file that must exist. */
    byte[] read(String name) {
        byte[] content = readOrNull(name);
        if (content == null) {
            throw new IllegalStateException("The console's " + FOLDER + name + " is missing from the class path");
        }
        return content;
    }

    private static byte[] readOrNull(String name) {
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            return (in != null) ? in.readAllBytes() : null;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A file's content and type.
     *
     * @param content its bytes
     * @param type its media type
     */
    record File(byte[] content, MimeType type) {
    }
}
