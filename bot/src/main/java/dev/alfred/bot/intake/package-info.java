/** Task intake: a verified request becomes a recorded run and an enqueued job, or a clear refusal. */
package dev.alfred.bot.intake;
