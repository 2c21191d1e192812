package org.live110.simulator;

/** Why a produced record looks the way it does; the simulator's intent, used for statistics. */
public enum Fault {
  /** A clean event, delivered on time. */
  NONE,
  /** An exact copy of an earlier record (an at-least-once producer retrying). */
  DUPLICATE,
  /** The same order paid again under a new event id (a payment callback retried). */
  PAID_TWICE,
  /** A clean event delivered minutes after later events. */
  OUT_OF_ORDER,
  /** A clean event delivered hours after its event time. */
  LATE,
  /** A record the parser must reject; see the reject reason the generator intended. */
  BAD
}
