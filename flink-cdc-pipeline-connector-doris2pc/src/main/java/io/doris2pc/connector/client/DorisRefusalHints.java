package io.doris2pc.connector.client;

/**
 * What to do about a refusal Doris words in its own terms: a name it does not allow, or a privilege the user lacks.
 * The texts are those of Doris's FeNameFormat and privilege checks.
 */
public final class DorisRefusalHints {

    private static final String UNICODE =
            " (letters of other languages only where the FE runs with enable_unicode_name_support = true)";

    private DorisRefusalHints() {}

    /** A sentence to append to an error carrying {@code dorisMessage}, starting with a space; empty when none fits. */
    public static String hintFor(String dorisMessage) {
        if (dorisMessage == null) {
            return "";
        }
        if (dorisMessage.contains("Incorrect table name")) {
            return " Doris table names are ASCII letters, digits, '-' and '_', start with a letter and have at most 64 "
                    + "characters" + UNICODE + ": route the source table to a valid name (route: sink-table: "
                    + "db.valid_name).";
        }
        if (dorisMessage.contains("Incorrect database name")) {
            return " Doris database names are ASCII letters, digits, '-' and '_', start with a letter and have at most "
                    + "64 characters" + UNICODE + ": route the source table to a valid database (route: sink-table: "
                    + "valid_db.table).";
        }
        if (dorisMessage.contains("Incorrect column name")) {
            return " Doris 2.1 and 3.0 column names are at most 256 ASCII letters, digits, spaces and . _ + - / ? @ # $ % "
                    + "^ & * \" , : and start with a letter, a digit, '_', '@', '/' or a space; with "
                    + "enable_unicode_name_support = true letters of other languages are allowed but spaces, '\"' and "
                    + "':' are not; names starting with mv_ or mva_ are reserved: rename the column at the source, or "
                    + "project it under a valid name with a transform rule.";
        }
        if (dorisMessage.contains("compress data of JSON format is not supported")) {
            return " This Doris BE reads compressed JSON Stream Loads only from Doris 3.0.5 on (apache/doris#48990): "
                    + "remove 'sink.properties.compress_type', or upgrade Doris.";
        }
        if (dorisMessage.contains("2pc is unsupported for mow table")) {
            return " This Doris runs storage-compute separated (cloud mode), whose BE refuses two-phase-commit Stream "
                    + "Loads into merge-on-write UNIQUE tables (apache/doris#36816), and exactly-once loads use "
                    + "two-phase commit. Create the table merge-on-read instead (for tables doris2pc creates: "
                    + "table.create.properties.enable_unique_key_merge_on_write: false; an existing table must be "
                    + "recreated), or set sink.delivery-guarantee: at-least-once (plain Stream Loads; after a failure "
                    + "the rows since the last checkpoint are loaded again).";
        }
        if (dorisMessage.contains("Access denied") || dorisMessage.contains("command denied")) {
            return " The Doris user of option 'username' lacks a privilege: grant it SELECT_PRIV, LOAD_PRIV, ALTER_PRIV "
                    + "and CREATE_PRIV on the target databases (GRANT ... ON db.* TO user), or use a user that has "
                    + "them.";
        }
        return "";
    }
}
