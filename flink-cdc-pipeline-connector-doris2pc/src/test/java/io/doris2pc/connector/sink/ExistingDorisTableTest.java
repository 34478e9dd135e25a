package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.api.common.JobID;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.data.DecimalData;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer against a Doris table that existed before the pipeline, spelled and sized otherwise than the source,
 * on the test server that follows Doris's Stream Load rules: no value may become NULL or change in silence.
 */
class ExistingDorisTableTest {

    private static final TableId TABLE = TableId.tableId("legacy", "accounts");
    private static final TableId CASED = TableId.tableId("legacy", "cased");
    private static final Schema SOURCE = Schema.newBuilder()
            .physicalColumn("id", DataTypes.INT().notNull())
            .physicalColumn("owner", DataTypes.VARCHAR(20))
            .physicalColumn("balance", DataTypes.DECIMAL(12, 2))
            .physicalColumn("rate", DataTypes.DOUBLE())
            .primaryKey("id")
            .build();

    private DorisTestServer server;

    @BeforeEach
    void createLegacyTable() {
        server = DorisTestServer.builder().start();
        server.sql("", "CREATE DATABASE legacy");
        server.sql("legacy", "CREATE TABLE accounts (id INT NOT NULL, owner VARCHAR(80), balance DECIMAL(7, 2), "
                + "rate DOUBLE) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
        server.sql("legacy", "CREATE TABLE cased (ID INT NOT NULL, Owner VARCHAR(80), Balance DECIMAL(12, 2), "
                + "Rate DOUBLE) UNIQUE KEY(ID) DISTRIBUTED BY HASH(ID) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Doris2pcWriter writer(String... extraOptions) {
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", server.feAddress());
        options.put("username", server.user());
        options.put("password", server.password());
        for (int i = 0; i < extraOptions.length; i += 2) {
            options.put(extraOptions[i], extraOptions[i + 1]);
        }
        Doris2pcSinkConfig config = Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC"));
        return new Doris2pcWriter(config, LabelNamespace.newRunId(), TestInitContext.fresh(new JobID()), List.of());
    }

    private static DataChangeEvent insert(int id, String balance, double rate) {
        return insert(TABLE, id, balance, rate);
    }

    private static DataChangeEvent insert(TableId table, int id, String balance, double rate) {
        DataType[] types = SOURCE.getColumnDataTypes().toArray(new DataType[0]);
        return DataChangeEvent.insertEvent(table, new BinaryRecordDataGenerator(types).generate(new Object[] {
            id,
            org.apache.flink.cdc.common.data.binary.BinaryStringData.fromString("owner" + id),
            DecimalData.fromBigDecimal(new BigDecimal(balance), 12, 2),
            rate
        }));
    }

    private void loadAndCommit(Doris2pcWriter writer, DataChangeEvent... rows) throws Exception {
        writer.write(new CreateTableEvent(rows[0].tableId(), SOURCE), NoWriteContext.INSTANCE);
        for (DataChangeEvent row : rows) {
            writer.write(row, NoWriteContext.INSTANCE);
        }
        writer.flush(false);
        Collection<Doris2pcCommittable> committables = writer.prepareCommit();
        Map<String, String> options = Map.of("fenodes", server.feAddress(), "username", server.user());
        try (Doris2pcCommitter committer = new Doris2pcCommitter(
                Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC")))) {
            for (Doris2pcCommittable committable : committables) {
                RecordingCommitRequest<Doris2pcCommittable> request = new RecordingCommitRequest<>(committable);
                committer.commit(List.of(request));
                assertEquals(RecordingCommitRequest.Signal.NONE, request.signal(), String.valueOf(request.failure()));
            }
        }
    }

    @Test
    void rowsReachColumnsSpelledInAnotherCase() throws Exception {
        // BE new_json_reader.cpp matches JSON keys case-sensitively: keys "owner" would leave column Owner NULL
        try (Doris2pcWriter writer = writer()) {
            loadAndCommit(writer, insert(CASED, 1, "12.50", 0.5));
        }
        List<Map<String, Object>> rows = server.rows("legacy", "cased");
        assertEquals(1, rows.size(), "refused loads: " + server.refusedLoads());
        assertEquals("owner1", rows.get(0).get("Owner"));
        assertEquals(new BigDecimal("12.50"), rows.get(0).get("Balance"));
        assertEquals(0.5, rows.get(0).get("Rate"));
    }

    @Test
    void anFeThatDoesNotAnswerTheColumnsLookupIsAskedAgain() throws Exception {
        try (Doris2pcWriter writer = writer("sink.retry-backoff", "10ms")) {
            server.faults().feUnavailable(1);
            loadAndCommit(writer, insert(CASED, 1, "12.50", 0.5));
        }
        assertEquals("owner1", server.rows("legacy", "cased").get(0).get("Owner"));
    }

    @Test
    void aDecimalTheDorisColumnCannotHoldFailsInsteadOfLoadingClamped() throws Exception {
        // Doris would store 99999.99 (BE util/string_parser.hpp string_to_decimal, apache/doris#39864)
        try (Doris2pcWriter writer = writer()) {
            Exception e = assertThrows(Exception.class, () -> loadAndCommit(writer, insert(1, "1234567.00", 0.5)));
            assertTrue(e.getMessage().contains("of table legacy.accounts: the value 1234567.00 does not fit the Doris "
                    + "column `balance` DECIMAL(7, 2)"), e.getMessage());
        }
        assertTrue(server.rows("legacy", "accounts").isEmpty());
    }

    @Test
    void aNonFiniteDoubleFailsInsteadOfBecomingNull() throws Exception {
        // BE vec/io/io_helper.h read_float_text_fast_impl: Doris would load NULL (strict mode off) in its place
        try (Doris2pcWriter writer = writer("sink.properties.strict_mode", "false")) {
            Exception e = assertThrows(Exception.class, () -> loadAndCommit(writer, insert(1, "1.00", Double.NaN)));
            assertTrue(e.getMessage().contains("Cannot write column 'rate' (DOUBLE) of table legacy.accounts: the value "
                    + "NaN is not a number Doris can store"), e.getMessage());
        }
        assertTrue(server.rows("legacy", "accounts").isEmpty());
    }

    @Test
    void aNonFiniteDoubleLoadsNullWhenTheUserAcceptsIt() throws Exception {
        try (Doris2pcWriter writer = writer("sink.non-finite-floats", "store_null")) {
            loadAndCommit(writer, insert(1, "1.00", Double.POSITIVE_INFINITY));
        }
        assertNull(server.rows("legacy", "accounts").get(0).get("rate"));
    }
}
