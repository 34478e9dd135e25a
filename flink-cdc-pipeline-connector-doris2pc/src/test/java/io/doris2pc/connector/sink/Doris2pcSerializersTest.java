package io.doris2pc.connector.sink;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Doris2pcSerializersTest {

    /** Over 64 KiB once encoded, with characters of 1 to 4 UTF-8 bytes (an emoji is a surrogate pair). */
    private static final String LONG_UNICODE = "aé漢😀".repeat(7000);

    private final Doris2pcCommittableSerializer committables = new Doris2pcCommittableSerializer();
    private final Doris2pcWriterStateSerializer states = new Doris2pcWriterStateSerializer();

    @Test
    void committableRoundTrips() throws IOException {
        Doris2pcCommittable committable =
                new Doris2pcCommittable("sales", "orders", "p_r_0_1_2", 123456789012L, 1764057600000L);

        assertEquals(committable, roundTrip(committable));
    }

    @Test
    void committableWithUnicodeAndLongNamesRoundTrips() throws IOException {
        assertTrue(LONG_UNICODE.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 65536);
        Doris2pcCommittable committable = new Doris2pcCommittable("数据库", LONG_UNICODE, "p_r_0_1_2", -1L, 0L);

        Doris2pcCommittable copy = roundTrip(committable);

        assertEquals(committable, copy);
        assertEquals(LONG_UNICODE, copy.table());
    }

    @Test
    void committableOfAnotherVersionIsRefused() throws IOException {
        byte[] bytes = committables.serialize(new Doris2pcCommittable("d", "t", "l", 1, 2));

        IOException error = assertThrows(IOException.class, () -> committables.deserialize(2, bytes));
        assertEquals("Unknown doris2pc committable version 2; this connector reads version 1", error.getMessage());
        assertEquals(1, committables.getVersion());
    }

    @Test
    void truncatedCommittableIsRefused() throws IOException {
        byte[] bytes = committables.serialize(new Doris2pcCommittable("d", "t", "l", 1, 2));

        assertThrows(IOException.class, () -> committables.deserialize(1, Arrays.copyOf(bytes, bytes.length - 1)));
    }

    @Test
    void writerStateRoundTrips() throws IOException {
        Map<String, Long> next = new LinkedHashMap<>();
        next.put("sales", 17L);
        next.put("数据库_😀", 0L);
        next.put(LONG_UNICODE, Long.MAX_VALUE);
        Doris2pcWriterState state = new Doris2pcWriterState(new LabelNamespace("job-1", "k3x9", 42, 7), next);

        Doris2pcWriterState copy = roundTrip(state);

        assertEquals(state, copy);
        assertEquals(next, copy.nextSequenceByDb());
        assertEquals(new LabelNamespace("job-1", "k3x9", 42, 7), copy.namespace());
    }

    @Test
    void writerStateWithoutDatabasesRoundTrips() throws IOException {
        Doris2pcWriterState state =
                new Doris2pcWriterState(new LabelNamespace("p", "r", 0, 0), Collections.emptyMap());

        assertEquals(state, roundTrip(state));
    }

    @Test
    void writerStateOfAnotherVersionIsRefused() throws IOException {
        byte[] bytes = states.serialize(new Doris2pcWriterState(new LabelNamespace("p", "r", 0, 0), Map.of("d", 1L)));

        IOException error = assertThrows(IOException.class, () -> states.deserialize(0, bytes));
        assertEquals("Unknown doris2pc writer state version 0; this connector reads versions 1 and 2", error.getMessage());
        assertEquals(2, states.getVersion());
    }

    @Test
    void aRetiredNamespaceRoundTrips() throws IOException {
        Doris2pcWriterState state =
                new Doris2pcWriterState(new LabelNamespace("p", "r", 3, 1), Map.of("d", 4L), 1_764_000_000_000L);

        assertEquals(state, roundTrip(state));
    }

    /** A version 1 state (before retired namespaces were kept) reads as a live namespace. */
    @Test
    void aVersionOneStateIsReadAsALiveNamespace() throws IOException {
        Doris2pcWriterState state = new Doris2pcWriterState(new LabelNamespace("p", "r", 3, 1), Map.of("d", 4L));
        byte[] v2 = states.serialize(state);

        assertEquals(state, states.deserialize(1, Arrays.copyOf(v2, v2.length - Long.BYTES)));
    }

    private Doris2pcCommittable roundTrip(Doris2pcCommittable committable) throws IOException {
        return committables.deserialize(committables.getVersion(), committables.serialize(committable));
    }

    private Doris2pcWriterState roundTrip(Doris2pcWriterState state) throws IOException {
        return states.deserialize(states.getVersion(), states.serialize(state));
    }
}
