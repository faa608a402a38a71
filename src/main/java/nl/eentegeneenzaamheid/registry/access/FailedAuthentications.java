package nl.eentegeneenzaamheid.registry.access;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed authentications per client address in a sliding window: a client past the limit is refused without its
 * token being looked at until its oldest failure leaves the window. Other clients are not affected.
 */
final class FailedAuthentications {

    private static final int MAX_CLIENTS = 10_000;

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    FailedAuthentications(int limit, long windowMillis, Clock clock) {
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    boolean blocked(String client) {
        Deque<Long> times = failures.get(client);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            prune(times);
            return times.size() >= limit;
        }
    }

    void record(String client) {
        if (failures.size() > MAX_CLIENTS) {
            // Bounded memory under a spray from many addresses: forget the idle ones.
            failures.values().removeIf(times -> {
                synchronized (times) {
                    prune(times);
                    return times.isEmpty();
                }
            });
        }
        Deque<Long> times = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.millis());
        }
    }

    private void prune(Deque<Long> times) {
        long from = clock.millis() - windowMillis;
        while (!times.isEmpty() && times.peekFirst() <= from) {
            times.removeFirst();
        }
    }
}
