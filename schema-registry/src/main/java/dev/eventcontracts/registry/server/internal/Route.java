package dev.eventcontracts.registry.server.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint: a method and a path pattern such as {@code groups/{g}/artifacts/{a}}, with the
 * handler that gets the values of the {@code {…}} segments in order.
 */
public record Route(String method, List<String> pattern, Handler handler) {

    /** Handles one matched call. */
    @FunctionalInterface
    public interface Handler {
        HttpReply handle(HttpCall call, List<String> params);
    }

    public static Route of(String method, String pattern, Handler handler) {
        return new Route(method, List.of(pattern.split("/")), handler);
    }

    /** The path parameters when the segments match, or {@code null}. */
    public List<String> match(List<String> segments) {
        if (segments.size() != pattern.size()) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.startsWith("{")) {
                params.add(segments.get(i));
            } else if (!expected.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }
}
