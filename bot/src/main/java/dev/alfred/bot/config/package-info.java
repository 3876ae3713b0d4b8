/** Configuration: environment variables of DESIGN.md section 4 turned into Micronaut properties, and settings beans. */
package dev.alfred.bot.config;
