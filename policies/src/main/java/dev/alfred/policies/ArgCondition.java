package dev.alfred.policies;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A condition on one argument of a tool call; every operator given must hold. YAML, under {@code match.args}:
 * <pre>
 * args:
 *   channel: {in: [C123, C456]}          # equal to one of
 *   url: {host: ["*.example.com"]}       # the URL's host matches one of these globs
 *   url: {not-host: ["*.example.com"]}   # the URL's host matches none of these globs (or it has none)
 *   path: {prefix: "docs/"}              # the string starts with
 *   changed_lines: {lt: 50}              # numeric: lt, le, gt, ge
 *   draft: {eq: true}                    # equal to
 * </pre>
 * A missing argument satisfies no condition. Argument names may be dotted paths into nested objects
 * ({@code head.ref}).
 *
 * <p>{@code not-host} is how a host allow-list is written: a deny rule for the hosts outside the list, placed before
 * the rules that would otherwise let the call run (see the commented example in the shipped {@code default.yml}). A
 * value that is not a URL with a host matches no glob, so it counts as outside every list and such a rule refuses
 * it.
 */
public record ArgCondition(JsonNode eq, List<JsonNode> in, List<JsonNode> notIn, String prefix, List<String> host,
        List<String> notHost, BigDecimal lt, BigDecimal le, BigDecimal gt, BigDecimal ge) {

    public ArgCondition {
        in = in == null ? null : List.copyOf(in);
        notIn = notIn == null ? null : List.copyOf(notIn);
        host = host == null ? null : List.copyOf(host);
        notHost = notHost == null ? null : List.copyOf(notHost);
        if (eq == null && in == null && notIn == null && prefix == null && host == null && notHost == null
                && lt == null && le == null && gt == null && ge == null) {
            throw new IllegalArgumentException("an argument condition needs at least one of eq, in, not-in, prefix, "
                    + "host, not-host, lt, le, gt, ge");
        }
    }

    /** @return whether {@code value} (possibly missing) satisfies every operator */
    public boolean test(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return false;
        }
        return (eq == null || same(eq, value))
                && (in == null || in.stream().anyMatch(v -> same(v, value)))
                && (notIn == null || notIn.stream().noneMatch(v -> same(v, value)))
                && (prefix == null || value.isTextual() && value.asText().startsWith(prefix))
                && (host == null || Globs.anyMatch(host, hostOf(value.asText())))
                && (notHost == null || !Globs.anyMatch(notHost, hostOf(value.asText())))
                && compare(value);
    }

    private boolean compare(JsonNode value) {
        if (lt == null && le == null && gt == null && ge == null) {
            return true;
        }
        if (!value.isNumber()) {
            return false;
        }
        BigDecimal n = value.decimalValue();
        return (lt == null || n.compareTo(lt) < 0) && (le == null || n.compareTo(le) <= 0)
                && (gt == null || n.compareTo(gt) > 0) && (ge == null || n.compareTo(ge) >= 0);
    }

    private static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    /** @return the host of an absolute URL without a trailing dot, or null when the text is none */
    static String hostOf(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host != null && host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @return the condition in words, e.g. {@code host matches *.example.com} */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (eq != null) {
            parts.add("= " + eq);
        }
        if (in != null) {
            parts.add("is one of " + in);
        }
        if (notIn != null) {
            parts.add("is none of " + notIn);
        }
        if (prefix != null) {
            parts.add("starts with \"" + prefix + "\"");
        }
        if (host != null) {
            parts.add("has a host matching " + String.join(" or ", host));
        }
        if (notHost != null) {
            parts.add("has no host matching " + String.join(" or ", notHost));
        }
        if (lt != null) {
            parts.add("< " + lt.toPlainString());
        }
        if (le != null) {
            parts.add("≤ " + le.toPlainString());
        }
        if (gt != null) {
            parts.add("> " + gt.toPlainString());
        }
        if (ge != null) {
            parts.add("≥ " + ge.toPlainString());
        }
        return String.join(" and ", parts);
    }
}
