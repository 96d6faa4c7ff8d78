package io.genmod.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the committed reference files under src/test/resources/classify (written by tools/reference/classify). */
final class ReferenceFiles {

    private ReferenceFiles() {
    }

    /** A data set as CSV: features, then an integer label. */
    record LabelledData(double[][] x, List<Object> labels) {
    }

    static LabelledData dataset(String name) {
        List<String> lines = lines(name + ".csv");
        double[][] x = new double[lines.size()][];
        List<Object> labels = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split(",");
            x[i] = new double[parts.length - 1];
            for (int j = 0; j < parts.length - 1; j++) {
                x[i][j] = Double.parseDouble(parts[j]);
            }
            labels.add(Long.parseLong(parts[parts.length - 1]));
        }
        return new LabelledData(x, labels);
    }

    /** A keyed CSV: every line a key followed by values; lines starting with # are comments. */
    static Map<String, String[]> keyed(String file) {
        Map<String, String[]> values = new LinkedHashMap<>();
        for (String line : lines(file)) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(",");
            String[] rest = new String[parts.length - 1];
            System.arraycopy(parts, 1, rest, 0, rest.length);
            values.put(parts[0], rest);
        }
        return values;
    }

    static double[] numbers(String[] values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(values[i]);
        }
        return v;
    }

    private static List<String> lines(String file) {
        try (InputStream in = ReferenceFiles.class.getResourceAsStream("/classify/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource classify/" + file);
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
