package dev.alfred.bot.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collector's pauses in this JVM while it listens, from the collectors' JMX notifications
 * ({@link GarbageCollectionNotificationInfo}): start and end in epoch milliseconds (the JVM's start time plus the
 * collection's {@link GcInfo#getStartTime()}/{@link GcInfo#getEndTime()}, millisecond resolution). Collectors that
 * work beside the application ({@code G1 Concurrent GC}) are left out: they do not stop it. The benchmark uses it to
 * say which slow steps a pause fell into.
 */
final class GcPauses implements NotificationListener, AutoCloseable {
    private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final List<long[]> pauses = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();

    GcPauses() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        if (info.getGcName().contains("Concurrent")) {
            return;
        }
        GcInfo gc = info.getGcInfo();
        synchronized (pauses) {
            pauses.add(new long[] {jvmStart + gc.getStartTime(), jvmStart + gc.getEndTime()});
        }
    }

    /** @return how many pauses were seen */
    int count() {
        synchronized (pauses) {
            return pauses.size();
        }
    }

    /** @return the pauses' total length in milliseconds */
    long totalMillis() {
        synchronized (pauses) {
            return pauses.stream().mapToLong(pause -> pause[1] - pause[0]).sum();
        }
    }

    /** @return whether a pause overlapped {@code [fromMillis, toMillis]} (epoch milliseconds) */
    boolean overlaps(long fromMillis, long toMillis) {
        synchronized (pauses) {
            return pauses.stream().anyMatch(pause -> pause[0] <= toMillis && pause[1] >= fromMillis);
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException e) {
                // not registered: nothing to remove
            }
        }
    }
}
