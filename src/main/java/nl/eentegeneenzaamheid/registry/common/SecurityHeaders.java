package nl.eentegeneenzaamheid.registry.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

    private final String graphQlPath;

    SecurityHeaders(@Value("${spring.graphql.http.path:/graphql}") String graphQlPath) {
        this.graphQlPath = graphQlPath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        setIfMissing(response, "X-Content-Type-Options", "nosniff");
        setIfMissing(response, "X-Frame-Options", "DENY");
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
