package io.sparksweep.report;

/** HTML text escaping for report pages. */
final class Html {
    private Html() {
    }

    /** {@code s} with {@code & < > " '} replaced by entities; null becomes the empty string. */
    static String escape(Object s) {
        if (s == null) {
            return "";
        }
        String text = String.valueOf(s);
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
