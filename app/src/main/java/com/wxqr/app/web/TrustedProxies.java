package com.wxqr.app.web;

import com.wxqr.app.web.SiteProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only from the proxies listed in
 * {@code wxqr.trusted-proxies} (exact IP addresses, e.g. {@code 127.0.0.1,::1} for an nginx on the
 * same machine); from anyone else the headers are ignored and the client address is the
 * connection's. With the list empty (the default) no forwarded header is believed.
 *
 * <p>It narrows the {@link RemoteIpValve} that {@code server.forward-headers-strategy=native} adds
 * (whose own default trusts every private network) and runs after Boot's customizer.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String internalProxies;

    TrustedProxies(SiteProperties site) {
        this.internalProxies = site.trustedProxies().stream()
                .map(TrustedProxies::canonical)
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
    }

    /** The address as Tomcat reports a remote address ({@code ::1} is {@code 0:0:0:0:0:0:0:1}). */
    private static String canonical(String address) {
        if (!IPV4.matcher(address).matches() && !address.contains(":")) {
            throw new IllegalArgumentException(
                    "wxqr.trusted-proxies must list IP addresses, not host names or ranges: " + address);
        }
        try {
            return InetAddress.getByName(address).getHostAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("wxqr.trusted-proxies: not an IP address: " + address);
        }
    }

    @Override
    public void customize(TomcatWebServerFactory factory) {
        factory.getEngineValves().stream()
                .filter(RemoteIpValve.class::isInstance)
                .map(RemoteIpValve.class::cast)
                .forEach(valve -> {
                    valve.setInternalProxies(internalProxies.isEmpty() ? null : internalProxies);
                    valve.setTrustedProxies(null);
                });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
