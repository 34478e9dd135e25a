package io.doris2pc.connector.config;

import java.util.Locale;
import java.util.Optional;

/**
 * How Stream Load bodies travel: as they are, or gzip-compressed ({@code sink.properties.compress_type: gz}, the
 * header the official Doris connectors use). Doris's BE decompresses by that header (be/src/util/load_util.cpp
 * {@code LoadUtil::parse_format}); for JSON bodies it does so from Doris 3.0.5 on (apache/doris#48990; earlier BEs
 * answer "compress data of JSON format is not supported.").
 */
public enum LoadCompression {
    NONE(null),
    GZ("gz");

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
        throw new IllegalArgumentException("'" + value + "' is not a compression doris2pc sends: use gz (Doris 3.0.5 "
                + "or newer reads gzip-compressed JSON loads), or remove the option to send bodies uncompressed");
    }
}
