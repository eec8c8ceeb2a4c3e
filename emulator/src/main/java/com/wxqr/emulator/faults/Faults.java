package com.wxqr.emulator.faults;

import com.wxqr.emulator.FaultSpec;
import com.wxqr.emulator.http.ControlException;
import com.wxqr.emulator.http.WeChatError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Pending faults; each fires on the next matching calls until its count is used up. Thread-safe.
 * Token invalidation is not kept here: it acts at once on the account's tokens.
 */
public final class Faults {

    private static final class Pending {
        final FaultSpec spec;
        int remaining;

        Pending(FaultSpec spec) {
            this.spec = spec;
            this.remaining = spec.count();
        }
    }

    /** What happens to the answer of one push delivery. */
    public record PushAnswerFault(boolean drop, Duration delay) {}

    /** How long a {@code stall_body} answer stalls when the fault names no {@code millis}: longer than any sane client timeout. */
    public static final Duration DEFAULT_STALL = Duration.ofMinutes(5);

    private final List<Pending> pending = new ArrayList<>();

    /** Validates and stores a fault; returns it with defaults filled in. */
    public synchronized FaultSpec add(FaultSpec spec) {
        String type = spec.type();
        if (type == null) {
            throw new ControlException(
                    400,
                    "type is required: error, latency, stall_body, invalidate_token, push_drop, push_delay or push_previous_key");
        }
        int count = spec.count() == null ? 1 : spec.count();
        if (count < 1) {
            throw new ControlException(400, "count must be at least 1");
        }
        FaultSpec normal = switch (type) {
            case "error" -> {
                requirePath(spec);
                if (spec.errcode() == null) {
                    throw new ControlException(400, "errcode is required for an error fault");
                }
                String msg = spec.errmsg() == null ? WeChatError.defaultMessage(spec.errcode()) : spec.errmsg();
                yield new FaultSpec(type, spec.path(), spec.errcode(), msg, count, null, null, null);
            }
            case "latency" -> {
                requirePath(spec);
                yield new FaultSpec(type, spec.path(), null, null, count, requireMillis(spec), null, null);
            }
            case "stall_body" -> {
                requirePath(spec);
                long millis = spec.millis() == null ? DEFAULT_STALL.toMillis() : requireMillis(spec);
                yield new FaultSpec(type, spec.path(), null, null, count, millis, null, null);
            }
            case "push_drop", "push_previous_key" ->
                new FaultSpec(type, null, null, null, count, null, spec.appId(), null);
            case "push_delay" -> new FaultSpec(type, null, null, null, count, requireMillis(spec), spec.appId(), null);
            default -> throw new ControlException(400, "unknown fault type " + type);
        };
        pending.add(new Pending(normal));
        return normal;
    }

    private static void requirePath(FaultSpec spec) {
        if (spec.path() == null || !(spec.path().startsWith("/") || spec.path().equals("*"))) {
            throw new ControlException(400, "path is required: an endpoint path such as /cgi-bin/token, or *");
        }
    }

    private static long requireMillis(FaultSpec spec) {
        if (spec.millis() == null || spec.millis() < 0 || spec.millis() > 600_000) {
            throw new ControlException(400, "millis is required, 0 to 600000");
        }
        return spec.millis();
    }

    /** Latency to add to this call of {@code path} (consumes matching latency faults). */
    public synchronized Duration latencyFor(String path) {
        long total = 0;
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.spec.type().equals("latency") && matches(p.spec.path(), path)) {
                total += p.spec.millis();
                if (--p.remaining == 0) {
                    it.remove();
                }
            }
        }
        return Duration.ofMillis(total);
    }

    /**
     * How long the body of this call's answer stalls after its first part, or null (consumes one matching
     * {@code stall_body} fault).
     */
    public synchronized Duration bodyStallFor(String path) {
        FaultSpec stall = takeOne(f -> f.type().equals("stall_body") && matches(f.path(), path));
        return stall == null ? null : Duration.ofMillis(stall.millis());
    }

    /** The error this call of {@code path} must answer, or null (consumes one matching error fault). */
    public synchronized WeChatError errorFor(String path) {
        FaultSpec error = takeOne(f -> f.type().equals("error") && matches(f.path(), path));
        return error == null ? null : new WeChatError(error.errcode(), error.errmsg());
    }

    /** What happens to the answer of a push delivery of the account (consumes one matching push fault). */
    public synchronized PushAnswerFault pushAnswerFault(String appId) {
        FaultSpec fault =
                takeOne(f -> (f.type().equals("push_drop") || f.type().equals("push_delay")) && forAccount(f, appId));
        if (fault == null) {
            return null;
        }
        return fault.type().equals("push_drop")
                ? new PushAnswerFault(true, Duration.ZERO)
                : new PushAnswerFault(false, Duration.ofMillis(fault.millis()));
    }

    /** Whether the next push of the account is to be encrypted with its previous key (consumes one such fault). */
    public synchronized boolean usePreviousKey(String appId) {
        return takeOne(f -> f.type().equals("push_previous_key") && forAccount(f, appId)) != null;
    }

    /** Consumes one use of the oldest pending fault that {@code applies}; null when there is none. */
    private FaultSpec takeOne(Predicate<FaultSpec> applies) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (applies.test(p.spec)) {
                if (--p.remaining == 0) {
                    it.remove();
                }
                return p.spec;
            }
        }
        return null;
    }

    /** A push fault without an AppID applies to every account. */
    private static boolean forAccount(FaultSpec fault, String appId) {
        return fault.appId() == null || fault.appId().equals(appId);
    }

    private static boolean matches(String pattern, String path) {
        return pattern.equals("*") || pattern.equals(path);
    }

    /** The pending faults with their remaining counts. */
    public synchronized List<FaultSpec> pending() {
        List<FaultSpec> out = new ArrayList<>();
        for (Pending p : pending) {
            FaultSpec s = p.spec;
            out.add(new FaultSpec(
                    s.type(), s.path(), s.errcode(), s.errmsg(), p.remaining, s.millis(), s.appId(), null));
        }
        return out;
    }

    public synchronized void clear() {
        pending.clear();
    }
}
