package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.DorisSqlException;
import io.doris2pc.testserver.SqlResult;
import io.doris2pc.testserver.cluster.ClusterSettings;
import java.util.List;
import java.util.Locale;

/**
 * {@code SELECT @@variable}: the read-only variables clients ask for. {@code version_comment} is the FE's
 * GlobalVariable.versionComment, {@code "Doris version " + DORIS_BUILD_VERSION + "-" + DORIS_BUILD_SHORT_HASH}
 * (fe/fe-core/src/main/java/org/apache/doris/qe/GlobalVariable.java), e.g. {@code Doris version doris-3.0.5-rc01-abc1234}.
 */
final class SystemVariables {
    private static final String SHORT_HASH = "0d2b1c9";

    private SystemVariables() {}

    static SqlResult select(Tokens t, ClusterSettings settings) {
        String name = t.next().text;
        t.acceptSymbol(";");
        t.expectEnd();
        String variable = name.substring(2).toLowerCase(Locale.ROOT);
        if (variable.equals("version_comment")) {
            String value = "Doris version doris-" + settings.release + "-rc01-" + SHORT_HASH;
            return SqlResult.resultSet(List.of(name), List.of("VARCHAR"), List.of(List.of(value)));
        }
        throw new DorisSqlException("Unknown system variable '" + name.substring(2) + "'");
    }
}
