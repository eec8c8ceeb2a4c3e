package com.wxqr.app.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Runs the {@link TestDatabases} of the annotated class on PostgreSQL ({@link TestPostgres}), whatever
 * kind they name: a class written on H2 runs again on PostgreSQL as an {@code …IT} subclass,
 * {@code @OnPostgreSQL class QuoteRepositoryIT extends QuoteRepositoryTest {}}. A Spring test context
 * ({@link SafePassiveApp}) gets the same: the app on a fresh PostgreSQL schema, dropped with the context.
 */
@Documented
@ContextCustomizerFactories(PostgresContext.class)
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OnPostgreSQL {}
