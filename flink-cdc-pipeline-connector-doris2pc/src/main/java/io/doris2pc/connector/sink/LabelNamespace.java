package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.LabelPrefixRule;

import org.apache.flink.api.common.JobID;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
     * A short, stable id for a job: the same for every subtask and attempt of the job, different for a new
     * submission (which gets a new JobID), so a job restarted without state never meets its predecessor's labels.
     */
    public static String runIdOf(JobID jobId) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(jobId.toHexString().getBytes(StandardCharsets.US_ASCII));
            return Long.toUnsignedString(ByteBuffer.wrap(digest).getLong(), 36);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
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
