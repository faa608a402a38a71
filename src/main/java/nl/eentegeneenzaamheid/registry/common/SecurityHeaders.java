package nl.eentegeneenzaamheid.registry.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every HTTP response (docs/hardening.md). Only headers not set yet are added, so a later
 * layer (Spring Security's own header writers) can set them as well without duplicates.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeaders extends OncePerRequestFilter {

    /**
     * The dashboard's page (docs/dashboard.md) loads only what the jar serves: its scripts, styles and boundary files
     * from this origin, images it makes itself (data: and blob: for PNG/SVG exports), GraphQL on this origin.
     * ECharts writes inline style attributes (tooltips), hence 'unsafe-inline' for styles only.
     */
    static final String DASHBOARD_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors ";

    private final String graphQlPath;
    private final String dashboardPolicy;

    SecurityHeaders(@Value("${spring.graphql.http.path:/graphql}") String graphQlPath,
                    @Value("${registry.dashboard.frame-ancestors:'none'}") String frameAncestors,
                    @Value("${registry.oidc.client-id:}") String oidcClient,
                    @Value("${registry.oidc.issuer-uri:}") String oidcIssuer,
                    @Value("${registry.oidc.token-endpoint:}") String oidcTokenEndpoint) {
        this.graphQlPath = graphQlPath;
        String policy = DASHBOARD_POLICY + frameAncestors;
        if (!oidcClient.isBlank() && !oidcIssuer.isBlank()) {
            // The dashboard's OIDC sign-in reads the issuer's discovery document and redeems the code at its token
            // endpoint from the page: those origins (only those) join connect-src.
            String origins = Stream.of(oidcIssuer, oidcTokenEndpoint).filter(u -> !u.isBlank())
                                   .map(SecurityHeaders::origin).distinct().collect(Collectors.joining(" "));
            policy = policy.replace("connect-src 'self'", "connect-src 'self' " + origins);
        }
        this.dashboardPolicy = policy;
    }

    private static String origin(String url) {
        URI uri = URI.create(url.trim());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        setIfMissing(response, "X-Content-Type-Options", "nosniff");
        String uri = request.getRequestURI();
        if ("/".equals(uri) || "/index.html".equals(uri)) {
            // The embed variant may be framed by the pages named in frame-ancestors (none by default).
            setIfMissing(response, "Content-Security-Policy", dashboardPolicy);
        } else {
            setIfMissing(response, "X-Frame-Options", "DENY");
        }
        setIfMissing(response, "Content-Security-Policy", "frame-ancestors 'none'");
        setIfMissing(response, "Referrer-Policy", "no-referrer");
        if (graphQlPath.equals(request.getRequestURI())) {
            // Answers carry registry data and depend on the caller: no cache or proxy may keep them.
            setIfMissing(response, "Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    private static void setIfMissing(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }
}
