package io.doris2pc.examples;

import org.apache.flink.util.TimeUtils;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The reference scenario end to end on one machine: sharded MySQL tables merged into one Doris table, exactly
 * once, then changes in MySQL followed into Doris.
 *
 * <p>By default everything runs in this JVM and needs no Docker and no root: an embedded MariaDB loaded with
 * {@code emp_shards.sql} and the project's Doris test server. Point it at real servers with
 *
 * <pre>
 * --mysql-host H [--mysql-port 3306] [--mysql-user root] [--mysql-password PW]
 * --doris-fenodes H:8030 [--doris-query-port 9030] [--doris-user root] [--doris-password PW]
 * </pre>
 *
 * and choose files with {@code --pipeline mysql-shards-to-doris.yaml}, {@code --work-dir target/quickstart},
 * {@code --checkpoint-interval 2s}, {@code --timeout 3min}. A real MySQL is loaded with the dataset unless it
 * already has a database {@code emp_1}; it needs binlog on in ROW format.
 */
public final class QuickStart {

    private static final String DB = "demo";
    private static final String TABLE = "all_employees_info";
    private static final String SHARD_COUNT =
            "SELECT (SELECT COUNT(*) FROM emp_1.employees_1) + (SELECT COUNT(*) FROM emp_1.employees_2)"
                    + " + (SELECT COUNT(*) FROM emp_2.employees_1) + (SELECT COUNT(*) FROM emp_2.employees_2)";

    private static final Set<String> OPTIONS =
            Set.of(
                    "pipeline", "work-dir", "checkpoint-interval", "timeout",
                    "mysql-host", "mysql-port", "mysql-user", "mysql-password",
                    "doris-fenodes", "doris-query-port", "doris-user", "doris-password");

    private final Map<String, String> options;
    private final Duration timeout;

    private QuickStart(Map<String, String> options) {
        this.options = options;
        this.timeout = TimeUtils.parseDuration(options.getOrDefault("timeout", "3min"));
    }

    public static void main(String[] args) {
        // The MySQL source's binlog client logs through java.util.logging, past log4j2.properties: send it there.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int exitCode = 0;
        try {
            new QuickStart(parse(args)).run();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            exitCode = 2;
        } catch (Throwable t) {
            System.err.println("Quick start failed:");
            t.printStackTrace();
            exitCode = 1;
        }
        // Flink CDC 3.2.0 leaves a non-daemon thread behind: the JVM would not end by itself.
        System.exit(exitCode);
    }

    private void run() throws Exception {
        Path workDir = Paths.get(options.getOrDefault("work-dir", "target/quickstart")).toAbsolutePath();
        EmbeddedMySql embeddedMySql = null;
        MySqlClient mysql;
        if (options.containsKey("mysql-host")) {
            mysql = externalMySql();
        } else {
            step("Starting an embedded MariaDB (binlog ROW) in " + workDir.resolve("mysql"));
            embeddedMySql = EmbeddedMySql.start(workDir.resolve("mysql"));
            mysql = embeddedMySql.client();
            mysql.runSqlScript("emp_shards.sql");
        }
        try (DorisTarget doris = doris()) {
            step("MySQL at " + mysql.host() + ":" + mysql.port() + ", Doris FE at " + doris.fenodes());
            long employees = mysql.queryLong(SHARD_COUNT);
            step(employees + " employees in emp_1.employees_1, emp_1.employees_2, emp_2.employees_1, emp_2.employees_2");

            Path pipelineFile = Paths.get(options.getOrDefault("pipeline", "pipeline-examples/mysql-shards-to-doris.yaml"));
            step("Running " + pipelineFile + " with a checkpoint every "
                    + options.getOrDefault("checkpoint-interval", "2s"));
            try (RunningPipeline pipeline =
                    LocalPipelineRunner.builder(pipelineFile)
                            .variables(variables(mysql, doris))
                            .checkpointInterval(
                                    TimeUtils.parseDuration(options.getOrDefault("checkpoint-interval", "2s")))
                            .checkpointDir(workDir.resolve("checkpoints"))
                            .start()) {
                step("Job " + pipeline.jobId() + " submitted; Doris shows rows once a checkpoint commits them");
                awaitCount(pipeline, doris, "the snapshot of all shards", n -> n == employees);

                mysql.execute("DELETE FROM emp_2.employees_2 WHERE emp_no IN (10085, 10086, 10087)");
                step("MySQL: deleted employees 10085, 10086, 10087 from emp_2.employees_2");
                awaitCount(pipeline, doris, "the three deletes", n -> n == employees - 3);

                mysql.execute(
                        "INSERT INTO emp_1.employees_2 VALUES"
                                + " (10117, '1990-04-01', 'Ada', 'Lovelace', 'F', '2024-06-01')");
                step("MySQL: inserted employee 10117 into emp_1.employees_2");
                awaitCount(pipeline, doris, "the insert", n -> n == employees - 2);

                mysql.execute("UPDATE emp_1.employees_1 SET last_name = 'Facello-Smith' WHERE emp_no = 10001");
                step("MySQL: renamed employee 10001 to Facello-Smith in emp_1.employees_1");
                pipeline.awaitUntil(
                        "Doris shows the update",
                        timeout,
                        () -> employee(doris, 10001).map(r -> "Facello-Smith".equals(r.get("last_name")))
                                .orElse(false));
                step("Doris: employee 10001 is now " + employee(doris, 10001).orElseThrow());

                printTable(sortedRows(doris));
                step("Stopping the job (its last checkpoint stays in " + workDir.resolve("checkpoints") + ")");
            }
        } finally {
            if (embeddedMySql != null) {
                embeddedMySql.stop();
            }
        }
        step("Done");
    }

