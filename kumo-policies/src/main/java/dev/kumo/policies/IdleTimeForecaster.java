package dev.kumo.policies;

import java.time.Duration;

/**
 * Predicts an application's next idle time from its recent ones with an AR(1) model with intercept,
 * {@code x[t+1] = c + phi * x[t]}, fitted by ordinary least squares over the last {@code capacity} idle times.
 * It stands in for the paper's ARIMA: one-step forecasts of short, noisy series, with no library and a fixed
 * memory (a ring buffer). The fit recovers constant, linear-trend ({@code phi = 1}), alternating
 * ({@code phi = -1}) and geometric ({@code c = 0}) series exactly, and a noisy series around a level forecasts
 * close to that level ({@code phi} near 0). When the earlier values do not vary the fit is undefined and the
 * forecast is the mean of the later ones. A forecast is clamped to {@code [0, 2 x the largest idle time held]}
 * so one wild fit cannot keep an instance loaded for days. Not thread-safe: its owner locks.
 */
final class IdleTimeForecaster {

    private final double[] seconds;
    private int size;
    private int next;

    IdleTimeForecaster(int capacity) {
        this.seconds = new double[capacity];
    }

    /** Appends {@code idle}, dropping the oldest idle time when full. */
    void add(Duration idle) {
        seconds[next] = idle.toNanos() / 1e9;
        next = (next + 1) % seconds.length;
        size = Math.min(size + 1, seconds.length);
    }

    /** The predicted next idle time; zero when nothing was observed. */
    Duration forecast() {
        if (size == 0) {
            return Duration.ZERO;
        }
        double last = at(size - 1);
        double max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, at(i));
        }
        double value = size == 1 ? last : fit(last);
        double clamped = Math.clamp(value, 0, 2 * max);
        return Duration.ofNanos(Math.round(clamped * 1e9));
    }

    private double fit(double last) {
        int pairs = size - 1;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < pairs; i++) {
            meanX += at(i);
            meanY += at(i + 1);
        }
        meanX /= pairs;
        meanY /= pairs;
        double sxx = 0;
        double sxy = 0;
        double scale = 0;
        for (int i = 0; i < pairs; i++) {
            double dx = at(i) - meanX;
            sxx += dx * dx;
            sxy += dx * (at(i + 1) - meanY);
            scale += at(i) * at(i);
        }
        // Relative test: float noise in an otherwise constant series must not become a slope.
        if (sxx <= 1e-12 * scale || sxx == 0) {
            return meanY;
        }
        double phi = sxy / sxx;
        return meanY - phi * meanX + phi * last;
    }

    /** The {@code i}-th held idle time, oldest first. */
    private double at(int i) {
        return seconds[Math.floorMod(next - size + i, seconds.length)];
    }
}
