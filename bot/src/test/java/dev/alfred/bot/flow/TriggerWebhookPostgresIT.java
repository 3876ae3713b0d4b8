package dev.alfred.bot.flow;

import dev.alfred.bot.support.TestDatabase;

/** {@link TriggerWebhookIT} on PostgreSQL. */
class TriggerWebhookPostgresIT extends TriggerWebhookIT {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
