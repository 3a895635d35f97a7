package dev.eventcontracts.broker.bench;

import java.util.Arrays;

/** Median, min and max of repeated measurements. */
record Stats(double median, double min, double max, int n) {

    static Stats of(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Stats(median, v[0], v[v.length - 1], v.length);
    }

    String format(String unit) {
        return String.format("median %.2f %s (min %.2f, max %.2f, n=%d)", median, unit, min, max, n);
    }
}
