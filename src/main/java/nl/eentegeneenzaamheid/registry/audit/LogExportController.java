package nl.eentegeneenzaamheid.registry.audit;

import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.common.Access;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.eventstore.CommitLog;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /audit/log.ndjson[?from=&to=]}: the log as NDJSON for auditors and the programme team (a partner gets
 * 403, no token 401 from the security filter). The body streams as it is read from the store.
 */
@RestController
class LogExportController {

    static final MediaType NDJSON = new MediaType("application", "x-ndjson", StandardCharsets.UTF_8);

    private final Access access;
    private final LogExport export;
    private final ObjectMapper json;

    LogExportController(Access access, MongoTemplate mongo, ObjectMapper json) {
        this.access = access;
        this.json = json;
        this.export = new LogExport(new CommitLog(mongo.getDb()));
    }

    @GetMapping("/audit/log.ndjson")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to) {
        try {
            access.programmeTeamOrAuditor();
        } catch (RegistryException e) {
            return error(HttpStatus.FORBIDDEN, e);
        }
        if (from != null && from < 1 || to != null && to < (from == null ? 1 : from)) {
            return error(HttpStatus.BAD_REQUEST, RegistryException.validation(
                    "from must be a position of 1 or more and to at least from; got from=" + from + ", to=" + to));
        }
        StreamingResponseBody body = out -> export.write(from, to, out);
        return ResponseEntity.ok().contentType(NDJSON)
                             .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"registry-log"
                                     + (from == null ? "" : "-from-" + from) + (to == null ? "" : "-to-" + to)
                                     + ".ndjson\"")
                             .body(body);
    }

    /** The error in the shape GraphQL answers use, so a client reads both alike. */
    private ResponseEntity<StreamingResponseBody> error(HttpStatus status, RegistryException e) {
        Map<String, Object> body = Map.of("errors", List.of(Map.of("message", e.getMessage(), "extensions",
                                                                   Map.of("code", e.code().name()))));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                             .body(out -> json.writeValue(out, body));
    }
}
