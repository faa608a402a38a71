package nl.eentegeneenzaamheid.registry.access;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stateless bearer-token authentication: {@code /graphql}, {@code /audit} (the log export) and the actuator (but its
 * health) need a valid token; the GraphiQL page, the schema and everything static do not. A missing, unknown, revoked
 * or expired token is one and the same 401, so an answer tells nothing about which tokens exist.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String UNAUTHENTICATED = "{\"errors\":[{\"message\":\"A valid access token is required: send "
            + "the header Authorization: Bearer <token>. Ask the programme team for a token.\",\"extensions\":"
            + "{\"code\":\"UNAUTHENTICATED\"}}]}";
    private static final String TOO_MANY = "{\"errors\":[{\"message\":\"Too many failed authentications from this "
            + "address; wait a minute and send a valid token.\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, BearerAuthentication bearer,
                                            @Value("${spring.graphql.websocket.path:/graphql}") String webSocketPath)
            throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> write(response, 401, UNAUTHENTICATED);
        // A browser cannot set headers on a WebSocket: an upgrade without one goes through, and the token comes in
        // graphql-ws's connection_init instead (WebSocketAuthentication). An upgrade with a header is checked here.
        RequestMatcher bareUpgrade = request -> webSocketPath.equals(request.getRequestURI())
                                                && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))
                                                && request.getHeader(HttpHeaders.AUTHORIZATION) == null;
        http.csrf(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(a -> a
                    // The response of an already authenticated request (GraphQL answers asynchronously).
                    .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                    .requestMatchers("/graphql/schema", "/graphiql", "/graphiql/**").permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                    .requestMatchers(bareUpgrade).permitAll()
                    .requestMatchers("/graphql", "/graphql/**", "/actuator/**", "/audit/**",
                                     "/import/**", "/export/**").authenticated()
                    .anyRequest().permitAll())
            .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated))
            .addFilterBefore(new BearerTokenFilter(bearer), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    private static void write(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Authenticates a request that carries an {@code Authorization} header (see {@link BearerAuthentication}). */
    static final class BearerTokenFilter extends OncePerRequestFilter {

        private final BearerAuthentication bearer;

        BearerTokenFilter(BearerAuthentication bearer) {
            this.bearer = bearer;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null) {
                String client = request.getRemoteAddr();
                if (bearer.blocked(client)) {
                    write(response, 429, TOO_MANY);
                    return;
                }
                bearer.authenticateHeader(header, client).ifPresent(caller -> SecurityContextHolder.getContext()
                        .setAuthentication(BearerAuthentication.authentication(caller)));
            }
            chain.doFilter(request, response);
        }
    }
}
