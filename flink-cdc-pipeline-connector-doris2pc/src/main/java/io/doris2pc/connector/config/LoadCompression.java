package io.doris2pc.connector.config;

import java.util.Locale;
import java.util.Optional;

/**
 * How Stream Load bodies travel: as they are, gzip-compressed ({@code sink.properties.compress_type: gz}, the header
 * the official Doris connectors use) or as an LZ4 frame ({@code lz4}). Doris's BE decompresses by that header
 * (be/src/util/load_util.cpp {@code LoadUtil::parse_format}: GZ, and LZ4 as LZ4FRAME, case-insensitively); for JSON
 * bodies it does so from Doris 3.0.5 on, whatever the codec (apache/doris#48990; earlier BEs answer "compress data of
 * JSON format is not supported."), through the same {@code Decompressor} as for CSV (be/src/exec/decompressor.cpp).
 */
public enum LoadCompression {
    NONE(null),
    GZ("gz"),
    LZ4("lz4");

    /** The Stream Load header that names the compression. */
    public static final String HEADER = "compress_type";

    /** The first Doris version whose BE reads compressed JSON bodies (apache/doris#48990 in 3.0.5). */
    public static final DorisVersion FIRST_JSON_VERSION = new DorisVersion(3, 0, 5);

    private final String headerValue;

    LoadCompression(String headerValue) {
        this.headerValue = headerValue;
    }

    /** The value of {@link #HEADER}, empty for {@link #NONE}. */
    public Optional<String> headerValue() {
        return Optional.ofNullable(headerValue);
    }

    /**
     * The compression a {@code compress_type} value asks for.
     *
     * @throws IllegalArgumentException saying which values doris2pc sends
     */
    static LoadCompression ofHeader(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("gz")) {
            return GZ;
        }
        if (v.equals("lz4")) {
            return LZ4;
        }
        throw new IllegalArgumentException("'" + value + "' is not a compression doris2pc sends: use gz or lz4 (Doris "
                + "3.0.5 or newer reads compressed JSON loads), or remove the option to send bodies uncompressed");
    }
}
