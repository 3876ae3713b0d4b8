package dev.alfred.bot.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of {@code GET /prometheus} in Prometheus's text format, read into samples for assertions.
 *
 * @param samples every sample line, in order
 */
public record PrometheusScrape(List<Sample> samples) {
    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * One sample.
     *
     * @param name   the series name, e.g. {@code alfred_tool_calls_total}
     * @param labels its labels
     * @param value  its value
     */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** @return the samples of a scrape's body; comment lines are skipped */
    public static PrometheusScrape parse(String body) {
        List<Sample> samples = new ArrayList<>();
        for (String line : body.split("\n")) {
            Matcher matcher = LINE.matcher(line);
            if (line.startsWith("#") || !matcher.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(2) != null) {
                Matcher label = LABEL.matcher(matcher.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
        }
        return new PrometheusScrape(samples);
    }

    /** @return the samples named {@code name} whose labels include all of {@code labels} */
    public List<Sample> find(String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** @return the one sample's value; fails when there is not exactly one */
    public double value(String name, Map<String, String> labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + labels + ", found " + found);
        }
        return found.get(0).value();
    }
}
