package io.doris2pc.e2e;

import io.doris2pc.examples.Directories;
import io.doris2pc.examples.EmbeddedMySql;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The soak: {@code soak.runs} randomized fault scenarios ({@link SoakScenario}), seeds counted up from
 * {@code soak.seed}, each reported on a line of {@code target/soak/report.txt} as it ends, and last one line
 * {@code N runs, L rows lost, D rows doubled, T lingering transactions, F unexpected failures}. Fails unless all
 * four are zero. Not part of the default test run ({@code ./soak.sh} runs it); a failed run keeps its directory.
 */
@Tag("soak")
class SoakE2eTest {

    private static final Path DIR = Paths.get("target/soak");

    @Test
    void randomFaultScenariosLoseDoubleAndLeaveNothing() throws Exception {
        int runs = Integer.getInteger("soak.runs", 3);
        long firstSeed = Long.getLong("soak.seed", System.currentTimeMillis() % 1_000_000);
        int lost = 0;
        int doubled = 0;
        int lingering = 0;
        int failures = 0;
        Files.createDirectories(DIR);
        try (EmbeddedMySql mysql = EmbeddedMySql.start(DIR.resolve("mysql"));
                PrintWriter report = new PrintWriter(Files.newBufferedWriter(DIR.resolve("report.txt"),
                        StandardCharsets.UTF_8))) {
            report(report, "soak: " + runs + " runs, seeds from " + firstSeed);
            for (int i = 0; i < runs; i++) {
                SoakScenario scenario = new SoakScenario(firstSeed + i);
                Path work = DIR.resolve("run-" + scenario.seed);
                Directories.deleteRecursively(work);
                long started = System.nanoTime();
                SoakOutcome outcome;
                try {
                    outcome = new SoakRun(mysql, scenario, work).run();
                } catch (Exception e) {
                    // a scenario that could not run (its pipeline did not start, say) counts, and the soak goes on
                    outcome = new SoakOutcome(0, 0, 0, e.toString(), 0, "unknown");
                }
                lost += outcome.lost;
                doubled += outcome.doubled;
                lingering += outcome.lingering;
                failures += outcome.failure == null ? 0 : 1;
                report(report, String.format("run %d/%d (%s): %s; %.1f s%s", i + 1, runs, scenario, outcome,
                        (System.nanoTime() - started) / 1e9, outcome.clean() ? "" : "; kept " + work.toAbsolutePath()));
                if (outcome.clean()) {
                    Directories.deleteRecursively(work);
                }
            }
            report(report, runs + " runs, " + lost + " rows lost, " + doubled + " rows doubled, " + lingering
                    + " lingering transactions, " + failures + " unexpected failures");
        }
        assertEquals("0 0 0 0", lost + " " + doubled + " " + lingering + " " + failures,
                "rows lost, rows doubled, lingering transactions, unexpected failures (see " + DIR.resolve("report.txt")
                        + ")");
    }

    private static void report(PrintWriter report, String line) {
        report.println(line);
        report.flush();
        System.out.println(line);
    }
}
