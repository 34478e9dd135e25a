package io.doris2pc.connector.config;

/** How character lengths of the source (in characters) become Doris lengths (in bytes). */
public enum VarcharPolicy {
    /** 4 bytes per character: every UTF-8 text, emoji included, fits. */
    UTF8MB4(4),
    /** 3 bytes per character, as the official Doris connector does: 4-byte characters may not fit. */
    UTF8(3),
    /** Every character column becomes STRING (key columns VARCHAR(65533), the longest key Doris allows). */
    STRING(0);

    private final int bytesPerCharacter;

    VarcharPolicy(int bytesPerCharacter) {
        this.bytesPerCharacter = bytesPerCharacter;
    }

    /** Bytes reserved per source character; 0 for {@link #STRING}. */
    public int bytesPerCharacter() {
        return bytesPerCharacter;
    }
}
