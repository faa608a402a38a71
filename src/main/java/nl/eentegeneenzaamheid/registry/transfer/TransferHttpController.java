package nl.eentegeneenzaamheid.registry.transfer;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.common.Access;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Import and export over plain HTTP, for files larger than a GraphQL string: {@code POST /import/{kind}} (a
 * multipart {@code file}, or the CSV itself as {@code text/csv}) answers the import report as JSON;
 * {@code GET /export/{kind}.csv} answers the CSV. The same rules as the GraphQL operations.
 */
@RestController
class TransferHttpController {

    private final Importer importer;
    private final Exporter exporter;
    private final Access access;
    private final Clock clock;

    TransferHttpController(Importer importer, Exporter exporter, Access access, Clock clock) {
        this.importer = importer;
        this.exporter = exporter;
        this.access = access;
        this.clock = clock;
    }

    @PostMapping(path = "/import/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport importFile(@PathVariable String kind, @RequestPart("file") MultipartFile file,
                            @RequestParam(required = false) String source,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                            LocalDate sourceDate,
                            @RequestParam(defaultValue = "false") boolean dryRun,
                            @RequestParam(defaultValue = "false") boolean acceptValidRows) throws IOException {
        var actor = access.programmeTeam();
        try (Reader csv = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            return importer.importCsv(actor, new Importer.Request(Kind.of(kind), source != null ? source
                    : file.getOriginalFilename(), sourceDate, dryRun, acceptValidRows), csv);
        }
    }

    @PostMapping(path = "/import/{kind}", consumes = "text/csv")
    ImportReport importBody(@PathVariable String kind, @RequestBody String csv,
                            @RequestParam(required = false) String source,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                            LocalDate sourceDate,
                            @RequestParam(defaultValue = "false") boolean dryRun,
                            @RequestParam(defaultValue = "false") boolean acceptValidRows) {
        return importer.importCsv(access.programmeTeam(),
                                  new Importer.Request(Kind.of(kind), source, sourceDate, dryRun, acceptValidRows),
                                  new StringReader(csv));
    }

    @GetMapping(path = "/export/{kind}.csv")
    ResponseEntity<String> export(@PathVariable String kind,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                  LocalDate asOf,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                  OffsetDateTime knownAt) {
        access.programmeTeamOrAuditor();
        Kind exported = Kind.of(kind);
        return ResponseEntity.ok()
                             .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                             .header(HttpHeaders.CONTENT_DISPOSITION,
                                     "attachment; filename=\"" + exported.slug() + ".csv\"")
                             .body(TransferController.export(exporter, clock, exported, asOf, knownAt));
    }

    /** The registry's error codes as HTTP statuses, with the same code and message as GraphQL gives. */
    @ExceptionHandler(RegistryException.class)
    ResponseEntity<Map<String, String>> refused(RegistryException e) {
        HttpStatus status = switch (e.code()) {
            case VALIDATION -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        return ResponseEntity.status(status).body(Map.of("code", e.code().name(), "message", e.getMessage()));
    }
}
