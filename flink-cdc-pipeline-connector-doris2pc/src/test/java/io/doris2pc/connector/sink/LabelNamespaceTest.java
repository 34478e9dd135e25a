package io.doris2pc.connector.sink;

import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelNamespaceTest {

    private static final String MAX_PREFIX = "p-_" + "x".repeat(61);

    @Test
    void labelIsBuiltFromTheNamespaceAndSequence() {
        LabelNamespace namespace = LabelNamespace.forAttempt("cdc_job", "k3x9", OptionalLong.of(42), 3);

        assertEquals("cdc_job_k3x9_42_3_0", namespace.label(0));
        assertEquals("cdc_job_k3x9_42_3_17", namespace.label(17));
        assertEquals(namespace.label(17), new LabelNamespace("cdc_job", "k3x9", 42, 3).label(17));
    }

    @Test
    void freshStartRestoresFromZero() {
        LabelNamespace namespace = LabelNamespace.forAttempt("doris2pc", "abc", OptionalLong.empty(), 0);

        assertEquals(0, namespace.restoredFrom());
        assertEquals("doris2pc_abc_0_0_5", namespace.label(5));
    }

    @Test
    void extremeValuesStillMakeValidDorisLabels() {
        assertEquals(64, MAX_PREFIX.length());
        String runId = LabelNamespace.newRunId();
        LabelNamespace namespace =
                new LabelNamespace(MAX_PREFIX, "zzzzzzzzzzzzz", Long.MAX_VALUE, LabelNamespace.MAX_SUBTASKS - 1);

        String label = namespace.label(Long.MAX_VALUE);

        assertTrue(LabelNamespace.DORIS_LABEL.matcher(label).matches(), label);
        assertEquals(MAX_PREFIX + "_zzzzzzzzzzzzz_9223372036854775807_32767_9223372036854775807", label);
        assertTrue(label.length() <= 128);
        assertTrue(runId.matches("[a-z0-9]{1,13}"), runId);
    }

    @Test
    void invalidPartsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LabelNamespace(MAX_PREFIX + "y", "a", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LabelNamespace("a.b", "a", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LabelNamespace("p", "A_1", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LabelNamespace("p", "aaaaaaaaaaaaaa", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LabelNamespace("p", "a", -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LabelNamespace("p", "a", 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new LabelNamespace("p", "a", 0, 32768));
        assertThrows(IllegalArgumentException.class, () -> new LabelNamespace("p", "a", 0, 0).label(-1));
    }

    /** Every submission draws its own run id, whatever its JobID (a fixed one in HA application mode). */
    @Test
    void everySubmissionDrawsADifferentValidRunId() {
        Set<String> runIds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = LabelNamespace.newRunId();
            assertTrue(id.matches("[a-z0-9]{1,13}"), id);
            runIds.add(id);
        }
        assertEquals(1000, runIds.size());
    }

    @Test
    void differentNamespacesNeverShareALabel() {
        // Prefixes may contain '_', so a label must still name one namespace: the four fields after the prefix
        // contain none.
        LabelNamespace[] namespaces = {
            new LabelNamespace("a", "b", 1, 2),
            new LabelNamespace("a_b", "1", 2, 3),
            new LabelNamespace("a_b_1", "2", 3, 4),
            new LabelNamespace("a", "b", 12, 3),
            new LabelNamespace("a", "b", 1, 23),
            new LabelNamespace("a", "b1", 2, 3),
            new LabelNamespace("a_", "b", 1, 2),
            new LabelNamespace("a", "b", 0, 0),
            new LabelNamespace("b", "b", 0, 0),
        };
        Set<String> labels = new HashSet<>();
        int made = 0;
        for (LabelNamespace namespace : namespaces) {
            for (long sequence : new long[] {0, 1, 2, 3, 4, 12, 23, 34}) {
                labels.add(namespace.label(sequence));
                made++;
            }
        }
        assertEquals(made, labels.size());
    }

    @Test
    void equalityFollowsAllFourFields() {
        LabelNamespace namespace = new LabelNamespace("p", "r", 7, 1);

        assertEquals(namespace, new LabelNamespace("p", "r", 7, 1));
        assertEquals(namespace.hashCode(), new LabelNamespace("p", "r", 7, 1).hashCode());
        assertNotEquals(namespace, new LabelNamespace("q", "r", 7, 1));
        assertNotEquals(namespace, new LabelNamespace("p", "s", 7, 1));
        assertNotEquals(namespace, new LabelNamespace("p", "r", 8, 1));
        assertNotEquals(namespace, new LabelNamespace("p", "r", 7, 2));
        assertEquals("p_r_7_1_{sequence}", namespace.toString());
    }
}
