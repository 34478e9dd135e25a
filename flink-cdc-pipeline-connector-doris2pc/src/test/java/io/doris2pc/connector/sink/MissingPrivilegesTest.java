package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.auth.Privilege;

import org.apache.flink.api.common.JobID;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.exceptions.SchemaEvolveException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Doris user that may read but not create or load: the first DDL or load fails with Doris's reason and the fix. */
class MissingPrivilegesTest {

    private final EmployeeEvents employees = new EmployeeEvents("demo", "employees");
    private DorisTestServer server;
    private Doris2pcSinkConfig reader;

    @BeforeEach
    void start() {
        server = DorisTestServer.builder().user("root").password("root-pw")
                .account("reader", "reader-pw", Privilege.SELECT)
                .start();
        reader = config("reader", "reader-pw");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void creatingATableWithoutCreateFailsNamingUserAndGrant() {
        server.sql("", "CREATE DATABASE demo");
        SchemaEvolveException e = assertThrows(SchemaEvolveException.class,
                () -> new Doris2pcMetadataApplier(reader).applySchemaChange(employees.create()));
        // Doris checks CREATE on the database even for CREATE DATABASE IF NOT EXISTS of an existing one
        assertTrue(e.getExceptionMessage().contains("Access denied for user 'reader' to database 'demo'"),
                e.getExceptionMessage());
        assertTrue(e.getExceptionMessage().contains("GRANT"), e.getExceptionMessage());
        assertFalse(server.tableExists("demo", "employees"));
    }

    @Test
    void loadingWithoutLoadFailsNamingTableAndGrantBeforeAnyTransactionBegins() throws Exception {
        new Doris2pcMetadataApplier(config("root", "root-pw")).applySchemaChange(employees.create());
        try (Doris2pcWriter writer = new Doris2pcWriter(reader, LabelNamespace.newRunId(), TestInitContext.fresh(new JobID()), List.of())) {
            writer.write(employees.create(), NoWriteContext.INSTANCE);
            IOException e = assertThrows(IOException.class, () -> writer.write(employees.insert(1, "Georgi"), NoWriteContext.INSTANCE));
            assertTrue(e.getMessage().contains("demo.employees"), e.getMessage());
            assertTrue(e.getMessage().contains("Admin_priv,Load_priv"), e.getMessage());
            assertTrue(e.getMessage().contains("GRANT"), e.getMessage());
        }
        assertTrue(server.transactions().isEmpty());
    }

    private Doris2pcSinkConfig config(String user, String password) {
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", server.feAddress());
        options.put("username", user);
        options.put("password", password);
        options.put("table.create.properties.replication_num", "1");
        return Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC"));
    }
}
