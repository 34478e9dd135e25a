package io.doris2pc.connector.serialize;

import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypeChecks;
import org.apache.flink.cdc.common.types.DataTypeRoot;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A DECIMAL value that does not fit the Doris column (a narrower table that existed before the pipeline) fails before
 * Doris sees it: Doris would load it clamped to the column's limit or with digits dropped (BE
 * {@code util/string_parser.hpp string_to_decimal}, apache/doris#39864), a value never written at the source.
 */
final class DecimalFit {

    private DecimalFit() {}

    /** {@code writer} with the check in front when the source type may hold values the Doris column cannot. */
    static ValueWriter guard(DataType type, int[] doris, String dorisColumn, ValueWriter writer) {
        if (type.getTypeRoot() != DataTypeRoot.DECIMAL || doris == null) {
            return writer;
        }
        int precision = DataTypeChecks.getPrecision(type);
        int scale = DataTypeChecks.getScale(type);
        int dorisPrecision = doris[0];
        int dorisScale = doris[1];
        if (precision - scale <= dorisPrecision - dorisScale && scale <= dorisScale) {
            return writer;
        }
        return (row, pos, out) -> {
            BigDecimal value = row.getDecimal(pos, precision, scale).toBigDecimal();
            BigDecimal rounded = value.setScale(dorisScale, RoundingMode.HALF_UP);
            if (rounded.precision() - rounded.scale() > dorisPrecision - dorisScale) {
                throw new IllegalArgumentException("the value " + value.toPlainString() + " does not fit the Doris column `"
                        + dorisColumn + "` DECIMAL(" + dorisPrecision + ", " + dorisScale + "), which Doris would load "
                        + "as another value (clamped or with digits dropped): widen the Doris column (ALTER TABLE ... "
                        + "MODIFY COLUMN `" + dorisColumn + "` DECIMAL(" + Math.max(precision - scale + dorisScale,
                                dorisPrecision) + ", " + dorisScale + ")) or route the table to a new one");
            }
            writer.write(row, pos, out);
        };
    }
}
