package io.doris2pc.testserver.cluster;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;

/** Orders stored values as Doris sorts them: NULL first, numbers by value, text by its characters. */
public final class ValueOrder implements Comparator<Object> {
    public static final ValueOrder INSTANCE = new ValueOrder();

    @Override
    public int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        BigDecimal da = asNumber(a);
        BigDecimal db = asNumber(b);
        if (da != null && db != null) {
            return da.compareTo(db);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    /** The value as a number when it is one or reads as one, else null. */
    public static BigDecimal asNumber(Object v) {
        if (v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof Long || v instanceof Integer) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger) {
            return new BigDecimal((BigInteger) v);
        }
        if (v instanceof Double) {
            return BigDecimal.valueOf((Double) v);
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return null;
    }
}
