/**
 * The burst engine: one burst from its plan to its {@code Responses}, one step per file:
 * {@code Preparation} (prepare), {@code Staging} and {@code Lanes} (stage: build each Jetty
 * request, open its connections), {@code ReleaseStep} or {@code Dispatcher} (release), and
 * {@code Exchange} with {@code Deadlines} (collect); {@code BurstEngine} runs them in order and
 * {@code WarmUp} exercises them before the first burst. May call {@code plan}, {@code wire},
 * {@code client}, {@code gate} and {@code text}; knows nothing of JUnit. Not API.
 */
package dev.salvo.internal.engine;
