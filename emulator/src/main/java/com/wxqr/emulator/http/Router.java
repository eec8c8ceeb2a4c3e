package com.wxqr.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests by method and path template ({@code /emulator/users/{openid}/scan}).
 * Unknown paths get 404, known paths with another method 405, handler failures 500; a
 * {@link ControlException} becomes its status with {@code {"error": ...}}.
 */
public final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** Handles one request; must answer through the exchange. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange exchange) throws Exception;
    }

    private record Route(String method, Pattern pattern, List<String> names, Handler handler) {}

    private record Filter(String pathPrefix, Handler check) {}

    private final List<Route> routes = new ArrayList<>();
    private final List<Filter> filters = new ArrayList<>();

    /**
     * Runs {@code check} before any request whose path starts with {@code pathPrefix} (also before a 404 or 405);
     * a {@link ControlException} thrown by the check is the answer and the request goes no further.
     */
    public Router filter(String pathPrefix, Handler check) {
        filters.add(new Filter(pathPrefix, check));
        return this;
    }

    public Router route(String method, String template, Handler handler) {
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(method, Pattern.compile(regex.toString()), names, handler));
        return this;
    }

    public Router get(String template, Handler handler) {
        return route("GET", template, handler);
    }

    public Router post(String template, Handler handler) {
        return route("POST", template, handler);
    }

    public Router delete(String template, Handler handler) {
        return route("DELETE", template, handler);
    }

    @Override
    public void handle(HttpExchange raw) throws IOException {
        try {
            String path = raw.getRequestURI().getPath();
            String method = raw.getRequestMethod();
            for (Filter filter : filters) {
                if (path.startsWith(filter.pathPrefix) && !admitted(filter.check, new Exchange(raw, Map.of()))) {
                    return;
                }
            }
            boolean pathKnown = false;
            for (Route route : routes) {
                Matcher m = route.pattern.matcher(path);
                if (!m.matches()) {
                    continue;
                }
                pathKnown = true;
                boolean headAsGet = "HEAD".equals(method) && "GET".equals(route.method);
                if (!route.method.equals(method) && !headAsGet) {
                    continue;
                }
                Map<String, String> params = new HashMap<>();
                for (int i = 0; i < route.names.size(); i++) {
                    params.put(
                            route.names.get(i),
                            java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
                run(route.handler, new Exchange(raw, params));
                return;
            }
            Exchange exchange = new Exchange(raw, Map.of());
            var error = Json.object().put("error", pathKnown ? "method not allowed" : "not found: " + path);
            exchange.json(pathKnown ? 405 : 404, error);
        } finally {
            raw.close();
        }
    }

    private static boolean admitted(Handler check, Exchange exchange) throws IOException {
        try {
            check.handle(exchange);
            return true;
        } catch (ControlException e) {
            exchange.json(e.status(), Json.object().put("error", e.getMessage()));
            return false;
        } catch (Exception e) {
            LOG.warn("request {} {} failed in a filter", exchange.method(), exchange.path(), e);
            exchange.json(
                    500,
                    Json.object().put("error", "internal error: " + e.getClass().getSimpleName()));
            return false;
        }
    }

    private static void run(Handler handler, Exchange exchange) throws IOException {
        try {
            handler.handle(exchange);
        } catch (ControlException e) {
            exchange.json(e.status(), Json.object().put("error", e.getMessage()));
        } catch (WeChatError e) {
            exchange.wechatError(e);
        } catch (tools.jackson.core.JacksonException e) {
            exchange.json(400, Json.object().put("error", "bad JSON: " + e.getOriginalMessage()));
        } catch (Exception e) {
            LOG.warn("request {} {} failed", exchange.method(), exchange.path(), e);
            try {
                exchange.json(
                        500,
                        Json.object()
                                .put("error", "internal error: " + e.getClass().getSimpleName()));
            } catch (IOException | RuntimeException ignored) {
                // the response was already (partly) sent
            }
        }
    }
}
