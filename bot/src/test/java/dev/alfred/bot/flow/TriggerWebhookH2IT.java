package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link TriggerWebhookIT} on the embedded H2 database. */
class TriggerWebhookH2IT extends TriggerWebhookIT {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
