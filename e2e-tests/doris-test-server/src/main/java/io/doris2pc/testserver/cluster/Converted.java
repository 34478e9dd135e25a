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

    private Converted(Object value, Problem problem, String reason) {
        this.value = value;
        this.problem = problem;
        this.reason = reason;
    }

    static Converted of(Object value) {
        return new Converted(value, Problem.NONE, null);
    }

    static Converted notConvertible(String reason) {
        return new Converted(null, Problem.NOT_CONVERTIBLE, reason);
    }

    static Converted doesNotFit(String reason) {
        return new Converted(null, Problem.DOES_NOT_FIT, reason);
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

    public String reason() {
        return reason;
    }
}
