package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.SqlResult;
import io.doris2pc.testserver.cluster.ValueOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code SELECT items FROM relation [WHERE ...] [ORDER BY c [ASC|DESC], ...] [LIMIT n]} where items are
 * {@code *}, columns (with optional AS) or {@code count(*)}. The same tail serves SHOW statements.
 */
final class Select {
    private Select() {}

    /** Parses the select list up to FROM; returns the unresolved items. */
    static List<String[]> items(Tokens t) {
        List<String[]> items = new ArrayList<>();
        do {
            if (t.acceptSymbol("*")) {
                items.add(new String[] {"*", "*"});
                continue;
            }
            String first = t.identifier();
            String[] item;
            if (first.equalsIgnoreCase("count") && t.acceptSymbol("(")) {
                if (!t.acceptSymbol("*")) {
                    t.identifier();
                }
                t.expectSymbol(")");
                item = new String[] {"count(*)", "count(*)"};
            } else {
                if (t.acceptSymbol(".")) {
                    first = t.identifier();
                }
                item = new String[] {first, first};
            }
            if (t.acceptWords("AS")) {
                item[1] = t.identifier();
            }
            items.add(item);
        } while (t.acceptSymbol(","));
        return items;
    }

    /** Applies WHERE / ORDER BY / LIMIT to a relation, then projects the items. */
    static SqlResult run(Tokens t, Relation relation, List<String[]> items) {
        List<Map<String, Object>> rows = filterSortLimit(t, relation);
        boolean count = items.stream().anyMatch(i -> i[0].equals("count(*)"));
        if (count) {
            if (items.size() != 1) {
                throw DdlStatements.unsupported("count(*) with other select items");
            }
            return SqlResult.resultSet(List.of(items.get(0)[1]), List.of("BIGINT"),
                    List.of(List.of((Object) (long) rows.size())));
        }
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (String[] item : items) {
            if (item[0].equals("*")) {
                names.addAll(relation.columns);
                types.addAll(relation.types);
                sources.addAll(relation.columns);
            } else {
                String c = relation.column(item[0]);
                names.add(item[1].equals(item[0]) ? c : item[1]);
                types.add(relation.typeOf(c));
                sources.add(c);
            }
        }
        List<List<Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            List<Object> values = new ArrayList<>();
            for (String s : sources) {
                values.add(r.get(s));
            }
            out.add(values);
        }
        return SqlResult.resultSet(names, types, out);
    }

    static List<Map<String, Object>> filterSortLimit(Tokens t, Relation relation) {
        List<Map<String, Object>> rows = new ArrayList<>(relation.rows);
        if (t.acceptWords("WHERE")) {
            Predicate<Map<String, Object>> where = Filter.parse(t, relation);
            rows.removeIf(where.negate());
        }
        if (t.acceptWords("ORDER", "BY")) {
            Comparator<Map<String, Object>> order = null;
            do {
                String c = relation.column(t.identifier());
                Function<Map<String, Object>, Object> key = r -> r.get(c);
                Comparator<Map<String, Object>> one = Comparator.comparing(key, ValueOrder.INSTANCE);
                if (t.acceptWords("DESC")) {
                    one = one.reversed();
                } else {
                    t.acceptWords("ASC");
                }
                order = order == null ? one : order.thenComparing(one);
            } while (t.acceptSymbol(","));
            rows.sort(order);
        }
        if (t.acceptWords("LIMIT")) {
            int limit = Integer.parseInt(t.next().text);
            rows = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        }
        t.expectEnd();
        return rows;
    }

    /** A relation narrowed by a SHOW statement's WHERE / ORDER BY / LIMIT. */
    static SqlResult show(Tokens t, Relation relation) {
        List<Map<String, Object>> rows = filterSortLimit(t, relation);
        return new Relation(relation.name, relation.columns, relation.types, new ArrayList<>(rows)).toResult();
    }
}
