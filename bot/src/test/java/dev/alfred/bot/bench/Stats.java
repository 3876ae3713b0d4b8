package dev.alfred.bot.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Latencies in milliseconds, sorted, with nearest-rank percentiles: {@code p(0.99)} is the smallest sample that at
 * least 99% of the samples do not exceed.
 */
record Stats(List<Double> sortedMillis) {

    /** @return the stats of durations given in nanoseconds */
    static Stats ofNanos(Collection<Long> nanos) {
        List<Double> millis = new ArrayList<>();
        nanos.forEach(value -> millis.add(value / 1e6));
        Collections.sort(millis);
        return new Stats(List.copyOf(millis));
    }

    int count() {
        return sortedMillis.size();
    }

    /** @return the {@code q} quantile (0 &lt; q ≤ 1), in milliseconds; NaN without samples */
    double p(double q) {
        if (sortedMillis.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sortedMillis.size());
        return sortedMillis.get(Math.max(0, Math.min(sortedMillis.size(), rank) - 1));
    }

    double max() {
        return p(1.0);
    }

    @Override
    public String toString() {
        return "p50 " + ms(p(0.5)) + " ms, p99 " + ms(p(0.99)) + " ms, max " + ms(max()) + " ms (" + count() + ")";
    }

    /** @return {@code value} in milliseconds for a table: two decimals under 1 ms, one under 100 ms, none above */
    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value < 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return value < 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
    }
}
