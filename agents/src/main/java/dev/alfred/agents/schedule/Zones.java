package dev.alfred.agents.schedule;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * IANA time zone names as the JDK's time-zone database knows them ({@link ZoneId#getAvailableZoneIds()}), looked up
 * without regard to case; offsets such as {@code +02:00} are not zone names.
 */
public final class Zones {
    /** The zone of a schedule that names none. */
    public static final String DEFAULT = "UTC";
    private static final Map<String, String> BY_LOWER_CASE = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toUnmodifiableMap(id -> id.toLowerCase(Locale.ROOT), Function.identity(),
                    (a, b) -> a));

    private Zones() {
    }

    /**
     * @return the zone's canonical spelling (e.g. {@code Europe/Paris} for {@code europe/paris}), if it is one
     */
    public static Optional<String> find(String name) {
        return Optional.ofNullable(BY_LOWER_CASE.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * @return the zone
     * @throws InvalidScheduleException when {@code name} is not an IANA zone name
     */
    public static ZoneId of(String name) {
        return ZoneId.of(find(name).orElseThrow(() -> new InvalidScheduleException("`" + name + "` is not a time "
                + "zone I know; use an IANA name such as `Europe/Paris` or `America/New_York` (default `UTC`).")));
    }
}
