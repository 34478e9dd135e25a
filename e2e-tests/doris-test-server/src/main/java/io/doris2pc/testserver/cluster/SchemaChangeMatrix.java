package io.doris2pc.testserver.cluster;

import java.util.Map;
import java.util.Set;

/**
 * Which column type may become which in MODIFY COLUMN: FE {@code catalog/ColumnType.schemaChangeMatrix} (the same
 * at 2.1, 3.0 and master for the types modelled here), by FE primitive type: DECIMAL is DECIMAL32/64/128 by
 * precision, DATE and DATETIME are DATEV2 and DATETIMEV2. A type may always stay itself, except ARRAY, MAP and
 * STRUCT in 2.1.
 */
final class SchemaChangeMatrix {
    private static final Set<String> NUMBERS_AND_TEXT =
            Set.of("TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT", "FLOAT", "DOUBLE", "VARCHAR", "STRING");

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("TINYINT", Set.of("SMALLINT", "INT", "BIGINT", "LARGEINT", "FLOAT", "DOUBLE", "VARCHAR", "STRING")),
            Map.entry("SMALLINT", Set.of("INT", "BIGINT", "LARGEINT", "FLOAT", "DOUBLE", "VARCHAR", "STRING")),
            Map.entry("INT", Set.of("BIGINT", "LARGEINT", "FLOAT", "DOUBLE", "VARCHAR", "STRING")),
            Map.entry("BIGINT", Set.of("LARGEINT", "FLOAT", "DOUBLE", "VARCHAR", "STRING")),
            Map.entry("LARGEINT", Set.of("FLOAT", "DOUBLE", "VARCHAR", "STRING")),
            Map.entry("FLOAT", Set.of("DOUBLE", "VARCHAR", "STRING")),
            Map.entry("DOUBLE", Set.of("VARCHAR", "STRING")),
            Map.entry("VARCHAR", Set.of("TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT", "FLOAT", "DOUBLE", "DATEV2",
                    "STRING", "JSON")),
            Map.entry("CHAR", NUMBERS_AND_TEXT),
            Map.entry("STRING", Set.of("JSON")),
            Map.entry("JSON", Set.of("STRING", "VARCHAR")),
            Map.entry("DECIMAL32", Set.of("VARCHAR", "STRING", "DECIMAL64", "DECIMAL128")),
            Map.entry("DECIMAL64", Set.of("VARCHAR", "STRING", "DECIMAL32", "DECIMAL128")),
            Map.entry("DECIMAL128", Set.of("VARCHAR", "STRING", "DECIMAL32", "DECIMAL64")),
            Map.entry("DATEV2", Set.of("DATETIMEV2")),
            Map.entry("DATETIMEV2", Set.of("DATEV2")));

    private SchemaChangeMatrix() {}

    static boolean allows(ColumnType from, ColumnType to, DorisVersion version) {
        String a = from.primitiveDescription();
        String b = to.primitiveDescription();
        if (from.kind().isComplex() || to.kind().isComplex()) {
            // 2.1 refuses every change of a complex column; 3.0 allows the same type only (Column.checkSchemaChangeAllowed)
            return version != DorisVersion.V2_1 && from.equals(to);
        }
        return a.equals(b) || ALLOWED.getOrDefault(a, Set.of()).contains(b);
    }
}
