package io.doris2pc.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the checkpoints Flink retained under a checkpoint directory ({@code <dir>/<job id>/chk-<n>/_metadata}),
 * for restarting a pipeline from where a killed JVM left it.
 */
public final class RetainedCheckpoints {

    private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-(\\d+)");
    private static final String METADATA = "_metadata";

    private RetainedCheckpoints() {}

    /**
     * The most recently completed checkpoint of any job under {@code checkpointDir}: a {@code chk-N} directory
     * holding a {@code _metadata} file (Flink writes it last), newest {@code _metadata} first, then highest N.
     */
    public static Optional<Path> latest(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobDirs = Files.list(checkpointDir)) {
            return jobDirs.filter(Files::isDirectory)
                    .flatMap(RetainedCheckpoints::completedCheckpoints)
                    .max(Comparator.comparing(RetainedCheckpoints::metadataTime)
                            .thenComparingLong(RetainedCheckpoints::checkpointId));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list checkpoints in " + checkpointDir, e);
        }
    }

    /** N of a {@code chk-N} directory. */
    public static long checkpointId(Path checkpoint) {
        Matcher matcher = CHECKPOINT_DIR.matcher(checkpoint.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(checkpoint + " is not a chk-N checkpoint directory");
        }
        return Long.parseLong(matcher.group(1));
    }

    private static Stream<Path> completedCheckpoints(Path jobDir) {
        try (Stream<Path> children = Files.list(jobDir)) {
            return children.filter(p -> CHECKPOINT_DIR.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(METADATA)))
                    .collect(Collectors.toList())
                    .stream();
        } catch (IOException e) {
            // A checkpoint Flink subsumed while we listed it is not a candidate anyway.
            return Stream.empty();
        }
    }

    private static FileTime metadataTime(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve(METADATA));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
