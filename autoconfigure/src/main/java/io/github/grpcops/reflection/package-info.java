/**
 * Server reflection v1 beside the v1alpha service the server integration registers, for grpc-java
 * 1.63. API: {@link io.github.grpcops.reflection.ReflectionV1} (the v1 descriptors, for clients),
 * {@link io.github.grpcops.reflection.ReflectionV1Service} and
 * {@link io.github.grpcops.reflection.ReflectionV1AutoConfiguration}.
 */
package io.github.grpcops.reflection;
