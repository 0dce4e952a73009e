package io.github.grpcops.guide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a guide writes out: each fenced code block right after an {@code <!-- file: path -->}
 * comment, by path, in the guide's order.
 */
final class GuideFiles {

    private static final Pattern BLOCK = Pattern.compile("<!-- file: (\\S+) -->\\R```[a-z]*\\R(.*?)^```$",
            Pattern.DOTALL | Pattern.MULTILINE);

    private GuideFiles() {
    }

    static Map<String, String> read(Path guide) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher block = BLOCK.matcher(Files.readString(guide, StandardCharsets.UTF_8));
        while (block.find()) {
            if (files.put(block.group(1), block.group(2)) != null) {
                throw new IllegalStateException(guide + " writes " + block.group(1) + " twice");
            }
        }
        return files;
    }

    /** Writes {@code files} under {@code directory}. */
    static void write(Map<String, String> files, Path directory) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = directory.resolve(file.getKey()).normalize();
            if (!target.startsWith(directory)) {
                throw new IllegalStateException("A guide file outside the project: " + file.getKey());
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
    }
}
