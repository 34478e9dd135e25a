package io.doris2pc.e2e;

import io.doris2pc.e2e.chaos.ChaosOptions;
import io.doris2pc.e2e.chaos.ChaosRun;
import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.testserver.DorisTestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole Flink process dies by SIGKILL while changes flow (no close, no cancel: open loads are cut, pre-committed
 * transactions stay behind), and the operator starts the same command again, which restores from the last retained
 * checkpoint. Doris ends equal to the source, with exactly the transactions of completed checkpoints committed.
 */
class ProcessKillE2eTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static EmbeddedMySql mysql;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @Test
    void aKilledFlinkProcessRestartedFromItsLastCheckpointLosesAndDoublesNothing(@TempDir Path work) throws Exception {
        ShardsPipeline.resetSource(mysql);
        ChaosRun ledgerOnly = new ChaosRun(work.resolve("chaos"));
        Path yaml = ShardsPipeline.withChaosSink(work, Map.of(ChaosOptions.DIR.key(), ledgerOnly.dir().toString()));
        Path checkpoints = work.resolve("checkpoints");
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            Map<String, String> variables = ShardsPipeline.variables(mysql, doris);
            SourceTraffic changes;
            try (ChildPipeline first = ChildPipeline.start(yaml, variables, checkpoints, work.resolve("first.log"))) {
                assertEquals(Optional.empty(), first.restoredFrom(), "the first start has nothing to restore");
                // Changes start after the snapshot: with MariaDB (no GTIDs) the Flink CDC 3.2.0 MySQL source may
                // lose or double changes made during its snapshot phase (apache/flink-cdc#2794), whatever the sink.
                DorisVersusSource.awaitEqual(first::awaitUntil, doris, mysql.client(), "the snapshot");
                changes = ShardChanges.start(mysql.client(), 300_000, true);
                changes.awaitMoreSteps(60, DEADLINE);
                first.kill();
            }
            try (changes) {
                changes.awaitMoreSteps(60, DEADLINE);
                try (ChildPipeline second = ChildPipeline.start(yaml, variables, checkpoints, work.resolve("second.log"))) {
                    assertTrue(second.restoredFrom().isPresent(), "the second start restores from the retained checkpoint");
                    changes.awaitMoreSteps(60, DEADLINE);
                    changes.stop();
                    DorisVersusSource.awaitEqual(second::awaitUntil, doris, mysql.client(), "the kill and restart");
                    new TransactionAudit(doris, ledgerOnly.ledger(), checkpoints).assertExactlyOnce(second::awaitUntil);
                }
            }
        }
    }
}
