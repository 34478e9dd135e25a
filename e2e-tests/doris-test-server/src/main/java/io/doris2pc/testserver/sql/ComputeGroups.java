package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.DorisSqlException;
import io.doris2pc.testserver.cluster.ClusterSettings;
import io.doris2pc.testserver.cluster.DorisVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code SHOW CLUSTERS} (3.0.0+) and {@code SHOW COMPUTE GROUPS} (3.0.2+), as the FE's {@code ShowClusterStmt} with
 * {@code ShowExecutor.handleShowCluster} and the later nereids {@code ShowClustersCommand} answer them. In cloud mode
 * any user may run them and sees the compute groups it has USAGE on (here every account may use the one group).
 * Outside cloud mode they need ADMIN, then refuse with ERR_NOT_CLOUD_MODE; from 4.1.4 they list the BEs' location
 * tags instead (apache/doris docs, sql-statements/cluster-management/compute-management/SHOW-COMPUTE-GROUPS).
 */
final class ComputeGroups {
    /** The one compute group, or location tag, the server's one BE belongs to. */
    static final String GROUP = "default_compute_group";
    static final String LOCATION_TAG = "default";

    /** ErrorCode.ERR_NOT_CLOUD_MODE (6000). */
    static final String NOT_CLOUD_MODE = "Command only support in cloud mode.";

    private ComputeGroups() {}

    /** @param computeGroups SHOW COMPUTE GROUPS rather than SHOW CLUSTERS */
    static Relation show(boolean computeGroups, ClusterSettings settings, Access access) {
        if (settings.cloudMode) {
            return cloud(computeGroups, settings);
        }
        if (settings.versionAtLeast(4, 1, 4)) {
            return locationTags(computeGroups);
        }
        access.requireAdmin();
        throw new DorisSqlException(NOT_CLOUD_MODE);
    }

    /** Whether the release parses the statement at all (cloud mode came with 3.0.0, the new name with 3.0.2). */
    static boolean known(boolean computeGroups, ClusterSettings settings) {
        return computeGroups ? settings.versionAtLeast(3, 0, 2) : settings.versionAtLeast(3, 0, 0);
    }

    private static Relation cloud(boolean computeGroups, ClusterSettings settings) {
        List<String> columns = new ArrayList<>(computeGroups
                ? Arrays.asList("Name", "IsCurrent", "Users", "BackendNum")
                : Arrays.asList("cluster", "is_current", "users", "backend_num"));
        // master's ShowClustersCommand (the NEWER line) has virtual compute groups' three more columns
        if (settings.version() == DorisVersion.NEWER) {
            columns.addAll(computeGroups
                    ? Arrays.asList("SubComputeGroups", "Policy", "Properties")
                    : Arrays.asList("sub_clusters", "policy", "properties"));
        }
        List<Object> values = new ArrayList<>(Arrays.asList(GROUP, "TRUE", "", "1", "", "", "{}"));
        return relation(columns, values.subList(0, columns.size()));
    }

    private static Relation locationTags(boolean computeGroups) {
        List<String> columns = computeGroups
                ? Arrays.asList("Name", "BackendNum")
                : Arrays.asList("cluster", "backend_num");
        return relation(columns, Arrays.asList(LOCATION_TAG, "1"));
    }

    private static Relation relation(List<String> columns, List<Object> values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), values.get(i));
        }
        return new Relation("compute_groups", columns, Collections.nCopies(columns.size(), "varchar"),
                Collections.singletonList(row));
    }
}
