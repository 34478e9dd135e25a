package io.doris2pc.testserver.cluster;

/** The outcome of reading one value into a column type. */
public final class Converted {
    /** Why a value was not taken. */
    public enum Problem {
        NONE,
        /** The cast fails ("abc" or 2000 for TINYINT); NULL when strict mode is off. */
        NOT_CONVERTIBLE,
        /** A value the cast accepts but the column cannot hold (too long, beyond DECIMAL precision); always filtered. */
        DOES_NOT_FIT
    }

    private final Object value;
    private final Problem problem;
    private final String reason;
    private final Object clamped;

    private Converted(Object value, Problem problem, String reason, Object clamped) {
        this.value = value;
        this.problem = problem;
        this.reason = reason;
        this.clamped = clamped;
    }

    static Converted of(Object value) {
        return new Converted(value, Problem.NONE, null, null);
    }

    static Converted notConvertible(String reason) {
        return new Converted(null, Problem.NOT_CONVERTIBLE, reason, null);
    }

    static Converted doesNotFit(String reason) {
        return new Converted(null, Problem.DOES_NOT_FIT, reason, null);
    }

    /** Does not fit, and Doris's cast would load {@code clamped} in its place (a DECIMAL beyond its precision). */
    static Converted doesNotFit(String reason, Object clamped) {
        return new Converted(null, Problem.DOES_NOT_FIT, reason, clamped);
    }

    public Object value() {
        return value;
    }

    public Problem problem() {
        return problem;
    }

    public boolean ok() {
        return problem == Problem.NONE;
    }

    /** The value Doris loads for a value that does not fit, or null when it filters the row. */
    public Object clamped() {
        return clamped;
    }

    public String reason() {
        return reason;
    }
}
