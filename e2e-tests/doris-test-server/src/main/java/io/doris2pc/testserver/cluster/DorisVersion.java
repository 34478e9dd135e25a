package io.doris2pc.testserver.cluster;

/**
 * The Doris release whose behaviour the server follows where releases differ. Doris's release branches are not in
 * the sources we read, so each release stands for apache/doris master near it: 2.1 for 2024-03 ({@code 37ef2e33}),
 * 3.0 for 2024-06..09 ({@code 18a9b7bc}, {@code 83e12a84}), newer for 2026-01 ({@code 67714700}).
 */
public enum DorisVersion {
    V2_1,
    V3_0,
    NEWER;

    /** The line a release {@code major.minor.patch} belongs to: before 3.0 is 2.1, 3.0.x is 3.0, later is newer. */
    public static DorisVersion of(String release) {
        String[] parts = release.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        if (major < 3) {
            return V2_1;
        }
        return major == 3 && minor == 0 ? V3_0 : NEWER;
    }

    /** The release the server reports for this line ({@code SELECT @@version_comment}). */
    public String release() {
        switch (this) {
            case V2_1:
                return "2.1.10";
            case V3_0:
                return "3.0.8";
            default:
                return "4.0.2";
        }
    }

    /** {@code max_running_txn_num_per_db}: 1000, raised to 10000 after 3.0 ({@code 90500c01}, 2025-06). */
    public int maxRunningTxnPerDb() {
        return this == NEWER ? 10000 : 1000;
    }

    /** Type names in lower case ({@code Type.toSql}, {@code e4ed733e} 2024-07: "type toSql should return lowercase"). */
    public boolean lowerCaseTypeNames() {
        return this != V2_1;
    }
}
