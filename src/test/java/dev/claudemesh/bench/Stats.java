package dev.claudemesh.bench;

import java.util.Arrays;

/** Median, p95 and run count of a series of samples (any unit), as the figures table prints them. */
record Stats(double median, double p95, double max, int runs) {
    static Stats of(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        if (n == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new Stats(s[n / 2], s[Math.max(0, (int) Math.ceil(n * 0.95) - 1)], s[n - 1], n);
    }

    static Stats ofNanos(long[] nanos, double perUnit) {
        double[] d = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            d[i] = nanos[i] / perUnit;
        }
        return of(d);
    }

    String format(String unit) {
        return String.format("median %.1f %s, p95 %.1f %s (n=%d)", median, unit, p95, unit, runs);
    }
}
