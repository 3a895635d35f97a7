package dev.eventcontracts.plugin.report.flow;

/** Text for inline SVG: shortening long names (the full name goes in a tooltip); escaping is {@code markup.Html}. */
final class Svg {

    private Svg() {}

    /** {@code text} cut to {@code max} characters with an ellipsis. */
    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
