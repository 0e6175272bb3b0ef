package dev.salvo.internal.report;

/**
 * What every report page shares: escaping, the head (with a content security policy that
 * allows no script and no remote resource), the style sheet and the legend. Not API.
 */
final class Html {

    /** No scripts, no fonts, no remote anything: only the page's own styles and data: images. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static final String STYLE = """
            :root{--ok:#2f9e44;--redirect:#1c7ed6;--client:#f08c00;--server:#e03131;--other:#868e96;--failed:#7048e8;\
            --prep:#dee2e6;--wait:#a5d8ff;--ink:#212529;--muted:#6c757d;--line:#e9ecef}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","DejaVu Sans",Arial,sans-serif;\
            color:var(--ink);margin:0;padding:20px 28px;background:#fff}
            h1{font-size:20px;margin:0 0 2px}
            h2{font-size:16px;margin:0}
            a{color:#1864ab}
            code,pre,.mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
            .sub{color:var(--muted);margin:0 0 10px;overflow-wrap:anywhere}
            .legend{display:flex;flex-wrap:wrap;align-items:center;gap:4px 16px;margin:6px 0;color:#343a40;font-size:13px}
            .legends{margin:8px 0 16px}
            .legend b{width:5.5em;font-weight:600;color:var(--muted)}
            .legend span{display:inline-flex;align-items:center;gap:6px}
            .legend svg{vertical-align:middle}
            section.burst{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:0 0 18px}
            section.burst header{display:flex;align-items:baseline;gap:12px;flex-wrap:wrap}
            .meta{color:var(--muted);font-size:13px}
            .badge{font-size:12px;font-weight:600;padding:1px 8px;border-radius:10px;color:#fff}
            .badge.passed{background:var(--ok)}
            .badge.failed{background:var(--server)}
            dl.summary{display:flex;flex-wrap:wrap;gap:4px 22px;margin:10px 0 6px}
            dl.summary div{display:flex;flex-direction:column}
            dl.summary dt{color:var(--muted);font-size:12px}
            dl.summary dd{margin:0;font-weight:600}
            pre.failure{background:#fff5f5;border-left:3px solid var(--server);padding:8px 10px;margin:8px 0;\
            white-space:pre-wrap;overflow-wrap:anywhere;max-height:12em;overflow:auto}
            .note{background:#fff9db;border-left:3px solid #fcc419;padding:4px 10px;margin:6px 0;font-size:13px}
            .timeline{overflow-x:auto}
            .timeline svg{display:block;max-width:100%;height:auto}
            table{border-collapse:collapse;width:100%;font-size:13px;margin:0 0 18px}
            th,td{text-align:left;padding:4px 10px;border-bottom:1px solid var(--line);vertical-align:top}
            th{color:var(--muted);font-weight:600}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            tr.failed td:first-child{box-shadow:inset 3px 0 var(--server)}
            svg text{font-family:system-ui,"DejaVu Sans",Arial,sans-serif;font-size:11px;fill:#495057}
            svg .axis line{stroke:var(--line)}
            svg .axis text{fill:var(--muted)}
            svg .prep{fill:var(--prep)}
            svg .wait{fill:var(--wait)}
            svg .send,.sw-send{opacity:.45}
            svg .fb{stroke:var(--ink);stroke-width:1.5}
            svg .done{stroke:var(--ink);stroke-width:1.5}
            svg .cross{stroke:var(--ink);stroke-width:1.6;fill:none}
            svg .row:hover rect{stroke:var(--ink);stroke-width:.6}
            svg .spread{fill:#ffd43b;opacity:.35}
            svg .spread-edge{stroke:#f59f00;stroke-width:1}
            svg .hold{fill:#748ffc;opacity:.18}
            svg .release{stroke:var(--ink);stroke-width:1.2;stroke-dasharray:4 3}
            svg .marker-label{font-weight:600;fill:var(--ink)}
            .o-2xx .send,.o-2xx .flight,.sw-2xx{fill:var(--ok)}
            .o-3xx .send,.o-3xx .flight,.sw-3xx{fill:var(--redirect)}
            .o-4xx .send,.o-4xx .flight,.sw-4xx{fill:var(--client)}
            .o-5xx .send,.o-5xx .flight,.sw-5xx{fill:var(--server)}
            .o-other .send,.o-other .flight,.sw-other{fill:var(--other)}
            .o-failed .send,.o-failed .flight,.sw-failed{fill:var(--failed)}
            """;

    private Html() {}

    /** @return the text with {@code & < > " '} replaced by character references, safe in text and attributes */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null || (c < 0x20 && c != '\n' && c != '\t') || Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                if (replacement != null) {
                    out.append(replacement);
                } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(++i));
                } else {
                    out.append('\ufffd');
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** @return the start of a page, up to and including {@code <body>} */
    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + CONTENT_SECURITY_POLICY + "\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"Salvo\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n";
    }

    /** @return the end of a page */
    static String foot() {
        return "</body>\n</html>\n";
    }

    /** @return one swatch per outcome, and one per step and marker of the timeline */
    static String legend() {
        StringBuilder html = new StringBuilder("<div class=\"legends\">\n<div class=\"legend\"><b>Outcome</b>");
        for (Outcome outcome : Outcome.values()) {
            html.append("<span>").append(swatch("sw-" + outcome.key())).append(escape(outcome.label())).append("</span>");
        }
        html.append("</div>\n<div class=\"legend\"><b>Timeline</b>")
                .append("<span>").append(swatch("prep")).append("preparing</span>")
                .append("<span>").append(swatch("wait")).append("waiting at the barrier</span>")
                .append("<span>").append(swatch("sw-2xx sw-send")).append("writing the request</span>")
                .append("<span>").append(swatch("sw-2xx")).append("awaiting and reading the response</span>")
                .append("<span><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><line class=\"fb\" x1=\"7\" y1=\"1\" x2=\"7\" y2=\"13\"/>"
                        + "</svg>first byte, completion</span>")
                .append("<span><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><path class=\"cross\" d=\"M3 3L11 11M11 3L3 11\"/>"
                        + "</svg>failure</span>")
                .append("<span><svg width=\"14\" height=\"14\" aria-hidden=\"true\"><line class=\"release\" x1=\"7\" y1=\"0\" x2=\"7\" y2=\"14\"/>"
                        + "</svg>release (first request handed to the client)</span>")
                .append("<span><svg width=\"22\" height=\"14\" aria-hidden=\"true\"><rect class=\"spread\" x=\"2\" y=\"0\" width=\"18\" height=\"14\"/>"
                        + "</svg>send spread (first to last request written)</span>")
                .append("</div>\n</div>\n");
        return html.toString();
    }

    private static String swatch(String cssClass) {
        return "<svg width=\"22\" height=\"12\" aria-hidden=\"true\"><rect class=\"" + cssClass
                + "\" x=\"0\" y=\"1\" width=\"22\" height=\"10\" rx=\"2\"/></svg>";
    }
}
