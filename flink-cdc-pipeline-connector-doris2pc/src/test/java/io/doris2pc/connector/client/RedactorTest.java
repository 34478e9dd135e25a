package io.doris2pc.connector.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedactorTest {

    private final Redactor redactor = new Redactor("root", "s3cr3t-P@ss");

    @Test
    void stripsUserInfoFromUrlsAsDorisWritesThem() {
        assertEquals("http://10.0.0.7:8040/api/db/t/_stream_load?",
                Redactor.stripUserInfo("http://root:s3cr3t-P%40ss@10.0.0.7:8040/api/db/t/_stream_load?"));
        assertEquals("http://10.0.0.7:8040/api/db/t/_stream_load?",
                Redactor.stripUserInfo("http://root@default_cluster:pw@10.0.0.7:8040/api/db/t/_stream_load?"));
        assertEquals("see https://h:1/x and http://h:2/y?label=a@b",
                Redactor.stripUserInfo("see https://u:p@h:1/x and http://u:p@h:2/y?label=a@b"));
        assertEquals("http://h:8030/api", Redactor.stripUserInfo("http://h:8030/api"));
    }

    @Test
    void hidesThePasswordInEveryForm() {
        assertEquals("failed: **** and **** and Basic ****",
                redactor.redact("failed: s3cr3t-P@ss and s3cr3t-P%40ss and Basic cm9vdDpzM2NyM3QtUEBzcw=="));
        assertEquals("Location: http://10.0.0.7:8040/x", redactor.redact("Location: http://root:s3cr3t-P@ss@10.0.0.7:8040/x"));
    }

    @Test
    void anEmptyPasswordHidesNothing() {
        assertEquals("a text", new Redactor("root", "").redact("a text"));
    }
}
