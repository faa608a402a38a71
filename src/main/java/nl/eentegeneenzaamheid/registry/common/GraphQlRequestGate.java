package nl.eentegeneenzaamheid.registry.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any GraphQL work and with a GraphQL-shaped VALIDATION error, a POST to the GraphQL endpoint whose
 * body is too large (413), empty, not JSON, or a JSON array (a batch: one request is one operation, so batching
 * cannot multiply work past the per-operation limits) (400). Spring MVC would answer the last three with its
 * generic error page instead. Runs before authentication so an oversized body is never held in memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class GraphQlRequestGate extends OncePerRequestFilter {

    private final String path;
    private final int maxBytes;
    private final ObjectMapper json;

    GraphQlRequestGate(@Value("${spring.graphql.http.path:/graphql}") String path, GraphQlLimitProperties limits,
                       ObjectMapper json) {
        this.path = path;
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 1, limits.maxRequestSize().toBytes());
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !path.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        if (isJson(request.getContentType())) {
            String problem = problem(body);
            if (problem != null) {
                refuse(response, HttpStatus.BAD_REQUEST, problem);
                return;
            }
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    private String tooLarge() {
        return "The request body is larger than " + maxBytes + " bytes (registry.graphql.max-request-size).";
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
        } catch (RuntimeException notAMediaType) {
            return false;   // Spring MVC answers 415
        }
    }

    private String problem(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException | RuntimeException e) {
            return "The request body is not valid JSON; send one JSON object such as {\"query\": \"{ registry { logHead } }\"}.";
        } catch (IOException e) {
            return "The request body could not be read.";
        }
        if (tree == null || tree.isMissingNode()) {
            return "The request body is empty; send one JSON object such as {\"query\": \"{ registry { logHead } }\"}.";
        }
        if (tree.isArray()) {
            return "Batches (a JSON array of operations) are not accepted; send one operation per request.";
        }
        if (!tree.isObject()) {
            return "The request body must be one JSON object with a query.";
        }
        return null;
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), Map.of("errors", java.util.List.of(
                Map.of("message", message, "extensions", Map.of("code", ErrorCode.VALIDATION.name())))));
    }

    /** The request with the body this filter already read. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
