package io.kubemagic.engine.clair.report;

/** Escaping for the XML and HTML reports. */
final class Markup {
    private Markup() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // XML 1.0 allows no control characters but tab, newline and carriage return.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Only http(s) links are made clickable; anything else (javascript:) is shown as text. */
    static boolean safeLink(String link) {
        return link != null && (link.startsWith("https://") || link.startsWith("http://"));
    }
}
