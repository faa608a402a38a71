package nl.eentegeneenzaamheid.registry.pilot;

/** A pilot runs while RUNNING or EVALUATED; CONVERTED_TO_PROJECT and STOPPED end it as a pilot. */
public enum PilotStatus { RUNNING, EVALUATED, CONVERTED_TO_PROJECT, STOPPED }
