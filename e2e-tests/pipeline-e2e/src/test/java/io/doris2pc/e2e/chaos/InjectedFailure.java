package io.doris2pc.e2e.chaos;

/** The failure a {@code doris2pc-chaos} sink throws; its message names the point and the chaos directory. */
public final class InjectedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InjectedFailure(FailurePoint point, String where) {
        super("doris2pc-chaos: injected failure at " + point + " (" + where + ")");
    }
}
