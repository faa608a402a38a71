package nl.eentegeneenzaamheid.registry.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One event of the log as an auditor reads it (the GraphQL type {@code AuditEntry}). {@code actor} is the name shown
 * ({@link nl.eentegeneenzaamheid.registry.access.ActorNames}); {@code role}, {@code requestId}, {@code correlationId},
 * {@code traceId}, {@code source} and {@code sourceDate} come from the event's metadata where present.
 */
record AuditEntry(double globalIndex, String eventId, String aggregateId, String aggregateType, double sequenceNumber,
                  String type, LocalDate occurredOn, OffsetDateTime recordedAt, String actor, String role,
                  String requestId, String correlationId, String traceId, String source, String sourceDate,
                  Map<String, Object> payload, String hash) {
}
