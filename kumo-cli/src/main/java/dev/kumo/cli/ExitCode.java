package dev.kumo.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process exit codes of {@code kumo}, stable for scripts:
 * <ul>
 *   <li>{@code 0} {@link #OK}: the command did what was asked</li>
 *   <li>{@code 1} {@link #FUNCTION_FAILED}: {@code invoke} ran the function and it threw (502) or timed out (504)</li>
 *   <li>{@code 2} {@link #USAGE}: bad arguments, unreadable file or invalid {@code --data} JSON; nothing was sent</li>
 *   <li>{@code 3} {@link #NOT_FOUND}: no such function, version, alias, activation, dead letter, schedule,
 *   trigger, rule or route (404)</li>
 *   <li>{@code 4} {@link #REJECTED}: throttled by a concurrency, instance, memory or queue limit (429); retry
 *   later</li>
 *   <li>{@code 5} {@link #INVALID}: the server refused the request as invalid (400, 409, 413, 415)</li>
 *   <li>{@code 6} {@link #UNREACHABLE}: no server answered at the URL, or not within the request timeout</li>
 *   <li>{@code 7} {@link #SERVER_ERROR}: the server failed or answered something unreadable (5xx, malformed)</li>
 * </ul>
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0, "success"),
    /** The invoked function threw (HTTP 502) or timed out (504). */
    FUNCTION_FAILED(1, "the invoked function threw or timed out"),
    /** Bad arguments, an unreadable file or invalid --data JSON; nothing was sent. */
    USAGE(2, "bad arguments, unreadable file or invalid --data JSON"),
    /** No such function, version, alias, activation, dead letter, schedule, trigger, rule or route (404). */
    NOT_FOUND(3, "no such function, activation or other resource (404)"),
    /** Throttled by a limit (429). */
    REJECTED(4, "throttled by a concurrency, memory or queue limit (429)"),
    /** The server refused the request as invalid (400, 409, 413, 415). */
    INVALID(5, "request refused as invalid (400, 409, 413, 415)"),
    /** No server answered. */
    UNREACHABLE(6, "server unreachable or no answer within the request timeout"),
    /** The server failed or answered something unreadable. */
    SERVER_ERROR(7, "server error (5xx) or unreadable answer");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The numeric process exit status. */
    public int code() {
        return code;
    }

    /** One line on when this code is returned, as shown by {@code kumo --help}. */
    public String meaning() {
        return meaning;
    }

    /** The code for a refusal with HTTP {@code status} (not an invoke's function failure). */
    public static ExitCode forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 429 -> REJECTED;
            case 400, 409, 413, 415 -> INVALID;
            default -> status >= 400 && status < 500 ? INVALID : SERVER_ERROR;
        };
    }

    /** Code-to-meaning pairs in order, for the help footer. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode each : values()) {
            list.put(Integer.toString(each.code), each.name() + ": " + each.meaning);
        }
        return list;
    }
}
