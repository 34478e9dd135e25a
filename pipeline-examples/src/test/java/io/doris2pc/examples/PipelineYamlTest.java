package io.doris2pc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.flink.cdc.common.pipeline.PipelineOptions;
import org.apache.flink.cdc.composer.definition.PipelineDef;
import org.apache.flink.cdc.composer.definition.TransformDef;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

class PipelineYamlTest {

    private static final Map<String, String> VARIABLES =
            Map.of(
                    "MYSQL_HOST", "127.0.0.1",
                    "MYSQL_PORT", "3307",
                    "MYSQL_USER", "cdc",
                    "MYSQL_PASSWORD", "cdc-pw",
                    "DORIS_FENODES", "127.0.0.1:8030",
                    "DORIS_USER", "root",
                    "DORIS_PASSWORD", "doris-pw");

    @Test
    void referencePipelineMergesAllShardsKeepingTheirOrigin() {
        PipelineDef pipeline = PipelineYaml.load(example("mysql-shards-to-doris.yaml"), VARIABLES).parse();

        assertSourceAndSink(pipeline, "emp_shards");
        TransformDef transform = onlyTransform(pipeline);
        assertNull(transform.getPrimaryKeys(), "the merged table keeps the shards' key, emp_no");
        assertEquals("MySQL shards to Doris (doris2pc)", pipeline.getConfig().get(PipelineOptions.PIPELINE_NAME));
    }

    @Test
    void overlappingKeysPipelineKeysRowsByTheirOrigin() {
        PipelineDef pipeline =
                PipelineYaml.load(example("mysql-shards-to-doris-overlapping-keys.yaml"), VARIABLES).parse();

        assertSourceAndSink(pipeline, "emp_shards_by_origin");
        assertEquals("emp_no, database_name, table_name", onlyTransform(pipeline).getPrimaryKeys());
    }

    @Test
    void aPlaceholderWithoutValueIsNamed() {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PipelineYaml.of("source:\n  hostname: ${NO_SUCH_HOST_VARIABLE}\n", Map.of(), "t.yaml"));

        assertEquals(
                "No value for the placeholders [NO_SUCH_HOST_VARIABLE] of t.yaml"
                        + " (give them as variables, Java system properties or environment variables)",
                error.getMessage());
    }

    private static void assertSourceAndSink(PipelineDef pipeline, String labelPrefix) {
        assertEquals("mysql", pipeline.getSource().getType());
        Map<String, String> source = pipeline.getSource().getConfig().toMap();
        assertEquals("127.0.0.1", source.get("hostname"));
        assertEquals("3307", source.get("port"));
        assertEquals("emp_[0-9]+.employees_[0-9]+", source.get("tables"));
        assertEquals("UTC", source.get("server-time-zone"));

        List<String> routes =
                pipeline.getRoute().stream()
                        .map(r -> r.getSourceTable() + " -> " + r.getSinkTable())
                        .collect(Collectors.toList());
        assertEquals(List.of("emp_[0-9]+.employees_[0-9]+ -> demo.all_employees_info"), routes);

        assertEquals("doris2pc", pipeline.getSink().getType());
        assertEquals(
                Map.of(
                        "fenodes", "127.0.0.1:8030",
                        "username", "root",
                        "password", "doris-pw",
                        "sink.label-prefix", labelPrefix,
                        "table.create.properties.replication_num", "1"),
                pipeline.getSink().getConfig().toMap());
        assertEquals(1, pipeline.getConfig().get(PipelineOptions.PIPELINE_PARALLELISM));
    }

    private static TransformDef onlyTransform(PipelineDef pipeline) {
        assertEquals(1, pipeline.getTransforms().size());
        TransformDef transform = pipeline.getTransforms().get(0);
        assertEquals("emp_[0-9]+.employees_[0-9]+", transform.getSourceTable());
        assertEquals(
                "*, __schema_name__ AS database_name, __table_name__ AS table_name",
                transform.getProjection().orElseThrow());
        return transform;
    }

    private static Path example(String name) {
        // Surefire and the IDE run tests from the module directory.
        return Paths.get(name).toAbsolutePath();
    }
}
