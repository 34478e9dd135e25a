package io.doris2pc.connector.schema;

import io.doris2pc.testserver.cluster.DorisVersion;

import org.junit.jupiter.api.BeforeAll;

/** {@link Doris2pcMetadataApplierTest} against a test server following Doris 3.0 (lower-case DESC, other name rules). */
class Doris2pcMetadataApplierOnDoris30Test extends Doris2pcMetadataApplierTest {

    @BeforeAll
    static void startServer() {
        server = start(DorisVersion.V3_0);
    }
}
