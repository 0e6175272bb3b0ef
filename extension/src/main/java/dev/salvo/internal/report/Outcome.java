package dev.salvo.internal.report;

import dev.salvo.RequestResult;

/** How one request ended, as the reports colour it. Not API. */
enum Outcome {
    SUCCESS("2xx", "2xx success"),
    REDIRECT("3xx", "3xx redirect"),
    CLIENT_ERROR("4xx", "4xx client error"),
    SERVER_ERROR("5xx", "5xx server error"),
    OTHER_STATUS("other", "other status"),
    FAILED("failed", "failed (no complete response)");

    private final String key;
    private final String label;

    Outcome(String key, String label) {
        this.key = key;
        this.label = label;
    }

    static Outcome of(RequestResult result) {
        if (!result.hasResponse()) {
            return FAILED;
        }
        int status = result.status();
        if (status >= 200 && status < 300) {
            return SUCCESS;
        } else if (status >= 300 && status < 400) {
            return REDIRECT;
        } else if (status >= 400 && status < 500) {
            return CLIENT_ERROR;
        } else if (status >= 500 && status < 600) {
            return SERVER_ERROR;
        }
        return OTHER_STATUS;
    }

    /** @return a short key, used as CSS class suffix and JSON value: "2xx", "failed" */
    String key() {
        return key;
    }

    /** @return what the legend says */
    String label() {
        return label;
    }
}
