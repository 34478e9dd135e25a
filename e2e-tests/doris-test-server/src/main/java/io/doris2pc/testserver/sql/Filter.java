package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.cluster.ValueOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A WHERE clause: comparisons of a column with literals ({@code = != <> < <= > >=}, {@code IS [NOT] NULL},
 * {@code IN (...)}), joined by AND and OR (AND binds tighter), with parentheses.
 */
final class Filter {
    private Filter() {}

    static Predicate<Map<String, Object>> parse(Tokens t, Relation relation) {
        Predicate<Map<String, Object>> p = conjunction(t, relation);
        while (t.acceptWords("OR")) {
            p = p.or(conjunction(t, relation));
        }
        return p;
    }

    private static Predicate<Map<String, Object>> conjunction(Tokens t, Relation relation) {
        Predicate<Map<String, Object>> p = comparison(t, relation);
        while (t.acceptWords("AND")) {
            p = p.and(comparison(t, relation));
        }
        return p;
    }

    private static Predicate<Map<String, Object>> comparison(Tokens t, Relation relation) {
        if (t.acceptSymbol("(")) {
            Predicate<Map<String, Object>> inner = parse(t, relation);
            t.expectSymbol(")");
            return inner;
        }
        String column = relation.column(t.identifier());
        if (t.acceptWords("IS", "NOT", "NULL")) {
            return r -> r.get(column) != null;
        }
        if (t.acceptWords("IS", "NULL")) {
            return r -> r.get(column) == null;
        }
        if (t.acceptWords("IN")) {
            t.expectSymbol("(");
            List<Object> values = new ArrayList<>();
            do {
                values.add(literal(t));
            } while (t.acceptSymbol(","));
            t.expectSymbol(")");
            return r -> values.stream().anyMatch(v -> r.get(column) != null && compare(r.get(column), v) == 0);
        }
        String op = t.next().text;
        Object literal = literal(t);
        switch (op) {
            case "=":
                return r -> r.get(column) != null && compare(r.get(column), literal) == 0;
            case "!=":
            case "<>":
                return r -> r.get(column) != null && compare(r.get(column), literal) != 0;
            case "<":
                return r -> r.get(column) != null && compare(r.get(column), literal) < 0;
            case "<=":
                return r -> r.get(column) != null && compare(r.get(column), literal) <= 0;
            case ">":
                return r -> r.get(column) != null && compare(r.get(column), literal) > 0;
            case ">=":
                return r -> r.get(column) != null && compare(r.get(column), literal) >= 0;
            default:
                throw DdlStatements.unsupported("operator " + op + " in WHERE");
        }
    }

    private static Object literal(Tokens t) {
        Token v = t.next();
        switch (v.kind) {
            case STRING:
                return v.text;
            case NUMBER:
                return new BigDecimal(v.text);
            case WORD:
                if (v.text.equalsIgnoreCase("TRUE") || v.text.equalsIgnoreCase("FALSE")) {
                    return Boolean.valueOf(v.text.toLowerCase());
                }
                throw DdlStatements.unsupported("expression '" + v.text + "' in WHERE");
            default:
                throw t.syntaxError("a literal");
        }
    }

    /** Numbers compare as numbers (a numeric string against a number too), everything else as text. */
    private static int compare(Object value, Object literal) {
        BigDecimal a = ValueOrder.asNumber(value);
        BigDecimal b = ValueOrder.asNumber(literal);
        if (a != null && b == null && literal instanceof String) {
            try {
                b = new BigDecimal((String) literal);
            } catch (NumberFormatException e) {
                b = null;
            }
        }
        if (b != null && a == null && value instanceof String) {
            try {
                a = new BigDecimal((String) value);
            } catch (NumberFormatException e) {
                a = null;
            }
        }
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        return String.valueOf(value).compareTo(String.valueOf(literal));
    }
}
