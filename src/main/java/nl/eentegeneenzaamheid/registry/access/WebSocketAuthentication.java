package nl.eentegeneenzaamheid.registry.access;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Authentication of a GraphQL WebSocket (graphql-ws). Browsers cannot set headers on a WebSocket, so the token comes
 * in the {@code connection_init} payload, as {@code {"Authorization": "Bearer <secret>"}} ({@code authorization}
 * lower case works too) or {@code {"token": "<secret>"}}; without one, the upgrade request's own
 * {@code Authorization} header counts (that header is checked once more by {@link SecurityConfiguration} before the
 * upgrade). A connection that authenticates nobody is closed by Spring with 4401 Unauthorized, the same answer for a
 * missing, unknown, revoked or expired token; every failure counts in the failed-authentication limit.
 *
 * <p>The secret is kept in the session (in memory only) and checked again for every {@code subscribe}, so a
 * revocation stops new operations on an open connection at once.
 */
@Component
class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

    private static final String SECRET = WebSocketAuthentication.class.getName() + ".secret";

    private final BearerAuthentication bearer;

    WebSocketAuthentication(BearerAuthentication bearer) {
        this.bearer = bearer;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        String client = client(session);
        if (bearer.blocked(client)) {
            return Mono.error(new IllegalStateException("Too many failed authentications from " + client));
        }
        String header = header(payload).orElse(session.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (bearer.authenticateHeader(header, client).isEmpty()) {
            return Mono.error(new IllegalStateException("No valid token in connection_init"));
        }
        session.getAttributes().put(SECRET, header);
        return Mono.empty();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest webSocket)) {
            return chain.next(request);
        }
        WebSocketSessionInfo session = webSocket.getSessionInfo();
        String header = (String) session.getAttributes().get(SECRET);
        // Data fetchers run with the thread locals restored from the Reactor context (Spring for GraphQL's context
        // propagation); the SecurityContext is one of them, under Spring Security's accessor key.
        SecurityContext security = new SecurityContextImpl();
        if (header != null) {
            bearer.authenticateHeader(header, client(session))
                  .ifPresent(caller -> security.setAuthentication(BearerAuthentication.authentication(caller)));
        }
        return chain.next(request).contextWrite(Context.of(SecurityContext.class.getName(), security));
    }

    /** {@code Bearer <secret>} from the payload's {@code Authorization}/{@code authorization} or bare {@code token}. */
    private static Optional<String> header(Map<String, Object> payload) {
        if (payload == null) {
            return Optional.empty();
        }
        for (String key : new String[] {"Authorization", "authorization"}) {
            if (payload.get(key) instanceof String value) {
                return Optional.of(value);
            }
        }
        return payload.get("token") instanceof String token ? Optional.of("Bearer " + token) : Optional.empty();
    }

    private static String client(WebSocketSessionInfo session) {
        InetSocketAddress remote = session.getRemoteAddress();
        return remote == null ? "unknown" : remote.getAddress() == null ? remote.getHostString()
                : remote.getAddress().getHostAddress();
    }
}
