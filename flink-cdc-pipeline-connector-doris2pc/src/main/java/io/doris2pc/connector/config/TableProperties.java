package io.doris2pc.connector.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The PROPERTIES of each auto-created table: {@code table.create.properties.<property>} for every table, overridden
 * key by key by the first numbered rule whose {@code tables} regex matches the whole table name or the whole
 * {@code db.table} (as {@code table.create.table-buckets} matches):
 *
 * <pre>
 * table.create.table-properties.1.tables: log_.*
 * table.create.table-properties.1.compression: ZSTD
 * table.create.table-properties.2.tables: shop[.]orders
 * table.create.table-properties.2.bloom_filter_columns: customer_id
 * </pre>
 *
 * <p>Rules are numbered because the pipeline's configuration keeps no order of its keys; a number says which rule is
 * tried first, and the regex is a value, so that neither the dots of a regex nor those of a property name such as
 * {@code binlog.enable} have to be told apart in one key.
 */
public final class TableProperties implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String PREFIX = "table.create.table-properties.";

    /** The rule's own key for its regex; Doris has no table property of that name. */
    static final String TABLES = "tables";

    private static final Pattern RULE_NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

    private final Map<String, String> global;
    private final Map<Integer, Rule> rules;

    private TableProperties(Map<String, String> global, Map<Integer, Rule> rules) {
        this.global = Collections.unmodifiableMap(new LinkedHashMap<>(global));
        this.rules = Collections.unmodifiableMap(rules);
    }

    /**
     * @param global the options after {@code table.create.properties.}
     * @param perTable the options after {@link #PREFIX}
     * @throws IllegalArgumentException naming the option at fault and how it should look
     */
    public static TableProperties of(Map<String, String> global, Map<String, String> perTable) {
        Map<Integer, String> regexes = new TreeMap<>();
        Map<Integer, Map<String, String>> properties = new TreeMap<>();
        for (Map.Entry<String, String> option : new TreeMap<>(perTable).entrySet()) {
            String key = option.getKey();
            int dot = key.indexOf('.');
            if (dot < 0 || dot == key.length() - 1) {
                throw invalid(key, "names no property: write " + PREFIX + "<n>." + TABLES + ": <regex> and " + PREFIX
                        + "<n>.<property>: <value>, e.g. " + PREFIX + "1." + TABLES + ": log_.* and " + PREFIX
                        + "1.compression: ZSTD");
            }
            String number = key.substring(0, dot);
            if (!RULE_NUMBER.matcher(number).matches()) {
                throw invalid(key, "'" + number + "' is not a rule number: rules are numbered 1, 2, ... in the order "
                        + "they are tried");
            }
            int rule = Integer.parseInt(number);
            String name = key.substring(dot + 1);
            if (name.equals(TABLES)) {
                regexes.put(rule, option.getValue());
            } else {
                properties.computeIfAbsent(rule, r -> new LinkedHashMap<>()).put(name, option.getValue());
            }
        }
        Map<Integer, Rule> rules = new TreeMap<>();
        for (Map.Entry<Integer, String> regex : regexes.entrySet()) {
            int rule = regex.getKey();
            Map<String, String> own = properties.remove(rule);
            if (own == null) {
                throw invalid(rule + "." + TABLES, "rule " + rule + " sets no property: add " + PREFIX + rule
                        + ".<property>: <value>, or remove the rule");
            }
            rules.put(rule, new Rule(compile(rule, regex.getValue()), own));
        }
        if (!properties.isEmpty()) {
            int rule = properties.keySet().iterator().next();
            throw invalid(rule + "." + properties.get(rule).keySet().iterator().next(), "rule " + rule + " has no "
                    + PREFIX + rule + "." + TABLES + ", the regex of the tables it applies to");
        }
        return new TableProperties(global, rules);
    }

    private static Pattern compile(int rule, String regex) {
        String option = rule + "." + TABLES;
        if (regex.trim().isEmpty()) {
            throw invalid(option, "is empty: give the regex of the tables the rule applies to");
        }
        try {
            return Pattern.compile(regex.trim());
        } catch (PatternSyntaxException e) {
            throw invalid(option, "'" + regex.trim() + "' is not a regular expression: " + e.getDescription());
        }
    }

    private static IllegalArgumentException invalid(String keyAfterPrefix, String problem) {
        return new IllegalArgumentException("'" + PREFIX + keyAfterPrefix + "': " + problem);
    }

    /** The PROPERTIES of table {@code db.table}: the global ones, then those of the first rule that matches it. */
    public Map<String, String> forTable(String db, String table) {
        Map<String, String> properties = new LinkedHashMap<>(global);
        for (Rule rule : rules.values()) {
            if (rule.tables.matcher(table).matches() || rule.tables.matcher(db + '.' + table).matches()) {
                properties.putAll(rule.properties);
                break;
            }
        }
        return properties;
    }

    /** Every set of PROPERTIES a table may get: the global ones alone, and with each rule's over them. */
    public List<Map<String, String>> variants() {
        List<Map<String, String>> variants = new ArrayList<>();
        variants.add(global);
        for (Rule rule : rules.values()) {
            Map<String, String> properties = new LinkedHashMap<>(global);
            properties.putAll(rule.properties);
            variants.add(properties);
        }
        return variants;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{global=").append(global);
        rules.forEach((number, rule) -> text.append(", ").append(number).append('=').append(rule.tables.pattern())
                .append(':').append(rule.properties));
        return text.append('}').toString();
    }

    private static final class Rule implements Serializable {
        private static final long serialVersionUID = 1L;

        private final Pattern tables;
        private final Map<String, String> properties;

        Rule(Pattern tables, Map<String, String> properties) {
            this.tables = tables;
            this.properties = Collections.unmodifiableMap(properties);
        }
    }
}
