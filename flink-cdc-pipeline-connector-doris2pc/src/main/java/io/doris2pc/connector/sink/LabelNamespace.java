package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.LabelPrefixRule;

import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The labels one writer subtask of one attempt may use: {@code {prefix}_{runId}_{restoredFrom}_{subtask}_{sequence}}.
 *
 * <p>Nothing in a label depends on the table, so recovery can rebuild every label an attempt may have used from the
 * namespace and a sequence number alone, whatever tables it wrote. The four fields after the prefix contain no
 * {@code _}, so a label names exactly one namespace and sequence even when prefixes contain underscores.
 */
public final class LabelNamespace implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Doris's rule for labels. */
    static final Pattern DORIS_LABEL = Pattern.compile("[-_A-Za-z0-9:]{1,128}");

    /** Flink's upper bound for the maximum parallelism (KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM). */
    static final int MAX_SUBTASKS = 1 << 15;

    private static final int MAX_RUN_ID_LENGTH = 13;
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{1," + MAX_RUN_ID_LENGTH + "}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;
    private final String runId;
    private final long restoredFrom;
    private final int subtask;

    public LabelNamespace(String prefix, String runId, long restoredFrom, int subtask) {
        if (!LabelPrefixRule.isValid(prefix)) {
            throw new IllegalArgumentException(
                    "Label prefix '" + prefix + "' must be 1 to " + LabelPrefixRule.MAX_LENGTH
                            + " characters of A-Z a-z 0-9 - _");
        }
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("Run id '" + runId + "' must be 1 to 13 characters of a-z 0-9");
        }
        if (restoredFrom < 0) {
            throw new IllegalArgumentException("Restored checkpoint id must not be negative: " + restoredFrom);
        }
        if (subtask < 0 || subtask >= MAX_SUBTASKS) {
            throw new IllegalArgumentException("Subtask index " + subtask + " is outside 0.." + (MAX_SUBTASKS - 1));
        }
        this.prefix = prefix;
        this.runId = runId;
        this.restoredFrom = restoredFrom;
        this.subtask = subtask;
        String longest = label(Long.MAX_VALUE);
        if (!DORIS_LABEL.matcher(longest).matches()) {
            throw new IllegalStateException("Label " + longest + " would not be valid for Doris");
        }
    }

    /**
     * The namespace of a writer subtask in this attempt.
     *
     * @param restoredCheckpointId the checkpoint this attempt restored from; empty on a fresh start
     */
    public static LabelNamespace forAttempt(
            String prefix, String runId, OptionalLong restoredCheckpointId, int subtask) {
        return new LabelNamespace(prefix, runId, restoredCheckpointId.orElse(0L), subtask);
    }

    /**
     * A new run id for one submission of a pipeline. It is random, not derived from the JobID: Flink's application
     * mode with HA fixes the JobID ({@code ApplicationDispatcherBootstrap.fixJobIdAndRunApplicationAsync} derives it
     * from {@code high-availability.cluster-id}), so two submissions, or two pipelines, can share one. It is drawn
     * once where the job is built, inside the sink that Flink ships in the job graph, so every attempt of the
     * submission rebuilds the same namespaces and finds what its earlier attempts left, also after a JobManager
     * failover ({@code EmbeddedExecutor} runs the recovered job graph instead of submitting the new one).
     */
    public static String newRunId() {
        return Long.toUnsignedString(RANDOM.nextLong(), 36);
    }

    public String label(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("Label sequence must not be negative: " + sequence);
        }
        return prefix + '_' + runId + '_' + restoredFrom + '_' + subtask + '_' + sequence;
    }

    public String prefix() {
        return prefix;
    }

    public String runId() {
        return runId;
    }

    /** The checkpoint id the attempt restored from, 0 on a fresh start. */
    public long restoredFrom() {
        return restoredFrom;
    }

    public int subtask() {
        return subtask;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LabelNamespace)) {
            return false;
        }
        LabelNamespace that = (LabelNamespace) o;
        return restoredFrom == that.restoredFrom
                && subtask == that.subtask
                && prefix.equals(that.prefix)
                && runId.equals(that.runId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, runId, restoredFrom, subtask);
    }

    @Override
    public String toString() {
        return prefix + '_' + runId + '_' + restoredFrom + '_' + subtask + "_{sequence}";
    }
}
