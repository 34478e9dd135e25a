package io.doris2pc.connector.config;

import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Doris release number, major.minor.patch, as the FE reports it in {@code @@version_comment}. */
public final class DorisVersion implements Comparable<DorisVersion>, Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code Doris version doris-3.0.5-rc01-<hash>} (GlobalVariable.versionComment of the FE). */
    private static final Pattern IN_VERSION_COMMENT = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    private final int major;
    private final int minor;
    private final int patch;

    public DorisVersion(int major, int minor, int patch) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
    }

    /** The version in the FE's {@code version_comment}, empty when it names none (e.g. a trunk build). */
    public static Optional<DorisVersion> fromVersionComment(String versionComment) {
        if (versionComment == null) {
            return Optional.empty();
        }
        Matcher m = IN_VERSION_COMMENT.matcher(versionComment);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new DorisVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    public boolean isBefore(DorisVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(DorisVersion o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        return Integer.compare(patch, o.patch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DorisVersion && compareTo((DorisVersion) o) == 0;
    }

    @Override
    public int hashCode() {
        return (major * 1000 + minor) * 1000 + patch;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
