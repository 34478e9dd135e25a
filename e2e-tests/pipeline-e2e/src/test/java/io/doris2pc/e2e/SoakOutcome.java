package io.doris2pc.e2e;

/**
 * How one soak run ended. Rows lost: source rows Doris lacks or holds with other values, deletes Doris did not
 * apply, change log rows Doris lacks. Rows doubled: change log rows Doris holds more than once. Lingering: the
 * job's transactions still PREPARE or PRECOMMITTED once it was quiet. Failure: what else went wrong (the job
 * failed for good, a wait timed out, a commit of no completed checkpoint), or null.
 */
final class SoakOutcome {

    final int lost;
    final int doubled;
    final int lingering;
    final String failure;
    final int transactions;
    /** The Doris fault as injected, with its size. */
    final String dorisFault;

    SoakOutcome(int lost, int doubled, int lingering, String failure, int transactions, String dorisFault) {
        this.lost = lost;
        this.doubled = doubled;
        this.lingering = lingering;
        this.failure = failure;
        this.transactions = transactions;
        this.dorisFault = dorisFault;
    }

    boolean clean() {
        return lost == 0 && doubled == 0 && lingering == 0 && failure == null;
    }

    @Override
    public String toString() {
        return "Doris fault: " + dorisFault + "; " + transactions + " source transactions, " + lost + " lost, " + doubled + " doubled, " + lingering + " lingering"
                + (failure == null ? "" : ", failed: " + failure);
    }
}
