package com.wxqr.bench;

/** The nearest-rank percentile every bench report uses. */
public final class Percentile {

    private Percentile() {}

    /**
     * The smallest value that at least {@code p} % of {@code sorted} do not exceed; {@code NaN} for no values.
     *
     * @param sorted in ascending order
     */
    public static double of(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(rank, sorted.length) - 1)];
    }
}
