package io.doris2pc.connector.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DorisIdentifiersTest {

    @Test
    void quotesPlainAndReservedNames() {
        assertEquals("`id`", DorisIdentifiers.quote("id"));
        assertEquals("`order`", DorisIdentifiers.quote("order"));
        assertEquals("`key`", DorisIdentifiers.quote("key"));
        assertEquals("`MixedCase`", DorisIdentifiers.quote("MixedCase"));
        assertEquals("`订单`", DorisIdentifiers.quote("订单"));
        assertEquals("`db`.`t`", DorisIdentifiers.quote("db", "t"));
    }

    @Test
    void keepsHostileCharactersInsideTheQuotes() {
        assertEquals("`a``b`", DorisIdentifiers.quote("a`b"));
        assertEquals("`x``; DROP TABLE t; --`", DorisIdentifiers.quote("x`; DROP TABLE t; --"));
        assertEquals("`a.b`", DorisIdentifiers.quote("a.b"));
        assertEquals("`with space`", DorisIdentifiers.quote("with space"));
        assertEquals("`it's \"quoted\"`", DorisIdentifiers.quote("it's \"quoted\""));
        assertEquals("````", DorisIdentifiers.quote("`"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a\0b"})
    void refusesNamesNoQuotingCanCarry(String name) {
        assertThrows(IllegalArgumentException.class, () -> DorisIdentifiers.quote(name));
    }

    @Test
    void escapesStringLiterals() {
        assertEquals("'plain'", DorisIdentifiers.stringLiteral("plain"));
        assertEquals("'it\\'s'", DorisIdentifiers.stringLiteral("it's"));
        assertEquals("'a\\\\b'", DorisIdentifiers.stringLiteral("a\\b"));
        assertEquals("'x\\'; DROP TABLE t; --'", DorisIdentifiers.stringLiteral("x'; DROP TABLE t; --"));
        assertEquals("'line\\nbreak\\r\\ttab\\0nul'", DorisIdentifiers.stringLiteral("line\nbreak\r\ttab\0nul"));
        assertEquals("'\\\"double\\\"'", DorisIdentifiers.stringLiteral("\"double\""));
        assertEquals("'注释 😀'", DorisIdentifiers.stringLiteral("注释 😀"));
        assertEquals("'\\\\\\''", DorisIdentifiers.stringLiteral("\\'"));
    }

    @Test
    void escapesDoubleQuotedLiterals() {
        assertEquals("\"replication_num\"", DorisIdentifiers.doubleQuotedLiteral("replication_num"));
        assertEquals("\"a\\\"b\"", DorisIdentifiers.doubleQuotedLiteral("a\"b"));
    }
}