    private void awaitCount(RunningPipeline pipeline, DorisTarget doris, String what, LongPredicate expected) {
        long[] last = {-1};
        pipeline.awaitUntil(
                "Doris shows " + what,
                timeout,
                () -> {
                    long count = doris.rows(DB, TABLE).size();
                    if (count != last[0]) {
                        step("Doris: " + DB + "." + TABLE + " has " + count + " rows");
                        last[0] = count;
                    }
                    return expected.test(count);
                });
    }

    private MySqlClient externalMySql() {
        MySqlClient mysql =
                new MySqlClient(
                        options.get("mysql-host"),
                        Integer.parseInt(options.getOrDefault("mysql-port", "3306")),
                        options.getOrDefault("mysql-user", "root"),
                        options.getOrDefault("mysql-password", ""));
        if (mysql.query("SHOW DATABASES LIKE 'emp_1'").isEmpty()) {
            step("Loading emp_shards.sql into MySQL at " + mysql.host() + ":" + mysql.port());
            mysql.runSqlScript("emp_shards.sql");
        } else {
            step("MySQL at " + mysql.host() + ":" + mysql.port() + " already has emp_1: using it as it is");
        }
        return mysql;
    }

    private DorisTarget doris() {
        if (options.containsKey("doris-fenodes")) {
            return DorisTarget.cluster(
                    options.get("doris-fenodes"),
                    Integer.parseInt(options.getOrDefault("doris-query-port", "9030")),
                    options.getOrDefault("doris-user", "root"),
                    options.getOrDefault("doris-password", ""));
        }
        step("Starting the Doris test server (an in-process FE and BE speaking Doris's HTTP protocols)");
        return DorisTarget.testServer("root", "quickstart");
    }

    private static Map<String, String> variables(MySqlClient mysql, DorisTarget doris) {
        Map<String, String> variables = new HashMap<>();
        variables.put("MYSQL_HOST", mysql.host());
        variables.put("MYSQL_PORT", String.valueOf(mysql.port()));
        variables.put("MYSQL_USER", mysql.user());
        variables.put("MYSQL_PASSWORD", mysql.password());
        variables.put("DORIS_FENODES", doris.fenodes());
        variables.put("DORIS_USER", doris.user());
        variables.put("DORIS_PASSWORD", doris.password());
        return variables;
    }

    private static Optional<Map<String, Object>> employee(DorisTarget doris, int empNo) {
        return doris.rows(DB, TABLE).stream()
                .filter(row -> String.valueOf(empNo).equals(String.valueOf(row.get("emp_no"))))
                .findFirst();
    }

    private static List<Map<String, Object>> sortedRows(DorisTarget doris) {
        List<Map<String, Object>> rows = new ArrayList<>(doris.rows(DB, TABLE));
        rows.sort(Comparator.comparingLong(row -> Long.parseLong(String.valueOf(row.get("emp_no")))));
        return rows;
    }

    private static void printTable(List<Map<String, Object>> rows) {
        step(DB + "." + TABLE + " in Doris, " + rows.size() + " rows:");
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        Map<String, Integer> widths = new HashMap<>();
        for (String column : columns) {
            int width = column.length();
            for (Map<String, Object> row : rows) {
                width = Math.max(width, String.valueOf(row.get(column)).length());
            }
            widths.put(column, width);
        }
        StringBuilder header = new StringBuilder();
        for (String column : columns) {
            header.append(String.format("%-" + widths.get(column) + "s  ", column));
        }
        System.out.println(header.toString().stripTrailing());
        for (Map<String, Object> row : rows) {
            StringBuilder line = new StringBuilder();
            for (String column : columns) {
                line.append(String.format("%-" + widths.get(column) + "s  ", row.get(column)));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }

    private static void step(String message) {
        System.out.printf("[quickstart %tT] %s%n", System.currentTimeMillis(), message);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || !OPTIONS.contains(args[i].substring(2)) || i + 1 == args.length) {
                throw new IllegalArgumentException(
                        "Usage: ./quickstart.sh [--option value]..., ./quickstart.sh --help lists the options;"
                                + " wrong argument: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
