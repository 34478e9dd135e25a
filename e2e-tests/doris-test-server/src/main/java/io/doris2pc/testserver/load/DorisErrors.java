package io.doris2pc.testserver.load;

import io.doris2pc.testserver.cluster.ClusterSettings;

/** How the BE words an error that came from the FE, in the 2.x/3.x form or the older one. */
final class DorisErrors {
    private DorisErrors() {}

    /** {@code [ANALYSIS_ERROR]TStatus: errCode = 2, detailMessage = ...} (older: without prefix and TStatus). */
    static String loadMessage(ClusterSettings settings, String detail) {
        String core = "errCode = 2, detailMessage = " + detail;
        return settings.legacyErrorStyle ? core : "[ANALYSIS_ERROR]TStatus: " + core;
    }

    /**
     * {@code [NOT_FOUND]TStatus: errCode = 7, detailMessage = ...}: the FE's MetaNotFoundException, e.g. an unknown
     * database on load (BE {@code common/status.h Status::create(TStatus)} prepends {@code TStatus: }).
     */
    static String notFound(ClusterSettings settings, String detail) {
        String core = "errCode = 7, detailMessage = " + detail;
        return settings.legacyErrorStyle ? core : "[NOT_FOUND]TStatus: " + core;
    }

    /**
     * {@code [LABEL_ALREADY_EXISTS]TStatus: errCode = 2, detailMessage = Label [L] has already been used, ...}: the
     * BE's {@code Status::create(TStatus)} prepends {@code TStatus: } (2.1 on, {@code common/status.h}).
     */
    static String labelExists(ClusterSettings settings, String detail) {
        String core = "errCode = 2, detailMessage = " + detail;
        return settings.legacyErrorStyle ? core : "[LABEL_ALREADY_EXISTS]TStatus: " + core;
    }

    /** The 2PC error status: ANALYSIS_ERROR, or Fail in the older form. */
    static String twoPhaseStatus(ClusterSettings settings) {
        return settings.legacyErrorStyle ? "Fail" : "ANALYSIS_ERROR";
    }

    /** The 2PC error text: {@code TStatus: errCode = 2, detailMessage = ...} (older: without TStatus). */
    static String twoPhaseMessage(ClusterSettings settings, String detail) {
        String core = "errCode = 2, detailMessage = " + detail;
        return settings.legacyErrorStyle ? core : "TStatus: " + core;
    }

    /** Malformed 2PC requests: INTERNAL_ERROR, or Fail in the older form. */
    static String internalStatus(ClusterSettings settings) {
        return settings.legacyErrorStyle ? "Fail" : "INTERNAL_ERROR";
    }
}
