package io.doris2pc.connector.serialize;

import io.doris2pc.connector.config.NonFiniteFloatPolicy;

import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypeRoot;

/**
 * NaN and ±Infinity in FLOAT/DOUBLE columns: Doris's cast turns them into NULL (BE {@code read_float_text_fast_impl}),
 * so they never reach Doris as written. Either the row fails, naming the value, or NULL is written and counted.
 */
public final class NonFiniteFloats {

    /** The option that chooses, named in the failure. */
    public static final String OPTION = "sink.non-finite-floats";

    private final NonFiniteFloatPolicy policy;
    private final Runnable storedAsNull;

    /** @param storedAsNull called for each value written as NULL under {@link NonFiniteFloatPolicy#STORE_NULL} */
    public NonFiniteFloats(NonFiniteFloatPolicy policy, Runnable storedAsNull) {
        this.policy = policy;
        this.storedAsNull = storedAsNull;
    }

    /** {@code writer} of a top-level FLOAT/DOUBLE column with the check in front; other types unchanged. */
    ValueWriter guard(DataType type, ValueWriter writer) {
        DataTypeRoot root = type.getTypeRoot();
        if (root != DataTypeRoot.FLOAT && root != DataTypeRoot.DOUBLE) {
            return writer;
        }
        boolean isFloat = root == DataTypeRoot.FLOAT;
        return (row, pos, out) -> {
            double value = isFloat ? row.getFloat(pos) : row.getDouble(pos);
            if (Double.isFinite(value)) {
                writer.write(row, pos, out);
            } else if (policy == NonFiniteFloatPolicy.STORE_NULL) {
                out.write(JsonText.NULL);
                storedAsNull.run();
            } else {
                throw new IllegalArgumentException("the value " + value + " is not a number Doris can store (it would "
                        + "load NULL in its place): clean the value at the source, or set '" + OPTION + ": "
                        + NonFiniteFloatPolicy.STORE_NULL + "' to load NULL and count it in the metric "
                        + "dorisNonFiniteFloatsStoredAsNull");
            }
        };
    }
}
