package dev.kumo.sim.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates a 2019 trace while its files stream by: function and app ids, and the non-zero (minute, function,
 * count) entries in growable primitive arrays, turned minute-major by a counting sort when built.
 */
final class FunctionTable {

    private final Map<String, Integer> functions = new HashMap<>();
    private final List<String> functionKeys = new ArrayList<>();
    private final Map<String, Integer> apps = new HashMap<>();
    private final List<String> appNames = new ArrayList<>();
    private final List<Integer> functionApp = new ArrayList<>();
    private int[] entryMinute = new int[1024];
    private int[] entryFunction = new int[1024];
    private int[] entryCount = new int[1024];
    private int size;

    static String key(String app, String function) {
        return app + '/' + function;
    }

    int function(String app, String function) {
        return functions.computeIfAbsent(key(app, function), k -> {
            functionKeys.add(k);
            functionApp.add(apps.computeIfAbsent(app, a -> {
                appNames.add(a);
                return appNames.size() - 1;
            }));
            return functionKeys.size() - 1;
        });
    }

    void add(int minute, int function, int count) {
        if (size == entryMinute.length) {
            entryMinute = Arrays.copyOf(entryMinute, size * 2);
            entryFunction = Arrays.copyOf(entryFunction, size * 2);
            entryCount = Arrays.copyOf(entryCount, size * 2);
        }
        entryMinute[size] = minute;
        entryFunction[size] = function;
        entryCount[size] = count;
        size++;
    }

    MinuteCountTrace build(Map<String, Double> durationMs, Map<String, Double> functionMemoryMb,
            Map<String, Double> appMemoryMb) {
        int n = functionKeys.size();
        var functionsPerApp = new int[appNames.size()];
        functionApp.forEach(a -> functionsPerApp[a]++);
        var memory = new double[n];
        var known = new ArrayList<Double>();
        for (int f = 0; f < n; f++) {
            var fromFunction = functionMemoryMb.get(functionKeys.get(f));
            var fromApp = appMemoryMb.get(appNames.get(functionApp.get(f)));
            memory[f] = fromFunction != null ? fromFunction
                    : fromApp != null ? fromApp / functionsPerApp[functionApp.get(f)] : Double.NaN;
            if (!Double.isNaN(memory[f])) {
                known.add(memory[f]);
            }
        }
        double medianMemory = median(known.isEmpty() ? List.copyOf(appMemoryMb.values()) : known);
        var knownDurations = functionKeys.stream().filter(durationMs::containsKey).map(durationMs::get).toList();
        double medianDuration = median(knownDurations.isEmpty() ? List.copyOf(durationMs.values()) : knownDurations);
        var appMemory = new double[appNames.size()];
        var duration = new long[n];
        for (int f = 0; f < n; f++) {
            appMemory[functionApp.get(f)] += Double.isNaN(memory[f]) ? medianMemory : memory[f];
            duration[f] = Math.round(durationMs.getOrDefault(functionKeys.get(f), medianDuration));
        }
        var appList = new ArrayList<TraceApp>(appNames.size());
        for (int a = 0; a < appNames.size(); a++) {
            appList.add(new TraceApp(appNames.get(a), appMemory[a]));
        }
        return minuteMajor(appList, duration);
    }

    private MinuteCountTrace minuteMajor(List<TraceApp> appList, long[] duration) {
        var distinct = Arrays.stream(entryMinute, 0, size).distinct().sorted().toArray();
        var minutes = Arrays.stream(distinct).asLongStream().toArray();
        var offsets = new int[distinct.length + 1];
        for (int i = 0; i < size; i++) {
            offsets[Arrays.binarySearch(distinct, entryMinute[i]) + 1]++;
        }
        for (int k = 0; k < distinct.length; k++) {
            offsets[k + 1] += offsets[k];
        }
        var fill = Arrays.copyOf(offsets, distinct.length);
        var function = new int[size];
        var count = new int[size];
        for (int i = 0; i < size; i++) {
            int at = fill[Arrays.binarySearch(distinct, entryMinute[i])]++;
            function[at] = entryFunction[i];
            count[at] = entryCount[i];
        }
        return new MinuteCountTrace(appList, functionApp.stream().mapToInt(Integer::intValue).toArray(), duration,
                minutes, offsets, function, count);
    }

    /** The median, or 0 when there are no values (nothing to impute from). */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        var sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
