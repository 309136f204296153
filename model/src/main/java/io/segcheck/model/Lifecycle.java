package io.segcheck.model;

/** A state of an owned thing (segment or page); the states of both live in one {@link TransitionTable}. */
public sealed interface Lifecycle permits SegmentState, PageState {
}
