package io.doris2pc.connector.client;

import java.io.IOException;

/**
 * Tells whether Doris runs storage-compute separated ("cloud" mode) from what any user may run: {@code SHOW CLUSTERS}
 * (Doris 3.0.0 on; {@code SHOW COMPUTE GROUPS} is its 3.0.2+ synonym and unknown to 3.0.0/3.0.1).
 *
 * <p>From Doris's FE ({@code ShowClusterStmt.analyze} with {@code ShowExecutor.handleShowCluster}, later the
 * nereids {@code ShowClustersCommand}): in cloud mode it needs no privilege and lists the compute groups the user
 * has USAGE on, with the columns {@code cluster, is_current, users, backend_num[, sub_clusters, policy,
 * properties]}, an empty list included. Outside cloud mode it asks for ADMIN or NODE first ("Access denied; you
 * need (at least one of) the (ADMIN) privilege(s) for this operation"), then refuses with ERR_NOT_CLOUD_MODE
 * ("Command only support in cloud mode."); from 4.1.4 it answers there too, with the BEs' location tags as
 * {@code cluster, backend_num} and no {@code is_current}. Before 3.0 there is no cloud mode. So: cloud mode is an
 * answer with an {@code is_current} column, and any refusal means none.
 */
public final class DorisCloudMode {

    static final String QUERY = "SHOW CLUSTERS";

    /** The column only cloud mode's answer has. */
    private static final String CLOUD_COLUMN = "is_current";

    private DorisCloudMode() {}

    /** @throws IOException when the FE did not answer at all */
    public static boolean detect(DorisHttpClient client) throws IOException {
        QueryResult clusters;
        try {
            clusters = client.execute("information_schema", QUERY);
        } catch (DorisSqlException e) {
            return false;
        }
        return clusters.columns().stream().anyMatch(CLOUD_COLUMN::equalsIgnoreCase);
    }
}
