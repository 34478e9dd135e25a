package io.doris2pc.testserver.load;

import io.doris2pc.testserver.cluster.ClusterSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * The {@code compress_type} header as the BE reads it. {@code LoadUtil::parse_format} (be/src/util/load_util.cpp)
 * maps GZ, LZO, BZ2, LZ4, LZ4_BLOCK, LZOP, SNAPPY_BLOCK and DEFLATE, case-insensitively, and anything else to
 * PLAIN; for CSV an unmapped value leaves the format unknown. Before 3.0.5, {@code StreamLoadAction::_on_header}
 * (be/src/http/action/stream_load.cpp) refuses any compress_type on a JSON load before beginning its transaction;
 * apache/doris#48990 (3.0.5) removed that check, and the JSON reader decompresses as the CSV reader does
 * ({@code Decompressor::create_decompressor}). The test server decompresses gz and lz4 (LZ4FRAME: an LZ4 frame,
 * be/src/exec/decompressor.cpp {@code Lz4FrameDecompressor}) and refuses the other known codecs rather than read them
 * wrongly. Not modelled: Doris's LZ4 frame reader wants at least 15 bytes in its first read ("Lz4 header size is
 * between 7 and 15 bytes"), which only a body of no row falls short of.
 */
final class BodyCompression {
    private static final List<String> KNOWN =
            List.of("gz", "lzo", "bz2", "lz4", "lz4_block", "lzop", "snappy_block", "deflate");

    private BodyCompression() {}

    /** Doris's refusal of the load's format and compression, before its transaction begins; null when it reads it. */
    static String refusal(String format, String compressType, ClusterSettings settings) {
        if (compressType == null || compressType.isEmpty()) {
            return null;
        }
        String codec = compressType.toLowerCase(Locale.ROOT);
        if (format.equals("json") && !settings.versionAtLeast(3, 0, 5)) {
            return "[INTERNAL_ERROR]compress data of JSON format is not supported.";
        }
        if (format.equals("csv") && !KNOWN.contains(codec)) {
            return "[INTERNAL_ERROR]unknown data format, format=csv";
        }
        if (KNOWN.contains(codec) && !codec.equals("gz") && !codec.equals("lz4")) {
            return "compress_type " + compressType + " is not supported by the Doris test server";
        }
        return null;
    }

    /** The body as the reader sees it: decompressed for gz and lz4, as sent for no or an unmapped (PLAIN) compress_type. */
    static InputStream decompressing(InputStream wire, String compressType) throws IOException {
        if (compressType != null && compressType.equalsIgnoreCase("gz")) {
            return new GZIPInputStream(wire, 64 * 1024);
        }
        if (compressType != null && compressType.equalsIgnoreCase("lz4")) {
            return new LZ4FrameInputStream(wire);
        }
        return wire;
    }
}
