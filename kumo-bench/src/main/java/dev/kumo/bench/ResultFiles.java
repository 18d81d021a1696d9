package dev.kumo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes {@code results.csv}, {@code results.json} and {@code summary.md} into the output folder. */
final class ResultFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ResultFiles() {
    }

    /** Writes all three files and returns their paths. */
    static List<Path> write(Path dir, RunInfo info, BenchOptions options, List<BenchOutcome> outcomes) {
        try {
            Files.createDirectories(dir);
            Path csv = Files.writeString(dir.resolve("results.csv"), csv(outcomes));
            Path json = Files.writeString(dir.resolve("results.json"), json(info, options, outcomes));
            Path md = Files.writeString(dir.resolve("summary.md"), markdown(info, options, outcomes));
            return List.of(csv, json, md);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results into " + dir, e);
        }
    }

    static String csv(List<BenchOutcome> outcomes) {
        var sb = new StringBuilder("benchmark,metric,unit,kumo,baseline,baseline_name,ratio,goal,verdict\n");
        for (BenchOutcome o : outcomes) {
            for (Measurement m : o.measurements()) {
                sb.append(String.join(",", m.benchmark(), m.metric(), m.unit(), number(m.kumo()),
                        number(m.baseline()), quote(m.baselineName()), number(m.ratio()),
                        quote(m.goal().describe()), m.verdict().name())).append('\n');
            }
        }
        return sb.toString();
    }

    static String json(RunInfo info, BenchOptions options, List<BenchOutcome> outcomes) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode machine = root.putObject("run");
        machine.put("date", info.date().toString());
        machine.put("cores", info.cores());
        machine.put("cpu", info.cpu());
        machine.put("os", info.os());
        machine.put("java", info.java());
        ObjectNode opts = root.putObject("options");
        opts.put("duration", options.duration().toString());
        opts.put("connections", options.connections());
        opts.put("latencyRequests", options.latencyRequests());
        opts.put("coldStarts", options.coldStarts());
        opts.put("functions", options.functions());
        opts.put("warmInstances", options.warmInstances());
        opts.put("workers", options.workers());
        ArrayNode benches = root.putArray("benchmarks");
        for (BenchOutcome o : outcomes) {
            ObjectNode b = benches.addObject();
            b.put("name", o.benchmark());
            ArrayNode ms = b.putArray("measurements");
            for (Measurement m : o.measurements()) {
                ObjectNode n = ms.addObject();
                n.put("metric", m.metric());
                n.put("unit", m.unit());
                putNumber(n, "kumo", m.kumo());
                putNumber(n, "baseline", m.baseline());
                n.put("baselineName", m.baselineName());
                putNumber(n, "ratio", m.ratio());
                n.put("goal", m.goal().describe());
                n.put("verdict", m.verdict().name());
            }
            ArrayNode charts = b.putArray("charts");
            o.charts().forEach(c -> charts.add(c.getFileName().toString()));
            ArrayNode notes = b.putArray("notes");
            o.notes().forEach(notes::add);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    static String markdown(RunInfo info, BenchOptions options, List<BenchOutcome> outcomes) {
        var sb = new StringBuilder("# Kumo benchmark results\n\n");
        sb.append("Machine: ").append(info.describe()).append("  \n");
        sb.append("Options: wrk duration ").append(options.duration().toSeconds()).append(" s, ")
                .append(options.connections()).append(" connections; ").append(options.latencyRequests())
                .append(" latency requests; ").append(options.coldStarts()).append(" cold starts; ")
                .append(options.functions()).append(" functions, ").append(options.warmInstances())
                .append(" warm instances; ").append(options.workers())
                .append(" process-memory workers.\n\n## Goals\n\n")
                .append("| benchmark | metric | kumo | baseline | ratio | goal | verdict |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (BenchOutcome o : outcomes) {
            for (Measurement m : o.measurements()) {
                if (!(m.goal() instanceof Goal.None)) {
                    row(sb, m, true);
                }
            }
        }
        for (BenchOutcome o : outcomes) {
            sb.append("\n## ").append(o.benchmark()).append("\n\n");
            if (!o.measurements().isEmpty()) {
                sb.append("| metric | kumo | baseline | ratio | goal | verdict |\n|---|---|---|---|---|---|\n");
                o.measurements().forEach(m -> row(sb, m, false));
                sb.append("\nBaseline: ").append(o.measurements().get(0).baselineName()).append(".\n");
            }
            for (String note : o.notes()) {
                sb.append("\n> ").append(note).append('\n');
            }
            for (Path chart : o.charts()) {
                String name = chart.getFileName().toString(); // charts are written into dir itself
                sb.append("\n![").append(name).append("](").append(name).append(")\n");
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, Measurement m, boolean withBenchmark) {
        sb.append('|');
        if (withBenchmark) {
            sb.append(' ').append(m.benchmark()).append(" |");
        }
        String unit = m.unit().equals("count") ? "" : " " + m.unit();
        sb.append(' ').append(m.metric()).append(" | ").append(Measurement.format(m.kumo())).append(unit)
                .append(" | ").append(Measurement.format(m.baseline())).append(unit).append(" | ")
                .append(Double.isNaN(m.ratio()) ? "n/a" : String.format(Locale.ROOT, "%.2fx", m.ratio()))
                .append(" | ").append(m.goal().describe()).append(" | ")
                .append(m.verdict() == Goal.Verdict.NONE ? "" : m.verdict().name()).append(" |\n");
    }

    private static void putNumber(ObjectNode node, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            node.putNull(field);
        } else {
            node.put(field, v);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
