package io.doris2pc.testserver;

import java.time.Instant;
import java.util.function.UnaryOperator;

/** One Doris test server per test, on the tests' own clock, with an HTTP client and the users table. */
final class ServerFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    DorisTestServer server;
    DorisHttp http;

    /** Starts a server configured by {@code options}, with db.t from {@link TestTables#createUsers}. */
    ServerFixture(UnaryOperator<DorisTestServer.Builder> options) {
        server = options.apply(DorisTestServer.builder().clock(new TestClock(START))).start();
        http = new DorisHttp(server);
        TestTables.createUsers(server, "db", "t");
    }

    ServerFixture() {
        this(b -> b);
    }

    TestClock clock() {
        return server.clock();
    }

    TxnState state(String label) {
        return server.transaction("db", label).orElseThrow(() -> new AssertionError("no transaction " + label)).state();
    }

    TxnInfo txn(String label) {
        return server.transaction("db", label).orElseThrow(() -> new AssertionError("no transaction " + label));
    }

    @Override
    public void close() {
        server.close();
    }
}
