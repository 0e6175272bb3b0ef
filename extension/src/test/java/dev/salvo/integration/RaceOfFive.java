package dev.salvo.integration;

import dev.salvo.ConcurrentRequests;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A composed annotation: five simultaneous GETs of /echo/race. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ConcurrentRequests(count = 5, url = "/echo/race")
@interface RaceOfFive {}
