package io.doris2pc.testserver.cluster;

import io.doris2pc.testserver.DorisSqlException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The PROPERTIES names CREATE TABLE takes for an OLAP table. Doris's FE removes each property it analyses from the
 * statement's map ({@code PropertyAnalyzer.analyze*}, fe/fe-core/src/main/java/org/apache/doris/common/util/
 * PropertyAnalyzer.java, called from {@code InternalCatalog.createOlapTable}) and refuses what is left: "Unknown
 * properties: " + the map (datasource/InternalCatalog.java). Names are matched as written: the analyser looks them
 * up with {@code containsKey}. The list is PropertyAnalyzer's table properties of 2.1 to 3.x; the test server checks
 * names only, not their values.
 */
final class TablePropertyNames {

    private static final Set<String> NAMES = Set.of(
            "replication_num", "replication_allocation", "min_load_replica_num", "storage_medium",
            "storage_cooldown_time", "storage_policy", "storage_format", "inverted_index_storage_format",
            "storage_page_size", "storage_dict_page_size", "row_store_page_size", "bloom_filter_columns",
            "bloom_filter_fpp", "colocate_with", "compression", "light_schema_change", "in_memory",
            "file_cache_ttl_seconds", "estimate_partition_size", "tablet_type", "disable_auto_compaction",
            "enable_single_replica_compaction", "vertical_compaction_num_columns_per_group",
            "variant_enable_flatten_nested", "store_row_column", "row_store_columns", "skip_write_index_on_load",
            "compaction_policy", "time_series_compaction_goal_size_mbytes",
            "time_series_compaction_file_count_threshold", "time_series_compaction_time_threshold_seconds",
            "time_series_compaction_empty_rowsets_threshold", "time_series_compaction_level_threshold",
            "is_being_synced", "binlog.enable", "binlog.ttl_seconds", "binlog.max_bytes", "binlog.max_history_nums",
            "enable_duplicate_without_keys_by_default", "storage_vault_name", "enable_unique_key_merge_on_write",
            "enable_unique_key_skip_bitmap_column", "group_commit_interval_ms", "group_commit_data_bytes",
            "enable_mow_light_delete", "function_column.sequence_col", "function_column.sequence_type",
            "partition.retention_count", "short_key", "storage_type", "version_info", "data_sort.sort_type",
            "data_sort.col_num");

    /** {@code dynamic_partition.*}, analysed by DynamicPartitionUtil. */
    private static final List<String> PREFIXES = List.of("dynamic_partition.");

    private TablePropertyNames() {}

    /** Refuses, as Doris does, the properties no analyser takes. */
    static void check(Map<String, String> properties) {
        Map<String, String> unknown = properties.entrySet().stream()
                .filter(p -> !NAMES.contains(p.getKey()) && PREFIXES.stream().noneMatch(p.getKey()::startsWith))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b,
                        LinkedHashMap::new));
        if (!unknown.isEmpty()) {
            throw new DorisSqlException("Unknown properties: " + unknown);
        }
    }
}
