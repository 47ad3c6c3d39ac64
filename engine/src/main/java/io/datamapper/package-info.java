/**
 * Data Mapper's engine: the exception family that says whose fault a failure is ({@link
 * io.datamapper.DataMapperException}, {@link io.datamapper.EnvironmentException}, {@link
 * io.datamapper.InternalException}, {@link io.datamapper.Blame}); the features live in the
 * subpackages. Plain Java: no Spring on this module's classpath.
 */
package io.datamapper;
