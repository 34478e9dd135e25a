package io.doris2pc.e2e.chaos;

import java.io.Serializable;

/** The chaos options of one sink, as every operator of the job receives them. */
final class ChaosSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ChaosRun run;
    private final FailurePoint failure;
    private final int writeAfterRecords;

    ChaosSettings(ChaosRun run, FailurePoint failure, int writeAfterRecords) {
        if (writeAfterRecords < 1) {
            throw new IllegalArgumentException(
                    ChaosOptions.WRITE_AFTER_RECORDS.key() + " must be at least 1, got " + writeAfterRecords);
        }
        this.run = run;
        this.failure = failure;
        this.writeAfterRecords = writeAfterRecords;
    }

    ChaosRun run() {
        return run;
    }

    FailurePoint failure() {
        return failure;
    }

    int writeAfterRecords() {
        return writeAfterRecords;
    }
}
