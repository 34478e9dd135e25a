package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code compress_type} by Doris's rules: be/src/util/load_util.cpp (LoadUtil::parse_format) and
 * be/src/http/action/stream_load.cpp (_on_header refused compressed JSON before apache/doris#48990, in 3.0.5).
 */
class CompressedLoadsTest {
    private static final String ROWS = "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n";

    @Test
    void doris305ReadsGzipJsonAndCountsTheBytesOnTheWire() throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().dorisVersion("3.0.5").start()) {
            TestTables.createUsers(server, "db", "t");
            byte[] body = gzip(ROWS);
            JsonNode answer = new DorisHttp(server).loadBytesToBe("db", "t", Map.of("format", "json",
                    "read_json_by_line", "true", "compress_type", "GZ", "label", "gz1"), body);
            assertEquals("Success", answer.path("Status").asText(), answer.toString());
            assertEquals(2, answer.path("NumberLoadedRows").asLong());
            assertEquals(body.length, answer.path("LoadBytes").asLong());
            assertEquals(2, server.rows("db", "t").size());
        }
    }

    /** LZ4 is LZ4FRAME to the BE (LoadUtil::parse_format): one LZ4 frame, read by Lz4FrameDecompressor. */
    @Test
    void doris305ReadsAnLz4FrameOfJsonLines() throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().dorisVersion("3.0.5").start()) {
            TestTables.createUsers(server, "db", "t");
            byte[] body = lz4Frame(ROWS);
            JsonNode answer = new DorisHttp(server).loadBytesToBe("db", "t", Map.of("format", "json",
                    "read_json_by_line", "true", "compress_type", "LZ4", "label", "lz1"), body);
            assertEquals("Success", answer.path("Status").asText(), answer.toString());
            assertEquals(2, answer.path("NumberLoadedRows").asLong());
            assertEquals(body.length, answer.path("LoadBytes").asLong());
            assertEquals("b", server.rows("db", "t").get(1).get("name"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gz", "lz4"})
    void doris21RefusesCompressedJsonBeforeBeginningATransaction(String codec) throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().dorisVersion("2.1.10").start()) {
            TestTables.createUsers(server, "db", "t");
            JsonNode answer = new DorisHttp(server).loadBytesToBe("db", "t", Map.of("format", "json",
                    "read_json_by_line", "true", "compress_type", codec, "label", "c1"),
                    codec.equals("gz") ? gzip(ROWS) : lz4Frame(ROWS));
            assertEquals("Fail", answer.path("Status").asText());
            assertEquals("[INTERNAL_ERROR]compress data of JSON format is not supported.",
                    answer.path("Message").asText());
            assertTrue(server.transactions("db").isEmpty(), server.transactions("db").toString());
        }
    }

    @Test
    void everyVersionReadsGzipCsv() throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().dorisVersion("2.1.10").start()) {
            TestTables.createUsers(server, "db", "t");
            JsonNode answer = new DorisHttp(server).loadBytesToBe("db", "t", Map.of("format", "csv",
                    "column_separator", ",", "columns", "id,name", "compress_type", "gz", "label", "csv1"),
                    gzip("1,a\n2,b\n3,c\n"));
            assertEquals("Success", answer.path("Status").asText(), answer.toString());
            assertEquals(3, server.rows("db", "t").size());
        }
    }

    @Test
    void csvWithACompressionDorisDoesNotNameIsAnUnknownFormat() throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().start()) {
            TestTables.createUsers(server, "db", "t");
            JsonNode answer = new DorisHttp(server).loadBytesToBe("db", "t", Map.of("format", "csv",
                    "compress_type", "zip", "label", "csv1"), "1,a\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("[INTERNAL_ERROR]unknown data format, format=csv", answer.path("Message").asText());
        }
    }

    @Test
    void versionCommentNamesTheModelledRelease() throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().dorisVersion("3.1.2").start()) {
            JsonNode envelope = new DorisHttp(server).sql("information_schema", "SELECT @@version_comment");
            assertEquals(List.of("Doris version doris-3.1.2-rc01-0d2b1c9"),
                    DorisHttp.JSON.convertValue(envelope.path("data").path("data").get(0), List.class));
        }
    }

    private static byte[] lz4Frame(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(bytes)) {
            lz4.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
