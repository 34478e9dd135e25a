package io.doris2pc.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and spread of a few runs, and percentiles of latencies. */
final class Stats {
    private Stats() {}

    /** The middle value, or the mean of the two middle values of an even count. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest-rank percentile; NaN for no values. */
    static double percentile(List<Double> values, double percent) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** {@code median [min-max]}, or the one value of a single run; "-" for none. */
    static String medianAndSpread(List<Double> values, String format) {
        List<Double> present = new ArrayList<>();
        for (Double v : values) {
            if (v != null && !v.isNaN()) {
                present.add(v);
            }
        }
        if (present.isEmpty()) {
            return "-";
        }
        String median = String.format(format, median(present));
        if (present.size() == 1) {
            return median;
        }
        return median + " [" + String.format(format, Collections.min(present)) + "-"
                + String.format(format, Collections.max(present)) + "]";
    }
}
