package io.doris2pc.connector.serialize;

import org.apache.flink.cdc.common.data.RecordData;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.schema.Column;
import org.apache.flink.cdc.common.schema.Schema;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

/**
 * Turns the data change events of one table schema into JSON lines for a Stream Load with
 * {@code read_json_by_line}. Built once per schema: column names are encoded and a writer is chosen per column up
 * front, so a row costs only its getters and the bytes it appends (see {@link ValueWriters} for the value formats).
 *
 * <p>Tables with a primary key are UNIQUE KEY tables and every line carries {@code __DORIS_DELETE_SIGN__}: "0" for
 * the row after an insert or update, "1" for the row before a delete. An update that changes the primary key
 * deletes the old key and then writes the new row. Tables without a primary key are DUPLICATE KEY tables: inserts
 * and updates append the row after, deletes cannot be expressed and produce no line.
 *
 * <p>Keys carry the exact spelling of the Doris columns ({@link TargetColumns}); NaN and ±Infinity fail or become
 * NULL ({@link NonFiniteFloats}); a DECIMAL that the Doris column cannot hold fails ({@link DecimalFit}).
 *
 * <p>Not thread-safe: one instance per writer and schema.
 */
public final class RowSerializer {

    private static final String DELETE_SIGN = "__DORIS_DELETE_SIGN__";

    private final int arity;
    private final List<Column> columns;
    private final byte[][] prefixes;
    private final ValueWriter[] writers;
    private final int[] keyPositions;
    private final boolean hasPrimaryKey;
    private final byte[] upsertEnd;
    private final byte[] deleteEnd;
    private final RowBuffer oldKey = new RowBuffer(64);
    private final RowBuffer newKey = new RowBuffer(64);

    /**
     * @param target the Doris columns: keys are written in their exact spelling, DECIMAL values checked against them
     * @param nonFiniteFloats what NaN and ±Infinity in FLOAT/DOUBLE columns become
     */
    public RowSerializer(Schema schema, ZoneId zoneId, TargetColumns target, NonFiniteFloats nonFiniteFloats) {
        this.columns = schema.getColumns();
        this.arity = columns.size();
        this.prefixes = new byte[arity][];
        this.writers = new ValueWriter[arity];
        for (int i = 0; i < arity; i++) {
            Column column = columns.get(i);
            String key = target.key(column.getName());
            prefixes[i] = JsonNames.fieldPrefix(i == 0 ? '{' : ',', key);
            ValueWriter writer = ValueWriters.column(column.getType(), zoneId);
            writer = nonFiniteFloats.guard(column.getType(), writer);
            writers[i] = DecimalFit.guard(column.getType(), target.decimal(column.getName()), key, writer);
        }
        List<String> keys = schema.primaryKeys();
        this.keyPositions = new int[keys.size()];
        for (int k = 0; k < keyPositions.length; k++) {
            keyPositions[k] = schema.getColumnNames().indexOf(keys.get(k));
            if (keyPositions[k] < 0) {
                throw new IllegalArgumentException(
                        "Primary key column '" + keys.get(k) + "' is not among the columns " + schema.getColumnNames());
            }
        }
        this.hasPrimaryKey = keyPositions.length > 0;
        this.upsertEnd = lineEnd("0");
        this.deleteEnd = lineEnd("1");
    }

    private byte[] lineEnd(String sign) {
        String member = arity == 0 ? "{" : ",";
        return hasPrimaryKey
                ? (member + '"' + DELETE_SIGN + "\":\"" + sign + "\"}\n").getBytes(StandardCharsets.US_ASCII)
                : (arity == 0 ? "{}\n" : "}\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Appends the lines of {@code event} to {@code out}; on failure {@code out} is left as it was.
     *
     * @return the number of lines appended: 1, 2 for an update of the primary key, 0 for a delete from a table
     *     without primary key
     * @throws IllegalArgumentException when a row does not match the schema this serializer was built for
     */
    public int serialize(DataChangeEvent event, RowBuffer out) {
        int start = out.length();
        try {
            switch (event.op()) {
                case INSERT:
                case REPLACE:
                    writeLine(required(event.after(), event, "after"), upsertEnd, event, out);
                    return 1;
                case UPDATE:
                    RecordData after = required(event.after(), event, "after");
                    if (hasPrimaryKey && event.before() != null && keyChanged(event.before(), after)) {
                        writeLine(event.before(), deleteEnd, event, out);
                        writeLine(after, upsertEnd, event, out);
                        return 2;
                    }
                    writeLine(after, upsertEnd, event, out);
                    return 1;
                case DELETE:
                    if (!hasPrimaryKey) {
                        return 0;
                    }
                    writeLine(required(event.before(), event, "before"), deleteEnd, event, out);
                    return 1;
                default:
                    throw new IllegalArgumentException("Unknown operation " + event.op() + " in " + event);
            }
        } catch (RuntimeException e) {
            out.truncate(start);
            throw e;
        }
    }

    private static RecordData required(RecordData row, DataChangeEvent event, String which) {
        if (row == null) {
            throw new IllegalArgumentException(
                    event.op() + " event of table " + event.tableId() + " has no '" + which + "' row");
        }
        return row;
    }

    private void writeLine(RecordData row, byte[] end, DataChangeEvent event, RowBuffer out) {
        if (row.getArity() != arity) {
            throw new IllegalArgumentException("A row of table " + event.tableId() + " has " + row.getArity()
                    + " fields, but the table schema has " + arity + " columns");
        }
        for (int i = 0; i < arity; i++) {
            out.write(prefixes[i]);
            try {
                ValueWriters.writeNullable(row, i, writers[i], out);
            } catch (RuntimeException e) {
                Column column = columns.get(i);
                throw new IllegalArgumentException("Cannot write column '" + column.getName() + "' ("
                        + column.getType() + ") of table " + event.tableId() + ": " + e.getMessage(), e);
            }
        }
        out.write(end);
    }

    private boolean keyChanged(RecordData before, RecordData after) {
        oldKey.reset();
        newKey.reset();
        for (int position : keyPositions) {
            ValueWriters.writeNullable(before, position, writers[position], oldKey);
            oldKey.write((byte) ',');
            ValueWriters.writeNullable(after, position, writers[position], newKey);
            newKey.write((byte) ',');
        }
        return !oldKey.contentEquals(newKey);
    }
}
