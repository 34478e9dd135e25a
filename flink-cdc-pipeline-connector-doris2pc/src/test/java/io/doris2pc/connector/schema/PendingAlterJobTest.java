package io.doris2pc.connector.schema;

import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.client.DorisSqlException;
import io.doris2pc.connector.client.DorisSqlExecutor;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplierTest.Transport;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnState;
import io.doris2pc.testserver.cluster.SchemaChangeJob;

import org.apache.flink.cdc.common.event.AlterColumnTypeEvent;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.doris2pc.connector.schema.Doris2pcMetadataApplierTest.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN invariant 7 at the applier: a type change is submitted, not awaited (the writers commit what its Doris alter
 * job waits for, see SchemaChangePairsTest); a lost answer to it is not sent again; and a table busy with a job this
 * change did not start is waited for only up to table.schema-change.timeout. The pending transaction is a raw
 * two-phase Stream Load left PRECOMMITTED, standing for another client's (Doris alter/SchemaChangeJobV2 waits for it).
 */
class PendingAlterJobTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private DorisTestServer server;
    private DorisHttpClient httpClient;
    private final AtomicInteger tableBusyRefusals = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        server = DorisTestServer.builder().user("root").password(PASSWORD).alterJobStep(Duration.ofMillis(50)).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (httpClient != null) {
            httpClient.close();
        }
        server.close();
    }

    private Doris2pcSinkConfig config(Duration schemaChangeTimeout) {
        Map<String, String> map = new HashMap<>();
        map.put("fenodes", server.feAddress());
        map.put("username", "root");
        map.put("password", PASSWORD);
        map.put("table.create.properties.replication_num", "1");
        map.put("sink.retry-backoff", "20 ms");
        map.put("table.schema-change.timeout", schemaChangeTimeout.toMillis() + " ms");
        return Doris2pcSinkConfig.from(
                org.apache.flink.cdc.common.configuration.Configuration.fromMap(map), java.time.ZoneId.of("UTC"));
    }

    /** The applier over the chosen transport, counting the refusals of a table in SCHEMA_CHANGE state. */
    private Doris2pcMetadataApplier applier(Transport transport, Duration schemaChangeTimeout) {
        Doris2pcSinkConfig config = config(schemaChangeTimeout);
        DorisSqlExecutor doris;
        if (transport == Transport.HTTP) {
            httpClient = new DorisHttpClient(config);
            doris = httpClient;
        } else {
            doris = new InProcessSqlExecutor(server);
        }
        return new Doris2pcMetadataApplier(config, (db, sql) -> {
            try {
                return doris.execute(db, sql);
            } catch (DorisSqlException e) {
                if (e.dorisMessage().contains("is not NORMAL")) {
                    tableBusyRefusals.incrementAndGet();
                }
                throw e;
            }
        });
    }

    private TableId createTable(Doris2pcMetadataApplier applier) {
        TableId id = TableId.tableId("shop", "orders");
        applier.applySchemaChange(new CreateTableEvent(id, Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("v", DataTypes.INT())
                .physicalColumn("w", DataTypes.INT())
                .primaryKey("id")
                .build()));
        return id;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void typeChangeReturnsAtOnceAndAnAlterOfATableBusyWithAnotherJobTimesOut(Transport transport) throws Exception {
        Doris2pcMetadataApplier applier = applier(transport, TIMEOUT);
        TableId id = createTable(applier);
        precommit("l1");

        long start = System.nanoTime();
        applier.applySchemaChange(new AlterColumnTypeEvent(id, Collections.singletonMap("v", DataTypes.BIGINT())));
        assertTrue(System.nanoTime() - start < TIMEOUT.toNanos(), "the type change waited for its alter job");
        List<SchemaChangeJob> jobs = server.alterJobs();
        assertEquals(1, jobs.size());
        assertFalse(jobs.get(0).state().isDone(), jobs.get(0).state().name());

        long waitStart = System.nanoTime();
        String message = Doris2pcMetadataApplierTest.failure(
                applier, new AlterColumnTypeEvent(id, Collections.singletonMap("w", DataTypes.BIGINT())));
        assertTrue(System.nanoTime() - waitStart >= TIMEOUT.toNanos(), "gave up before the timeout");
        assertTrue(message.startsWith("Cannot apply ALTER_COLUMN_TYPE of table `shop`.`orders`: another alter job of "
                + "the table is still running after table.schema-change.timeout (see SHOW ALTER TABLE COLUMN FROM "
                + "`shop`). It was not started by this change"), message);
        assertTrue(message.endsWith("Table[orders]'s state(SCHEMA_CHANGE) is not NORMAL. Do not allow doing ALTER ops"),
                message);
        assertTrue(tableBusyRefusals.get() > 1, "polled " + tableBusyRefusals.get() + " times");
        assertEquals(SchemaChangeJob.State.WAITING_TXN, server.alterJobs().get(0).state());
    }

    /** The test server's fault: Doris ran the MODIFY, its answer never arrived; the retry finds the table busy. */
    @Test
    void aLostAnswerToATypeChangeIsNotSentAgainNorWaitedFor() throws Exception {
        Doris2pcMetadataApplier applier = applier(Transport.HTTP, Duration.ofSeconds(30));
        TableId id = createTable(applier);
        precommit("l1");
        server.faults().loseNextModifyAnswers(1);

        long start = System.nanoTime();
        applier.applySchemaChange(new AlterColumnTypeEvent(id, Collections.singletonMap("v", DataTypes.BIGINT())));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "the retry waited for its own job");
        assertFalse(server.faults().pending(), "the answer was lost");
        assertEquals(1, server.alterJobs().size(), server.alterJobs().toString());
        assertEquals(1, tableBusyRefusals.get(), "the retry found the table busy once, with its own job");
        commit("l1");
        Awaits.until(() -> server.alterJobs().get(0).state() == SchemaChangeJob.State.FINISHED);
        assertEquals(List.of("id INT No true", "v BIGINT Yes false", "w INT Yes false"),
                Doris2pcMetadataApplierTest.describe(server, id));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLaterAlterProceedsOnceTheWaitedForTransactionIsCommitted(Transport transport) throws Exception {
        Doris2pcMetadataApplier applier = applier(transport, Duration.ofSeconds(30));
        TableId id = createTable(applier);
        precommit("l1");
        applier.applySchemaChange(new AlterColumnTypeEvent(id, Collections.singletonMap("v", DataTypes.BIGINT())));

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> applier.applySchemaChange(
                new AlterColumnTypeEvent(id, Collections.singletonMap("w", DataTypes.BIGINT()))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tableBusyRefusals.get() == 0 && !second.isDone()) {
            assertTrue(System.nanoTime() < deadline, "the second type change was never refused by the busy table");
            Thread.sleep(10);
        }
        commit("l1");
        second.get(10, TimeUnit.SECONDS);
        Awaits.until(() -> server.alterJobs().stream().allMatch(job -> job.state() == SchemaChangeJob.State.FINISHED));

        assertEquals(TxnState.VISIBLE, server.transaction("shop", "l1").get().state());
        assertEquals(
                List.of("id INT No true", "v BIGINT Yes false", "w BIGINT Yes false"),
                Doris2pcMetadataApplierTest.describe(server, id));
        assertEquals(1, server.rows("shop", "orders").size());
    }

    /** Waits (up to 10 s) for a state the server reaches on its own, the alter job scheduler's steps. */
    private static final class Awaits {
        static void until(BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!condition.getAsBoolean()) {
                assertTrue(System.nanoTime() < deadline, "not reached within 10 s");
                Thread.sleep(20);
            }
        }
    }

    private void precommit(String label) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request("/api/shop/orders/_stream_load", label)
                        .header("two_phase_commit", "true")
                        .header("format", "json")
                        .header("read_json_by_line", "true")
                        .expectContinue(true)
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"id\":1,\"v\":1,\"w\":1}\n"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.body().contains("\"Status\": \"Success\""), response.body());
        assertEquals(TxnState.PRECOMMITTED, server.transaction("shop", label).get().state());
    }

    private void commit(String label) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request("/api/shop/_stream_load_2pc", label)
                        .header("txn_operation", "commit")
                        .PUT(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.body().contains("Success"), response.body());
    }

    /** Straight to the BE, which serves the same paths as the FE without the redirect. */
    private HttpRequest.Builder request(String path, String label) {
        String auth = Base64.getEncoder().encodeToString(("root:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://" + server.beAddress() + path))
                .header("Authorization", "Basic " + auth)
                .header("label", label);
    }
}
